package dev.openactions.executor;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openactions.contracts.FlowSnapshot;
import dev.openactions.executor.flow.FlowView;
import dev.openactions.localstack.HttpSink;
import dev.openactions.testsupport.HttpSinkResource;
import dev.openactions.testsupport.KafkaTestClient;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What flow tests share: a secrets-service stand-in, a Kafka client, and {@link #deploy} publishing a
 * flow snapshot the way the registry does and waiting until the executor's view holds it. Concrete
 * classes carry the {@code @QuarkusTest} and test-resource annotations.
 */
abstract class FlowTestBase {
    static final String TENANT = "default";

    @HttpSinkResource.InjectHttpSink
    HttpSink secretsService;

    @Inject
    ObjectMapper json;

    @Inject
    FlowView flows;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    KafkaTestClient kafka;

    /** The secrets the stand-in returns for every decrypt, as JSON {@code {"NAME":"value"}}. */
    abstract String secretValuesJson();

    @BeforeEach
    void connect() {
        kafka = new KafkaTestClient(bootstrapServers);
        secretsService.respondWith(200, "{\"secrets\":" + secretValuesJson() + "}");
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    void deploy(String trigger, FlowSnapshot.BoundAction... actions) {
        long revision = FlowFixtures.publish(kafka, json, TENANT, trigger, actions);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> flows.find(TENANT, trigger)
                        .map(f -> f.revision() == revision)
                        .orElse(false));
    }
}
