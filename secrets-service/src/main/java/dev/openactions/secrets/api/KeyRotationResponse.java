package dev.openactions.secrets.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.openactions.secrets.service.KeyRotation;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A key rotation and the progress of its rewrap. */
public record KeyRotationResponse(
        UUID id,
        String status,
        @JsonProperty("key_id") String keyId,
        @JsonProperty("target_version") int targetVersion,
        long total,
        long rewrapped,
        long failed,
        long remaining,
        int pass,
        @JsonProperty("last_error") String lastError,
        @JsonProperty("requested_by") String requestedBy,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt,
        @JsonProperty("completed_at") Instant completedAt,
        @JsonProperty("retired_below") Integer retiredBelow,
        @JsonProperty("retired_by") String retiredBy,
        @JsonProperty("retired_at") Instant retiredAt) {

    static KeyRotationResponse from(KeyRotation r) {
        return new KeyRotationResponse(
                r.id(),
                r.status(),
                r.keyId(),
                r.targetVersion(),
                r.total(),
                r.rewrapped(),
                r.failed(),
                r.remaining(),
                r.pass(),
                r.lastError(),
                r.requestedBy(),
                r.createdAt(),
                r.updatedAt(),
                r.completedAt(),
                r.retiredBelow(),
                r.retiredBy(),
                r.retiredAt());
    }

    /** The configured key and how many stored values each of its versions seals. */
    public record Key(
            String provider,
            @JsonProperty("key_id") String keyId,
            @JsonProperty("latest_version") int latestVersion,
            @JsonProperty("min_decryption_version") int minDecryptionVersion,
            @JsonProperty("values_by_version") Map<Integer, Long> valuesByVersion,
            @JsonProperty("active_rotation") UUID activeRotation) {

        static Key from(KeyRotation.KeyState k) {
            return new Key(
                    k.provider(),
                    k.keyId(),
                    k.latestVersion(),
                    k.minDecryptionVersion(),
                    k.valuesByVersion(),
                    k.activeRotation());
        }
    }
}
