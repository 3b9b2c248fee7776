package dev.openactions.secrets.service;

import dev.openactions.secrets.domain.KeyRotationEntity;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A key rotation and how far its rewrap has come; {@code remaining} is counted when asked. */
public record KeyRotation(
        UUID id,
        String status,
        String keyId,
        int targetVersion,
        long total,
        long rewrapped,
        long failed,
        long remaining,
        int pass,
        String lastError,
        String requestedBy,
        Instant createdAt,
        Instant updatedAt,
        Instant completedAt,
        Integer retiredBelow,
        String retiredBy,
        Instant retiredAt) {

    static KeyRotation from(KeyRotationEntity e, long remaining) {
        return new KeyRotation(
                e.id,
                e.status.name().toLowerCase(),
                e.keyId,
                e.targetVersion,
                e.total,
                e.rewrapped,
                e.failed,
                remaining,
                e.pass,
                e.lastError,
                e.requestedBy,
                e.createdAt,
                e.updatedAt,
                e.completedAt,
                e.retiredBelow,
                e.retiredBy,
                e.retiredAt);
    }

    /** The configured key: its versions, how many values each seals, and the rotation in progress. */
    public record KeyState(
            String provider,
            String keyId,
            int latestVersion,
            int minDecryptionVersion,
            Map<Integer, Long> valuesByVersion,
            UUID activeRotation) {}
}
