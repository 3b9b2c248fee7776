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
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The executor's layers by a plain scan of its sources: the engine and the flow runner (and what they
 * stand on) never import the packages that sit on top of them, and resources answer with api records only.
 */
class LayeringTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/openactions/executor");
    /** Packages that drive the flow runner from outside: HTTP, Kafka, health. */
    private static final Set<String> EDGES = Set.of("api", "messaging", "events", "deadletters", "kafka", "health");
    /** Packages the edges stand on, which must not know them. */
    private static final List<String> CORE = List.of("flow", "runtime", "repository", "domain", "config", "client");

    @Test
    void theCoreNeverImportsTheEdges() {
        List<String> violations = new ArrayList<>();
        for (String layer : CORE) {
            for (Path file : javaFiles(SOURCES.resolve(layer))) {
                for (String line : lines(file)) {
                    for (String edge : EDGES) {
                        if (line.startsWith("import dev.openactions.executor." + edge + ".")
                                || line.contains(" dev.openactions.executor." + edge + ".")) {
                            violations.add(SOURCES.relativize(file) + ": " + line.strip());
                        }
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
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
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
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
