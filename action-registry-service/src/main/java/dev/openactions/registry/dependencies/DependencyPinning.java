package dev.openactions.registry.dependencies;

import dev.openactions.npm.DependencyFailure;
import dev.openactions.npm.DependencyResolver;
import dev.openactions.npm.NpmDependency;
import dev.openactions.registry.domain.Dependency;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * What a build (or a test run) does with an action's dependencies: resolve and pin them, store the
 * tree content-addressed, and name it by hash. Blocking; call it outside transactions.
 */
@ApplicationScoped
public class DependencyPinning {

    /** The stored tree's hash (null without dependencies) and the dependencies pinned to exact versions. */
    public record Pinned(String bundleHash, List<Dependency> dependencies) {}

    private final DependencyResolver resolver;
    private final DependencyBundleStore store;

    DependencyPinning(DependencyResolver resolver, DependencyBundleStore store) {
        this.resolver = resolver;
        this.store = store;
    }

    /** Fails with a {@link DependencyFailure} that names the package. */
    public Pinned pin(List<Dependency> dependencies) {
        if (dependencies == null || dependencies.isEmpty()) {
            return new Pinned(null, List.of());
        }
        DependencyResolver.Resolution resolution = resolver.resolve(dependencies.stream()
                .map(d -> new NpmDependency(d.name(), d.version(), d.registryUrl()))
                .toList());
        List<Dependency> pinned = resolution.pinned().stream()
                .map(d -> new Dependency(d.name(), d.version(), d.registryUrl()))
                .toList();
        return new Pinned(store.save(resolution.bundle()), pinned);
    }
}
