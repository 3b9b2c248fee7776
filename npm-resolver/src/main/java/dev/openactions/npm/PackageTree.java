package dev.openactions.npm;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An npm install tree being built: the root (the action) and packages placed in
 * {@code node_modules} directories, hoisted as high as they can go without changing what any
 * already resolved {@code require} finds (npm's placement rule), nested where versions conflict.
 */
final class PackageTree {

    /** A package placed in the tree; {@code parent}'s {@code node_modules} holds it. The root has no name. */
    static final class Node {
        final String name;
        final String version;
        final JsonNode manifest;
        final URI registry;
        final Node parent;
        final Map<String, Node> children = new TreeMap<>();

        Node(String name, String version, JsonNode manifest, URI registry, Node parent) {
            this.name = name;
            this.version = version;
            this.manifest = manifest;
            this.registry = registry;
            this.parent = parent;
        }

        /** {@code node_modules/a/node_modules/b} (empty for the root). */
        String path() {
            return parent == null ? "" : (parent.parent == null ? "" : parent.path() + "/") + "node_modules/" + name;
        }

        String label() {
            return "'" + name + "@" + version + "'";
        }

        boolean isAncestorOrSelfOf(Node other) {
            for (Node n = other; n != null; n = n.parent) {
                if (n == this) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A resolved {@code require(name)} from {@code from}'s directory, found at {@code target}. */
    private record Edge(Node from, String name, Node target) {}

    final Node root = new Node(null, null, null, null, null);
    private final List<Edge> edges = new ArrayList<>();
    private int size;

    /** What {@code require(name)} from {@code from}'s directory finds: its node_modules, then each ancestor's. */
    Node find(Node from, String name) {
        for (Node n = from; n != null; n = n.parent) {
            Node child = n.children.get(name);
            if (child != null) {
                return child;
            }
        }
        return null;
    }

    void resolved(Node from, String name, Node target) {
        edges.add(new Edge(from, name, target));
    }

    /**
     * Places a new package needed by {@code from}: in the highest node_modules on the way up that has no
     * package of that name yet and where it would not shadow one already found by a package below.
     */
    Node place(Node from, String name, String version, JsonNode manifest, URI registry) {
        Node location = from;
        while (location.parent != null && !location.parent.children.containsKey(name)) {
            location = location.parent;
        }
        while (location != from && shadows(location, name)) {
            location = childOnPathTo(location, from);
        }
        Node node = new Node(name, version, manifest, registry, location);
        location.children.put(name, node);
        size++;
        return node;
    }

    int size() {
        return size;
    }

    /** Whether a package named {@code name} in {@code location}'s node_modules would change a resolved require. */
    private boolean shadows(Node location, String name) {
        for (Edge edge : edges) {
            if (edge.name().equals(name)
                    && location.isAncestorOrSelfOf(edge.from())
                    && edge.target().parent != location
                    && edge.target().parent.isAncestorOrSelfOf(location)) {
                return true;
            }
        }
        return false;
    }

    private static Node childOnPathTo(Node ancestor, Node descendant) {
        Node n = descendant;
        while (n.parent != ancestor) {
            n = n.parent;
        }
        return n;
    }

    /** Every placed package, parents before children, siblings by name. */
    List<Node> packages() {
        List<Node> all = new ArrayList<>();
        collect(root, all);
        return all;
    }

    private static void collect(Node node, List<Node> into) {
        for (Node child : node.children.values()) {
            into.add(child);
            collect(child, into);
        }
    }
}
