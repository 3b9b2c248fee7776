package dev.openactions.registry.marketplace;

import dev.openactions.registry.domain.Dependency;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One semver version of an integration: code, dependencies, manifest, test cases and the review's evidence. */
@Entity
@Table(name = "integration_versions")
public class IntegrationVersionEntity {
    @Id
    public UUID id;

    @Column(name = "integration_id", nullable = false)
    public UUID integrationId;

    @Column(name = "partner_id", nullable = false)
    public String partnerId;

    @Column(nullable = false)
    public String version;

    @Column(nullable = false)
    public String code;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<Dependency> dependencies = new ArrayList<>();

    /** The resolved npm tree's content address once submitted (null without dependencies or while a draft). */
    @Column(name = "dependency_bundle")
    public String dependencyBundle;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Manifest manifest;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "test_cases", nullable = false)
    public List<TestCase> testCases = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public VersionStatus status;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "test_results", nullable = false)
    public List<TestResult> testResults = new ArrayList<>();

    /** The partner guideline's checks as run at submission, with their evidence (empty before). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<GuidelineCheck> checks = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<Review> reviews = new ArrayList<>();

    @Column(name = "submitted_at")
    public Instant submittedAt;

    @Column(name = "published_at")
    public Instant publishedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
