package dev.openactions.testsupport;

import dev.openactions.localstack.KafkaBroker;
import dev.openactions.localstack.ProjectLayout;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A real Kafka broker (KRaft) in its own JVM for a service's tests. */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {
    private KafkaBroker broker;

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("openactions-kafka-");
            broker = KafkaBroker.start(ProjectLayout.locate(), 0, dir.resolve("data"), dir.resolve("kafka.log"));
            return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected KafkaBroker broker() {
        return broker;
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
    }
}
