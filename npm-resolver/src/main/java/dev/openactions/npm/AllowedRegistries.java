package dev.openactions.npm;

import java.net.URI;
import java.util.HashSet;
import java.util.Set;

/**
 * The npm registries the platform may fetch from: {@code registry.npm.url} and the operator's
 * {@code registry.npm.allowed-registries}. Checked when a draft is saved and again before resolving,
 * so a registry removed from the list is not contacted for drafts saved while it was allowed (SSRF).
 */
public class AllowedRegistries {
    private final Set<String> allowed = new HashSet<>();

    public AllowedRegistries(NpmConfig config) {
        allowed.add(NpmRegistryClient.base(config.url()));
        config.allowedRegistries().ifPresent(list -> list.forEach(uri -> allowed.add(NpmRegistryClient.base(uri))));
    }

    /** Whether a dependency may name this {@code registry_url} (compared without a trailing slash). */
    public boolean allows(String registryUrl) {
        try {
            return allowed.contains(NpmRegistryClient.base(URI.create(registryUrl)));
        } catch (IllegalArgumentException notAUrl) {
            return false;
        }
    }
}
