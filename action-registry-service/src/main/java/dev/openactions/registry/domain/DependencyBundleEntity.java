package dev.openactions.registry.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A stored npm dependency tree, addressed by its content hash and shared by every version (of any
 * action and tenant) that resolved to the same tree. Written once, never changed.
 */
@Entity
@Table(name = "dependency_bundles")
public class DependencyBundleEntity {
    @Id
    public String hash;

    /** The gzip of the bundle's JSON, exactly as the executor receives it (after decompression). */
    @Column(nullable = false)
    public byte[] content;

    @Column(nullable = false)
    public int files;

    /** Total UTF-8 bytes of the files. */
    @Column(nullable = false)
    public long bytes;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
