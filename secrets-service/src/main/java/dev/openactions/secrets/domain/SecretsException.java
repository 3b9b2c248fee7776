package dev.openactions.secrets.domain;

import java.util.List;

/**
 * Base of the secrets service's domain errors; each subclass maps to one HTTP status in ProblemMapper.
 * Messages never carry a secret value, and never echo names or values from a request body.
 */
public abstract class SecretsException extends RuntimeException {
    protected SecretsException(String message) {
        super(message);
    }

    /** A request that breaks a rule (limits, missing value for a new name); {@code field} points into the body. */
    public static final class InvalidSecrets extends SecretsException {
        private final String field;

        public InvalidSecrets(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** A malformed request outside the body's fields (a header, a query parameter). */
    public static final class InvalidRequest extends SecretsException {
        public InvalidRequest(String message) {
            super(message);
        }
    }

    /** The key backend is down: the caller should retry later. */
    public static final class KeyBackendUnavailable extends SecretsException {
        public KeyBackendUnavailable(String message) {
            super(message);
        }
    }

    /**
     * Stored ciphertext does not decrypt under its binding (tampered, moved from another row, or sealed
     * with a retired key version). Carries where, never what.
     */
    public static final class CorruptSecret extends SecretsException {
        private final String tenantId;
        private final String ownerId;
        private final List<String> names;

        public CorruptSecret(String tenantId, String ownerId, List<String> names) {
            super("stored secrets " + names + " of " + tenantId + "/" + ownerId + " failed their integrity check");
            this.tenantId = tenantId;
            this.ownerId = ownerId;
            this.names = List.copyOf(names);
        }

        public String tenantId() {
            return tenantId;
        }

        public String ownerId() {
            return ownerId;
        }

        public List<String> names() {
            return names;
        }
    }

    /** Only one key rotation runs at a time. */
    public static final class RotationInProgress extends SecretsException {
        public RotationInProgress(String rotationId) {
            super("key rotation " + rotationId + " is still rewrapping values; wait for it to finish");
        }
    }

    public static final class RotationNotFound extends SecretsException {
        public RotationNotFound(String rotationId) {
            super("no key rotation " + rotationId);
        }
    }

    /** The key backend's policy does not let this service do it; the message says what an operator can do instead. */
    public static final class KeyOperationNotPermitted extends SecretsException {
        public KeyOperationNotPermitted(String message) {
            super(message);
        }
    }

    /** Old key versions cannot be retired while values still need them. */
    public static final class RetirementRefused extends SecretsException {
        public RetirementRefused(String message) {
            super(message);
        }
    }
}
