package dev.openactions.localstack;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the build puts the things the local stack starts: the packaged services, the Kafka broker's
 * classpath and the Graal JIT jars. Found from the {@code openactions.root} system property (set by
 * the build and by deploy/local/run.sh) or by walking up from the working directory.
 */
public record ProjectLayout(Path root) {

    public static ProjectLayout locate() {
        String configured = System.getProperty("openactions.root");
        if (configured != null && !configured.isBlank()) {
            return new ProjectLayout(Path.of(configured).toAbsolutePath().normalize());
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("kafka-broker/pom.xml"))) {
                return new ProjectLayout(dir);
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("Cannot find the OpenActions checkout: set -Dopenactions.root=<dir>");
    }

    public Path brokerClasspathFile() {
        return root.resolve("kafka-broker/target/broker-classpath.txt");
    }

    public Path serviceJar(String module) {
        return root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** Graal compiler jars copied by the executor's build; present only when built on JDK 25. */
    public Path graalJitDir() {
        return root.resolve("executor-service/target/graal-jit");
    }
}
