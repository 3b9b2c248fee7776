package dev.openactions.registry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openactions.contracts.Topics;
import dev.openactions.contracts.TriggerId;
import dev.openactions.localstack.KafkaBroker;
import dev.openactions.registry.repository.OutboxRepository;
import dev.openactions.testsupport.HttpSinkResource;
import dev.openactions.testsupport.KafkaTestClient;
import dev.openactions.testsupport.PostgresResource;
import dev.openactions.testsupport.RestartableKafkaResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The transactional outbox: a binding change made while Kafka is down is published once it is back. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "role", value = "registry"))
@WithTestResource(RestartableKafkaResource.class)
@WithTestResource(
        value = HttpSinkResource.class,
        initArgs = @ResourceArg(name = "property", value = "quarkus.rest-client.secrets-service.url"))
@WithTestResource(ExecutorStubResource.class)
class OutboxWhileBrokerDownTest {
    @RestartableKafkaResource.InjectKafkaBroker
    KafkaBroker broker;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    OutboxRepository outbox;

    @Inject
    ObjectMapper json;

    private List<String> publishedFlow(KafkaTestClient kafka) throws Exception {
        List<ConsumerRecord<String, String>> records = kafka.readAll(Topics.ACTIONS_FLOWS, Duration.ofSeconds(10));
        ConsumerRecord<String, String> latest = records.stream()
                .filter(r -> r.key().equals("default/post-login"))
                .reduce((a, b) -> b)
                .orElse(null);
        if (latest == null) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode action : json.readTree(latest.value()).path("actions")) {
            ids.add(action.path("action_id").asText());
        }
        return ids;
    }

    private long unpublished() {
        return QuarkusTransaction.requiringNew().call(() -> outbox.countUnpublished());
    }

    @Test
    void aBindingChangeMadeWhileTheBrokerIsDownIsPublishedWhenItReturns() throws Exception {
        String first = RegistryApi.create("outbox-first-" + UUID.randomUUID(), TriggerId.POST_LOGIN);
        String second = RegistryApi.create("outbox-second-" + UUID.randomUUID(), TriggerId.POST_LOGIN);
        RegistryApi.deployBuilt(first);
        RegistryApi.deployBuilt(second);
        RegistryApi.bind(TriggerId.POST_LOGIN, first);
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> publishedFlow(kafka).equals(List.of(first)));
        }

        broker.stop();
        try {
            given().contentType(ContentType.JSON)
                    .body("{\"bindings\":[{\"ref\":{\"type\":\"action_id\",\"value\":\"" + second + "\"}},"
                            + "{\"ref\":{\"type\":\"action_id\",\"value\":\"" + first + "\"}}]}")
                    .patch(RegistryApi.TRIGGERS + "/post-login/bindings")
                    .then()
                    .statusCode(200);
            assertThat(unpublished()).as("the change waits in the outbox").isPositive();
        } finally {
            broker.restart();
        }

        try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> publishedFlow(kafka).equals(List.of(second, first)));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> unpublished() == 0);
    }
}
