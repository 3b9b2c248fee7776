package dev.openactions.registry.dependencies;

import dev.openactions.npm.AllowedRegistries;
import dev.openactions.npm.NpmConfig;
import dev.openactions.registry.config.ConfigMappings;
import java.util.Map;

/** The real {@link AllowedRegistries} for fast tests, from {@code registry.npm.*} properties. */
public final class Registries {
    private Registries() {}

    public static AllowedRegistries allowed(Map<String, String> npmProperties) {
        return new AllowedRegistries(ConfigMappings.of(NpmConfig.class, npmProperties));
    }
}
