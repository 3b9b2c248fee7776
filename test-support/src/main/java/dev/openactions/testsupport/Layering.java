package dev.openactions.testsupport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A service's layer table from {@code docs/architecture-rules.md}: which layer each package is in (1 = the edge, 5 =
 * the base), which packages are features whose {@code *Resource} classes are edge, which package holds wire records,
 * and extra pairs of packages that must not refer to each other whatever their layers. Read by {@link
 * SourceRules#layerViolations(Layering)}.
 */
public final class Layering {

    /** The services whose code no other service may refer to. */
    private static final List<String> SERVICE_PACKAGES =
            List.of("dev.openactions.registry", "dev.openactions.executor", "dev.openactions.secrets");

    private static final Pattern CONFIG_MAPPING = Pattern.compile("@(?:[\\w.]+\\.)?ConfigMapping\\b");

    private final Map<String, Integer> layers = new HashMap<>();
    private final Set<String> features = new HashSet<>();
    private final Map<String, List<String>> forbidden = new HashMap<>();
    private final Map<String, List<String>> forbiddenSuffixes = new HashMap<>();
    private String wireModelPackage = "api";

    private Layering() {}

    public static Layering table() {
        return new Layering();
    }

    /** Places packages (relative to the service's base package) in a layer; sub-packages follow unless placed. */
    public Layering layer(int layer, String... packages) {
        for (String packageName : packages) {
            layers.put(packageName, layer);
        }
        return this;
    }

    /** Feature packages: their {@code *Resource} classes are the feature's HTTP edge (layer 1). */
    public Layering features(String... packages) {
        features.addAll(List.of(packages));
        return this;
    }

    /** A package (and its sub-packages) that must never refer to another, whatever their layers. */
    public Layering forbid(String from, String... to) {
        forbidden.computeIfAbsent(from, k -> new ArrayList<>()).addAll(List.of(to));
        return this;
    }

    /**
     * A package (and its sub-packages) that must never refer to a class of this service whose simple name ends with
     * one of the suffixes ({@code forbidClassesNamed("api", "Entity")}: entities never reach the wire models).
     */
    public Layering forbidClassesNamed(String from, String... suffixes) {
        forbiddenSuffixes.computeIfAbsent(from, k -> new ArrayList<>()).addAll(List.of(suffixes));
        return this;
    }

    boolean forbidsClass(String from, String simpleName) {
        for (Map.Entry<String, List<String>> rule : forbiddenSuffixes.entrySet()) {
            if (within(rule.getKey(), from)) {
                for (String suffix : rule.getValue()) {
                    if (simpleName.endsWith(suffix)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    Integer layerOf(String packageName, String simpleName, String code) {
        if (CONFIG_MAPPING.matcher(code).find()) {
            return 5;
        }
        if (features.contains(top(packageName)) && simpleName.endsWith("Resource")) {
            return 1;
        }
        for (String p = packageName; ; p = p.substring(0, p.lastIndexOf('.'))) {
            Integer layer = layers.get(p);
            if (layer != null) {
                return layer;
            }
            if (!p.contains(".")) {
                return null;
            }
        }
    }

    boolean isWireModel(String packageName) {
        return packageName.equals(wireModelPackage);
    }

    boolean isEdge(String packageName, String simpleName) {
        return packageName.equals(wireModelPackage)
                || (features.contains(top(packageName)) && simpleName.endsWith("Resource"));
    }

    boolean forbids(String from, String to) {
        for (Map.Entry<String, List<String>> rule : forbidden.entrySet()) {
            if (within(rule.getKey(), from)) {
                for (String target : rule.getValue()) {
                    if (within(target, to)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    boolean isOtherService(String referenced, String ownBasePackage) {
        for (String service : SERVICE_PACKAGES) {
            if (!service.equals(ownBasePackage) && referenced.startsWith(service + ".")) {
                return true;
            }
        }
        return false;
    }

    private static boolean within(String outer, String inner) {
        return inner.equals(outer) || inner.startsWith(outer + ".");
    }

    private static String top(String packageName) {
        int dot = packageName.indexOf('.');
        return dot < 0 ? packageName : packageName.substring(0, dot);
    }
}
