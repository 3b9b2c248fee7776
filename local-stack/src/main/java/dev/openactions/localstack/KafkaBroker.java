package dev.openactions.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real Kafka broker (KRaft, combined broker+controller) in its own JVM, from the jars the
 * kafka-broker module resolved. Its own process keeps the server's dependencies (another
 * kafka-clients, Scala, log4j) away from the applications' classpaths.
 */
public final class KafkaBroker implements AutoCloseable {
    private ChildProcess process;
    private final int port;
    private final List<String> command;
    private final Path workDir;
    private final Path logFile;

    private KafkaBroker(ChildProcess process, int port, List<String> command, Path workDir, Path logFile) {
        this.process = process;
        this.port = port;
        this.command = command;
        this.workDir = workDir;
        this.logFile = logFile;
    }

    /**
     * @param port 0 for any free port
     * @param dataDir the broker's log directory; formatted if empty
     */
    public static KafkaBroker start(ProjectLayout layout, int port, Path dataDir, Path logFile) {
        int brokerPort = port == 0 ? FreePorts.next() : port;
        int controllerPort = FreePorts.next();
        try {
            String classpath = readClasspath(layout);
            Files.createDirectories(dataDir);
            Path config = dataDir.resolveSibling(dataDir.getFileName() + ".properties");
            Files.writeString(config, serverProperties(brokerPort, controllerPort, dataDir));
            if (!Files.exists(dataDir.resolve("meta.properties"))) {
                format(classpath, config, dataDir, logFile);
            }
            List<String> command = new ArrayList<>(jvm(classpath));
            command.add("kafka.Kafka");
            command.add(config.toString());
            ChildProcess child = ChildProcess.start("kafka", command, dataDir.getParent(), logFile);
            KafkaBroker broker = new KafkaBroker(child, brokerPort, List.copyOf(command), dataDir.getParent(), logFile);
            child.awaitReady(() -> FreePorts.isOpen(brokerPort), Duration.ofSeconds(60));
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Kafka", e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /**
     * Creates the platform's topics as the Strimzi KafkaTopic resources do in Kubernetes:
     * {@code actions.flows} compacted, the identity topics with their retry and dead-letter topics.
     */
    public KafkaBroker createPlatformTopics() {
        return createPlatformTopics(3);
    }

    /**
     * The platform's topics, the identity event topics with this many partitions: the most executor
     * processes that can share one topic's events (the benchmark's scale-out uses 6).
     */
    public KafkaBroker createPlatformTopics(int identityPartitions) {
        List<NewTopic> topics = List.of(
                new NewTopic("actions.flows", 3, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                new NewTopic("actions.executions", 3, (short) 1),
                new NewTopic("identity.user-registered", identityPartitions, (short) 1),
                new NewTopic("identity.user-registered.retry", 3, (short) 1),
                new NewTopic("identity.user-registered.dlq", 1, (short) 1),
                new NewTopic("identity.password-changed", identityPartitions, (short) 1),
                new NewTopic("identity.password-changed.retry", 3, (short) 1),
                new NewTopic("identity.password-changed.dlq", 1, (short) 1));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            for (NewTopic topic : topics) {
                try {
                    admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + topic.name(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out creating topics", e);
        }
        return this;
    }

    private static String readClasspath(ProjectLayout layout) throws IOException {
        Path file = layout.brokerClasspathFile();
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file
                    + " is missing: build the kafka-broker module first (./mvnw -pl kafka-broker generate-resources)");
        }
        return Files.readString(file).trim();
    }

    private static List<String> jvm(String classpath) {
        return List.of(
                ChildProcess.javaBinary(),
                "-Xms128m",
                "-Xmx512m",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Djava.awt.headless=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp",
                classpath);
    }

    private static void format(String classpath, Path config, Path dataDir, Path logFile) throws IOException {
        List<String> command = new ArrayList<>(jvm(classpath));
        // "=" forms: a random cluster id may start with "-", which would read as an option
        command.addAll(
                List.of("kafka.tools.StorageTool", "format", "--cluster-id=" + newClusterId(), "--config=" + config));
        Path formatLog = logFile.resolveSibling("kafka-format.log");
        Files.createDirectories(formatLog.getParent());
        Process formatter = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(formatLog.toFile())
                .start();
        try {
            if (!formatter.waitFor(60, TimeUnit.SECONDS) || formatter.exitValue() != 0) {
                formatter.destroyForcibly();
                throw new IllegalStateException("Kafka storage format failed:\n" + Files.readString(formatLog));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting Kafka storage", e);
        }
    }

    /** A cluster id as Kafka's own {@code StorageTool random-uuid} makes it: 16 random bytes, base64url. */
    private static String newClusterId() {
        UUID uuid = UUID.randomUUID();
        ByteBuffer bytes =
                ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    private static String serverProperties(int brokerPort, int controllerPort, Path dataDir) {
        return """
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@127.0.0.1:%2$d
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
                log.dirs=%3$s
                num.partitions=3
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=3
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                log.cleaner.backoff.ms=1000
                """.formatted(brokerPort, controllerPort, dataDir.toAbsolutePath());
    }

    /** Stops the broker process (its data stays), for tests of what happens while Kafka is down. */
    public synchronized void stop() {
        process.close();
    }

    /** Starts the broker again on the same ports and data after {@link #stop()}. */
    public synchronized void restart() {
        if (process.isAlive()) {
            return;
        }
        process = ChildProcess.start("kafka", command, workDir, logFile.resolveSibling("kafka-restarted.log"));
        process.awaitReady(() -> FreePorts.isOpen(port), Duration.ofSeconds(60));
    }

    @Override
    public synchronized void close() {
        process.close();
    }
}
