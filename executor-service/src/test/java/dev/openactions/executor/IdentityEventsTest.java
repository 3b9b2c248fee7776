package dev.openactions.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.openactions.contracts.Topics;
import dev.openactions.localstack.HttpSink;
import dev.openactions.testsupport.HttpSinkResource;
import dev.openactions.testsupport.KafkaResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Identity events from Kafka: both CloudEvents modes run the bound action; unreadable events are dead-lettered. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = HttpSinkResource.class, initArgs = @ResourceArg(name = "property", value = "quarkus.rest-client.secrets-service.url"))
class IdentityEventsTest extends FlowTestBase {

    @Override
    String secretValuesJson() {
        return "{}";
    }

    @Test
    void structuredAndBinaryCloudEventsRunTheBoundActionWithTheEventId() {
        HttpSink hook = HttpSink.start();
        try {
            deploy("post-user-registration", FlowFixtures.action("notify", """
                    exports.onExecutePostUserRegistration = async (event, api) => {
                      await fetch('%s/registered', { method: 'POST', headers: { 'x-event-id': event.transaction.id },
                                                     body: JSON.stringify({ user: event.user.user_id, tenant: event.tenant.id }) });
                    };""".formatted(hook.url()), List.of()));
            String structuredId = "evt-" + UUID.randomUUID();
            kafka.send(Topics.IDENTITY_USER_REGISTERED, TENANT + "/auth0|s", """
                    {"specversion":"1.0","id":"%s","source":"/test","type":"identity.user.registered.v1",
                     "data":{"user":{"user_id":"auth0|s","email":"s@example.com"}}}""".formatted(structuredId));
            String binaryId = "evt-" + UUID.randomUUID();
            kafka.send(Topics.IDENTITY_USER_REGISTERED, TENANT + "/auth0|b", "{\"user\":{\"user_id\":\"auth0|b\"}}",
                    Map.of("ce_specversion", "1.0", "ce_id", binaryId, "ce_type", "identity.user.registered.v1", "ce_source", "/test"));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(hook.received()).hasSize(2));
            assertThat(hook.received()).extracting(r -> r.header("x-event-id")).containsExactlyInAnyOrder(structuredId, binaryId);
            assertThat(hook.received()).allSatisfy(r -> assertThat(r.body()).contains("\"tenant\":\"default\""));
        } finally {
            hook.close();
        }
    }

    @Test
    void anUnreadableEventGoesToTheDeadLetterTopicWithItsReason() {
        kafka.send(Topics.IDENTITY_USER_REGISTERED, "no-tenant-in-this-key", "{\"user\":{}}");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> dead = kafka.readAll(Topics.IDENTITY_USER_REGISTERED + ".dlq", Duration.ofSeconds(5));
            assertThat(dead).anySatisfy(record -> {
                assertThat(record.key()).isEqualTo("no-tenant-in-this-key");
                assertThat(new String(record.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                        .contains("{tenant}/{user_id}");
            });
        });
    }
}
