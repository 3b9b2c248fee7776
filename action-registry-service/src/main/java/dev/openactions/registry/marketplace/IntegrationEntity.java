package dev.openactions.registry.marketplace;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A partner's integration: one trigger, listing data; its code lives in its versions. */
@Entity
@Table(name = "integrations")
public class IntegrationEntity {
    @Id
    public UUID id;

    @Column(name = "partner_id", nullable = false)
    public String partnerId;

    @Column(nullable = false)
    public String name;

    @Column(name = "trigger_id", nullable = false)
    public String triggerId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Listing listing;

    /** Shown in the catalog; unlisting hides it from new installs while existing installs keep running. */
    @Column(nullable = false)
    public boolean listed;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
