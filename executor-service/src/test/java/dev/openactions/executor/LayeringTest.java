package dev.openactions.executor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openactions.executor.api.DeadLettersResource;
import dev.openactions.executor.api.FlowsResource;
import dev.openactions.executor.api.InternalResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The executor's layers (docs/architecture-rules.md) by a plain scan of its main sources: a class
 * refers only to its own layer and lower ones, the wire records of {@code api} stay in {@code api},
 * nothing under {@code flow} knows the Kafka side, every package is placed; and the resources answer
 * with api records only.
 */
class LayeringTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/openactions/executor");
    private static final Pattern REFERENCE = Pattern.compile("dev\\.openactions\\.executor\\.([a-z0-9_.]+?)\\.([A-Z]\\w*)");
    /** Package → layer, 1 (edge) to 5 (base); sub-packages not listed take their parent's. */
    private static final Map<String, Integer> LAYERS = Map.ofEntries(
            Map.entry("api", 1), Map.entry("messaging", 1), Map.entry("health", 1), Map.entry("events", 1),
            Map.entry("security", 2),
            Map.entry("flow", 3), Map.entry("deadletters", 3),
            Map.entry("runtime", 4), Map.entry("runtime.npm", 4), Map.entry("flow.commands", 4), Map.entry("repository", 4),
            Map.entry("client", 4), Map.entry("kafka", 4),
            Map.entry("domain", 5), Map.entry("config", 5));
    private static final List<String> KAFKA_SIDE = List.of("messaging", "events", "deadletters", "kafka");

    @Test
    void referencesPointDownAndFlowNeverKnowsTheKafkaSide() {
        List<String> violations = new ArrayList<>();
        for (Path file : javaFiles(SOURCES)) {
            String from = packageOf(file);
            Integer fromLayer = layer(from);
            if (fromLayer == null) {
                violations.add(from + " is not placed in a layer");
                continue;
            }
            for (String line : lines(file)) {
                String code = line.strip();
                if (code.startsWith("*") || code.startsWith("//") || code.startsWith("/*") || code.startsWith("package ")) {
                    continue;
                }
                Matcher reference = REFERENCE.matcher(code);
                while (reference.find()) {
                    String to = reference.group(1);
                    Path target = SOURCES.resolve(to.replace('.', '/')).resolve(reference.group(2) + ".java");
                    Integer toLayer = isConfigMapping(target) ? Integer.valueOf(5) : layer(to);
                    String where = SOURCES.relativize(file) + ": " + code;
                    if (toLayer == null || toLayer < fromLayer) {
                        violations.add(where);
                    } else if ((from.equals("flow") || from.startsWith("flow.")) && KAFKA_SIDE.stream().anyMatch(k -> to.equals(k) || to.startsWith(k + "."))) {
                        violations.add(where);
                    } else if (to.equals("api") && !from.equals("api")) {
                        violations.add(where);
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    private static Integer layer(String pkg) {
        for (String candidate = pkg; !candidate.isEmpty(); candidate = candidate.contains(".") ? candidate.substring(0, candidate.lastIndexOf('.')) : "") {
            if (LAYERS.containsKey(candidate)) {
                return LAYERS.get(candidate);
            }
        }
        return null;
    }

    /** Configuration is read by every layer, wherever its mapping lives. */
    private static boolean isConfigMapping(Path file) {
        return Files.exists(file) && lines(file).stream().anyMatch(l -> l.strip().startsWith("@ConfigMapping"));
    }

    private static String packageOf(Path file) {
        return SOURCES.relativize(file.getParent()).toString().replace('/', '.');
    }

    @Test
    void resourcesAnswerWithApiRecords() {
        List<String> violations = new ArrayList<>();
        for (Class<?> resource : List.of(FlowsResource.class, InternalResource.class, DeadLettersResource.class)) {
            for (Method method : resource.getDeclaredMethods()) {
                if (Modifier.isPublic(method.getModifiers())) {
                    checkWireType(method.getGenericReturnType(), resource.getSimpleName() + "." + method.getName(), violations);
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    private static void checkWireType(Type type, String where, List<String> violations) {
        if (type instanceof ParameterizedType parameterized) {
            checkWireType(parameterized.getRawType(), where, violations);
            for (Type argument : parameterized.getActualTypeArguments()) {
                checkWireType(argument, where, violations);
            }
        } else if (type instanceof Class<?> named && named.getName().startsWith("dev.openactions.")
                && !named.getPackageName().equals("dev.openactions.executor.api")) {
            violations.add(where + " returns " + named.getName());
        }
    }

    private static List<Path> javaFiles(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(f -> f.toString().endsWith(".java") && !f.endsWith("package-info.java")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
