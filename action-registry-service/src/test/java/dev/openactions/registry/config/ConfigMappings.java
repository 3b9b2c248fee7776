package dev.openactions.registry.config;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;

/**
 * The real {@code @ConfigMapping} interfaces, built by SmallRye Config from their defaults and the given
 * properties, for fast tests that need a setting but no Quarkus boot. Durations are read as Quarkus
 * reads them ({@code 5m}, {@code 1h}).
 */
public final class ConfigMappings {
    private ConfigMappings() {}

    public static <T> T of(Class<T> mapping, Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(mapping)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
        return config.getConfigMapping(mapping);
    }

    public static RegistryConfig registry(Map<String, String> properties) {
        return of(RegistryConfig.class, properties);
    }
}
