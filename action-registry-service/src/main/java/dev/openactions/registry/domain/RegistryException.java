package dev.openactions.registry.domain;

/**
 * The registry's domain errors. Each subclass maps to exactly one HTTP status in the API's
 * ProblemMapper; messages are safe to show to the tenant.
 */
public abstract sealed class RegistryException extends RuntimeException {
    protected RegistryException(String message) {
        super(message);
    }

    /** A resource that does not exist, or that belongs to another tenant (indistinguishable on purpose). */
    public static final class NotFound extends RegistryException {
        public NotFound(String what, String id) {
            super(what + " '" + id + "' was not found");
        }
    }

    /** A request that conflicts with the current state (a taken name, an action still bound). */
    public static final class Conflict extends RegistryException {
        public Conflict(String message) {
            super(message);
        }
    }

    /** A well-formed request that breaks a rule (unknown trigger, unbound-able action). */
    public static final class Invalid extends RegistryException {
        public Invalid(String message) {
            super(message);
        }
    }

    /** A request over a configured limit that is about size (code too large). */
    public static final class TooLarge extends RegistryException {
        public TooLarge(String message) {
            super(message);
        }
    }

    /** A request that would go over a count limit (actions per tenant, bindings per trigger). */
    public static final class LimitExceeded extends RegistryException {
        public LimitExceeded(String message) {
            super(message);
        }
    }

    /** A collaborator (secrets-service) is down; the request changed nothing and may be retried. */
    public static final class DependencyUnavailable extends RegistryException {
        public DependencyUnavailable(String message) {
            super(message);
        }
    }
}
