package dev.openactions.partnerkit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openactions.npm.AllowedRegistries;
import dev.openactions.npm.DependencyFailure;
import dev.openactions.npm.DependencyResolver;
import dev.openactions.npm.NpmConfig;
import dev.openactions.npm.NpmDependency;
import dev.openactions.npm.NpmRegistryClient;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Resolves an integration's npm dependencies as the platform does when the version is submitted: the
 * registry service's own resolver (npm-resolver: npm's version choice, hoisting and nesting, integrity
 * check, native-addon refusal, limits) with its {@code registry.npm.*} settings and their defaults,
 * over which the kit's options go. The result is the same content-addressed tree the submission pins.
 */
final class NpmDependencies {
    private NpmDependencies() {}

    /** Why the tree cannot be had, with the platform's error id; the message names the package. */
    static final class Unresolvable extends Exception {
        final String id;

        Unresolvable(String id, String message) {
            super(message);
            this.id = id;
        }
    }

    /** @param properties {@code registry.npm.*} settings over the registry service's defaults */
    static DependencyResolver.Resolution resolve(List<NpmDependency> dependencies, Map<String, String> properties)
            throws Unresolvable {
        NpmConfig config;
        try {
            config = new SmallRyeConfigBuilder()
                    .withMapping(NpmConfig.class)
                    .withConverter(Duration.class, 200, new DurationConverter())
                    .withSources(new PropertiesConfigSource(properties, "partner-kit npm options", 400))
                    .build()
                    .getConfigMapping(NpmConfig.class);
        } catch (RuntimeException e) {
            throw new Unresolvable("invalid_option", "the npm registry options cannot be used: " + e.getMessage());
        }
        // read as the service reads registry metadata (its StrictJson), written as it writes the bundle's
        // root package.json, so the same tree gets the same content address
        ObjectMapper json = new ObjectMapper()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        DependencyResolver resolver = new DependencyResolver(
                new NpmRegistryClient(config, json), new AllowedRegistries(config), config, json);
        try {
            return resolver.resolve(dependencies);
        } catch (DependencyFailure failure) {
            throw new Unresolvable(failure.id(), failure.getMessage());
        } catch (IllegalArgumentException e) {
            // a registry address the HTTP client cannot use (another scheme, no host)
            throw new Unresolvable("invalid_option", "the npm registry cannot be used: " + e.getMessage());
        }
    }
}
