package dev.openactions.secrets.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One encrypted secret value of one owner. Never leaves the service layer. */
@Entity
@Table(name = "secret_values")
public class SecretValueEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "owner_id", nullable = false)
    public String ownerId;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public byte[] ciphertext;

    @Column(name = "key_id", nullable = false)
    public String keyId;

    @Column(name = "key_version", nullable = false)
    public int keyVersion;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Override
    public String toString() {
        return "SecretValue[" + tenantId + "/" + ownerId + "/" + name + "]";
    }
}
