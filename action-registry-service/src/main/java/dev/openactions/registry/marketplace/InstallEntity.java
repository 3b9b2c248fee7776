package dev.openactions.registry.marketplace;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * An integration version installed into a tenant. The install is the tenant's action with the same id
 * (bound, tested and executed like any other); this row says where its code came from, so the API
 * never shows that code, and holds its configuration values.
 */
@Entity
@Table(name = "integration_installs")
public class InstallEntity {
    @Id
    @Column(name = "action_id")
    public UUID actionId;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "integration_id", nullable = false)
    public UUID integrationId;

    @Column(name = "version_id", nullable = false)
    public UUID versionId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, String> configuration = new LinkedHashMap<>();

    @Column(name = "previous_version_id")
    public UUID previousVersionId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "previous_configuration")
    public Map<String, String> previousConfiguration;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
