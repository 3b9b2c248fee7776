package dev.openactions.deploy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Produces Strimzi's CRDs the way the Strimzi project does: its CRD generator reading the
 * annotations of its API model classes. Both come from Maven (see the pom: copied into
 * {@code target/strimzi-crd-generator}, not put on the test classpath because the generator jar
 * shades its own Jackson), and the generator runs in a child JVM. The CRDs are written once into
 * {@code target/generated-crds/strimzi-<api version>} and reused by later runs.
 */
final class StrimziCrds {

    /**
     * The Strimzi kinds the manifests use, by API model class. Generating costs about a second per kind,
     * so only these: a manifest of another Strimzi kind fails with "no schema known" until its class
     * (package io.strimzi.api.kafka.model.*) is added here.
     */
    private static final Map<String, String> MODEL_CLASSES = Map.of(
            "Kafka", "io.strimzi.api.kafka.model.kafka.Kafka",
            "KafkaNodePool", "io.strimzi.api.kafka.model.nodepool.KafkaNodePool",
            "KafkaTopic", "io.strimzi.api.kafka.model.topic.KafkaTopic",
            "KafkaUser", "io.strimzi.api.kafka.model.user.KafkaUser");

    private StrimziCrds() {}

    static synchronized List<Path> generate() {
        Path jars = Path.of(required("openactions.deploy.strimziCrdGeneratorDir"));
        String apiVersion = required("openactions.deploy.strimziApiVersion");
        Path out = jars.getParent().resolve("generated-crds").resolve("strimzi-" + apiVersion);
        List<Path> files = MODEL_CLASSES.keySet().stream()
                .sorted()
                .map(kind -> out.resolve(kind + ".yaml"))
                .toList();
        if (files.stream().allMatch(Files::isRegularFile)) {
            return files;
        }
        try {
            Files.createDirectories(out);
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-cp");
            command.add(classpath(jars));
            command.add("io.strimzi.crdgenerator.CrdGenerator");
            command.addAll(List.of(
                    "--yaml",
                    "--crd-api-version",
                    "v1",
                    "--api-versions",
                    "v1",
                    "--storage-version",
                    "v1",
                    "--target-kube",
                    "1.25+"));
            MODEL_CLASSES.forEach((kind, model) -> command.add(model + "=" + out.resolve(kind + ".yaml")));
            Path log = out.resolve("generator.log");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("the Strimzi CRD generator did not finish in 120 s, see " + log);
            }
            if (process.exitValue() != 0 || !files.stream().allMatch(StrimziCrds::nonEmpty)) {
                files.forEach(StrimziCrds::deleteQuietly);
                throw new IllegalStateException("the Strimzi CRD generator failed (exit " + process.exitValue() + "):\n"
                        + Files.readString(log));
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The jars in file-name order: the API model and its fabric8 model first, the generator last. */
    private static String classpath(Path dir) throws IOException {
        try (Stream<Path> jars = Files.list(dir)) {
            String classpath = jars.filter(jar -> jar.toString().endsWith(".jar"))
                    .sorted()
                    .map(Path::toString)
                    .collect(Collectors.joining(File.pathSeparator));
            if (classpath.isEmpty()) {
                throw new IllegalStateException(
                        "no jars in " + dir + ": run the build through Maven (generate-test-resources)");
            }
            return classpath;
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(
                    "system property " + property + " is not set: run these tests through Maven");
        }
        return value;
    }

    private static boolean nonEmpty(Path file) {
        try {
            return Files.isRegularFile(file) && Files.size(file) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // best effort: the next run regenerates anything missing
        }
    }
}
