package dev.openactions.npm;

/**
 * Why a dependency tree could not be resolved. {@link #id} is the build error id the tenant sees
 * (Auth0's {@code {id, msg, url}} shape); messages name the package and are safe to show.
 * {@link #retryable} failures (the registry unreachable or answering 5xx) are retried by the build
 * worker; all others fail the build.
 */
public final class DependencyFailure extends RuntimeException {
    private final String id;
    private final boolean retryable;

    private DependencyFailure(String id, String message, boolean retryable) {
        super(message, null, false, false);
        this.id = id;
        this.retryable = retryable;
    }

    public static DependencyFailure notFound(String message) {
        return new DependencyFailure("dependency_not_found", message, false);
    }

    public static DependencyFailure integrity(String message) {
        return new DependencyFailure("dependency_integrity_mismatch", message, false);
    }

    public static DependencyFailure nativeAddon(String message) {
        return new DependencyFailure("dependency_native_addon", message, false);
    }

    public static DependencyFailure limit(String message) {
        return new DependencyFailure("dependency_limit_exceeded", message, false);
    }

    public static DependencyFailure invalid(String message) {
        return new DependencyFailure("dependency_invalid", message, false);
    }

    public static DependencyFailure unavailable(String message) {
        return new DependencyFailure("dependency_registry_unavailable", message, true);
    }

    public String id() {
        return id;
    }

    public boolean retryable() {
        return retryable;
    }
}
