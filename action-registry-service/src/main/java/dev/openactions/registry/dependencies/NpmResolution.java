package dev.openactions.registry.dependencies;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openactions.npm.AllowedRegistries;
import dev.openactions.npm.DependencyResolver;
import dev.openactions.npm.NpmConfig;
import dev.openactions.npm.NpmRegistryClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The npm resolver's parts as beans. They live in the npm-resolver library, which has no CDI, so that
 * the partner test kit resolves with the same code (ADR 18); here they are wired once per service
 * from {@code registry.npm.*}.
 */
@ApplicationScoped
public class NpmResolution {

    @Produces
    @Singleton
    NpmRegistryClient registryClient(NpmConfig config, ObjectMapper json) {
        return new NpmRegistryClient(config, json);
    }

    @Produces
    @Singleton
    AllowedRegistries allowedRegistries(NpmConfig config) {
        return new AllowedRegistries(config);
    }

    @Produces
    @Singleton
    DependencyResolver resolver(
            NpmRegistryClient registry, AllowedRegistries allowed, NpmConfig config, ObjectMapper json) {
        return new DependencyResolver(registry, allowed, config, json);
    }
}
