package dev.openactions.npm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openactions.contracts.DependencyBundle;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Resolves an action's npm dependencies into a {@link DependencyBundle}: each range or dist-tag
 * pinned to an exact version, the whole transitive tree placed as npm places it (breadth first,
 * names in order, hoisted, nested on conflicts; {@code peerDependencies} ignored,
 * {@code optionalDependencies} dropped when they cannot be had), every tarball fetched, verified
 * against its published integrity and unpacked into the bundle's files. The bundle's root
 * {@code package.json} lists the pinned direct dependencies, so the content address covers them.
 * Blocking: call it outside transactions. The registry service resolves with it when it builds an
 * action or submits an integration version, the partner test kit before it runs test cases.
 */
public class DependencyResolver {
    private static final Logger LOG = Logger.getLogger(DependencyResolver.class);

    /** A resolved tree and the direct dependencies as pinned (same order as asked). */
    public record Resolution(DependencyBundle bundle, List<NpmDependency> pinned) {}

    private record Want(PackageTree.Node from, String name, String spec, URI registry, boolean optional) {}

    private final NpmRegistryClient registry;
    private final AllowedRegistries allowed;
    private final NpmConfig config;
    private final ObjectMapper json;

    public DependencyResolver(
            NpmRegistryClient registry, AllowedRegistries allowed, NpmConfig config, ObjectMapper json) {
        this.registry = registry;
        this.allowed = allowed;
        this.config = config;
        this.json = json;
    }

    public Resolution resolve(List<NpmDependency> dependencies) {
        PackageTree tree = new PackageTree();
        Map<String, JsonNode> metadata = new HashMap<>();
        Deque<Want> queue = new ArrayDeque<>();
        new TreeMap<>(dependencies.stream().collect(Collectors.toMap(NpmDependency::name, d -> d, (a, b) -> a)))
                .values()
                .forEach(d -> queue.add(new Want(tree.root, d.name(), d.version(), registryOf(d), false)));
        while (!queue.isEmpty()) {
            Want want = queue.poll();
            try {
                PackageTree.Node placed = resolveOne(tree, want, metadata);
                if (placed != null) {
                    queue.addAll(wantsOf(placed));
                }
            } catch (DependencyFailure failure) {
                if (!want.optional() || failure.retryable()) {
                    throw failure;
                }
                LOG.debugf("optional dependency %s@%s skipped: %s", want.name(), want.spec(), failure.getMessage());
            }
        }
        Map<String, String> direct = new LinkedHashMap<>();
        List<NpmDependency> pinned = new ArrayList<>();
        for (NpmDependency d : dependencies) {
            PackageTree.Node node = tree.root.children.get(d.name());
            direct.put(d.name(), node.version);
            pinned.add(new NpmDependency(d.name(), node.version, d.registryUrl()));
        }
        Map<String, String> files = unpackAll(tree, direct.keySet());
        files.put("package.json", rootManifest(direct));
        return new Resolution(new DependencyBundle(DependencyBundle.hashOf(files), direct, files), pinned);
    }

    /** Places the wanted package unless what {@code require} already finds satisfies it; returns the new node or null. */
    private PackageTree.Node resolveOne(PackageTree tree, Want want, Map<String, JsonNode> metadata) {
        PackageTree.Node found = tree.find(want.from(), want.name());
        JsonNode meta = found == null ? null : metadata.get(key(found.registry, want.name()));
        if (found != null && VersionPicker.satisfies(want.name(), meta, found.version, want.spec())) {
            tree.resolved(want.from(), want.name(), found);
            return null;
        }
        JsonNode document = metadata.computeIfAbsent(
                key(want.registry(), want.name()), k -> registry.metadata(want.registry(), want.name()));
        String version = VersionPicker.pick(want.name(), document, want.spec())
                .orElseThrow(() -> DependencyFailure.notFound("no version of '" + want.name() + "' satisfies '"
                        + want.spec() + "'" + requiredBy(want.from())));
        if (tree.size() >= config.maxPackages()) {
            throw DependencyFailure.limit("the dependency tree has more than " + config.maxPackages()
                    + " packages (limit registry.npm.max-packages)");
        }
        PackageTree.Node node = tree.place(
                want.from(), want.name(), version, document.path("versions").path(version), want.registry());
        tree.resolved(want.from(), want.name(), node);
        return node;
    }

    /** A package's own dependencies, by name; an optional one listed in both maps counts as optional. */
    private List<Want> wantsOf(PackageTree.Node node) {
        Map<String, Want> wants = new TreeMap<>();
        JsonNode optional = node.manifest.path("optionalDependencies");
        for (Iterator<Map.Entry<String, JsonNode>> it =
                        node.manifest.path("dependencies").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> dep = it.next();
            wants.put(
                    dep.getKey(),
                    new Want(node, dep.getKey(), dep.getValue().asText(), node.registry, optional.has(dep.getKey())));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = optional.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> dep = it.next();
            wants.put(dep.getKey(), new Want(node, dep.getKey(), dep.getValue().asText(), node.registry, true));
        }
        return List.copyOf(wants.values());
    }

    private Map<String, String> unpackAll(PackageTree tree, Set<String> directNames) {
        TarballUnpacker.Budget budget = new TarballUnpacker.Budget(config.maxUnpackedBytes(), config.maxFiles());
        Map<String, String> files = new TreeMap<>();
        Set<PackageTree.Node> optionalOnly = optionalOnly(tree, directNames);
        for (PackageTree.Node node : tree.packages()) {
            JsonNode dist = node.manifest.path("dist");
            try {
                byte[] tarball =
                        registry.tarball(node.registry, dist.path("tarball").asText(""), node.label());
                Integrity.verify(
                        tarball,
                        dist.path("integrity").asText(null),
                        dist.path("shasum").asText(null),
                        node.label());
                TarballUnpacker.unpack(tarball, node.label(), budget, json)
                        .forEach((path, content) -> files.put(node.path() + "/" + path, content));
            } catch (DependencyFailure failure) {
                if (failure.retryable()
                        || !optionalOnly.contains(node)
                        || failure.id().equals("dependency_limit_exceeded")) {
                    throw failure;
                }
                LOG.debugf("optional dependency %s left out: %s", node.label(), failure.getMessage());
            }
        }
        return files;
    }

    /** Packages that only optional dependencies asked for (npm leaves those out when they fail). */
    private static Set<PackageTree.Node> optionalOnly(PackageTree tree, Set<String> directNames) {
        // Simplification: a package is optional-only when every package that lists it lists it as optional.
        Map<PackageTree.Node, Boolean> required = new HashMap<>();
        for (PackageTree.Node node : tree.packages()) {
            required.putIfAbsent(node, false);
        }
        for (PackageTree.Node parent : tree.packages()) {
            JsonNode deps = parent.manifest.path("dependencies");
            JsonNode optional = parent.manifest.path("optionalDependencies");
            for (Iterator<String> it = deps.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                PackageTree.Node target = tree.find(parent, name);
                if (target != null && !optional.has(name)) {
                    required.put(target, true);
                }
            }
        }
        // The action's own dependencies are required; other packages at the top were only hoisted there.
        directNames.forEach(name -> required.put(tree.root.children.get(name), true));
        Set<PackageTree.Node> result = Collections.newSetFromMap(new IdentityHashMap<>());
        required.forEach((node, isRequired) -> {
            if (!isRequired) {
                result.add(node);
            }
        });
        // Only packages some optional dependency named count; others (found through required ones) stay required.
        result.removeIf(node -> !namedOptionally(tree, node));
        return result;
    }

    private static boolean namedOptionally(PackageTree tree, PackageTree.Node node) {
        for (PackageTree.Node parent : tree.packages()) {
            if (parent.manifest.path("optionalDependencies").has(node.name) && tree.find(parent, node.name) == node) {
                return true;
            }
        }
        return false;
    }

    private String rootManifest(Map<String, String> direct) {
        ObjectNode manifest = json.createObjectNode();
        manifest.put("name", "openactions-action");
        manifest.put("private", true);
        ObjectNode deps = manifest.putObject("dependencies");
        new TreeMap<>(direct).forEach(deps::put);
        try {
            return json.writeValueAsString(manifest);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the bundle's package.json", e);
        }
    }

    private URI registryOf(NpmDependency dependency) {
        if (dependency.registryUrl() == null) {
            return config.url();
        }
        if (!allowed.allows(dependency.registryUrl())) {
            throw DependencyFailure.invalid("the registry_url of '" + dependency.name()
                    + "' is not one of the registries " + "this platform allows (registry.npm.allowed-registries)");
        }
        return URI.create(dependency.registryUrl());
    }

    private static String key(URI registry, String name) {
        return NpmRegistryClient.base(registry) + " " + name;
    }

    private static String requiredBy(PackageTree.Node from) {
        return from.parent == null ? "" : " (required by " + from.label() + ")";
    }
}
