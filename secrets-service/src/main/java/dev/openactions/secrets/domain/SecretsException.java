package dev.openactions.secrets.domain;

/** Base of the secrets service's domain errors; each subclass maps to one HTTP status in ProblemMapper. */
public abstract class SecretsException extends RuntimeException {
    protected SecretsException(String message) {
        super(message);
    }

    /** A request that breaks a rule (limits, missing value for a new name). */
    public static final class InvalidSecrets extends SecretsException {
        public InvalidSecrets(String message) {
            super(message);
        }
    }

    /** The key backend is down: the caller should retry later. */
    public static final class KeyBackendUnavailable extends SecretsException {
        public KeyBackendUnavailable(String message) {
            super(message);
        }
    }

    /** Stored ciphertext does not decrypt under its binding (tampered or moved rows). */
    public static final class CorruptSecret extends SecretsException {
        public CorruptSecret(String message) {
            super(message);
        }
    }
}
