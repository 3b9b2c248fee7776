package dev.openactions.registry.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An npm dependency of an action, as Auth0 has it. In a draft {@code version} is what the tenant wrote
 * (an exact version, a range or a dist-tag such as {@code latest}); in a built version it is the exact
 * version the build pinned. {@code registryUrl} names a private registry (one of
 * {@code registry.npm.allowed-registries}); null means the configured default registry.
 */
public record Dependency(
        String name,
        String version,
        @JsonInclude(JsonInclude.Include.NON_NULL) String registryUrl) {

    /** A dependency from the default registry. */
    public Dependency(String name, String version) {
        this(name, version, null);
    }
}
