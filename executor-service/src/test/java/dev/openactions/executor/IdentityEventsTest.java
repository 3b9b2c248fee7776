package dev.openactions.executor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.openactions.contracts.Topics;
import dev.openactions.executor.deadletters.DeadLetters;
import dev.openactions.executor.repository.ProcessedEvents;
import dev.openactions.localstack.HttpSink;
import dev.openactions.testsupport.HttpSinkResource;
import dev.openactions.testsupport.KafkaResource;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * Identity events from Kafka: both CloudEvents modes run the bound action; malformed events are
 * dead-lettered at once; failing ones after their retries; replays run an event once.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(
        value = HttpSinkResource.class,
        initArgs = @ResourceArg(name = "property", value = "quarkus.rest-client.secrets-service.url"))
class IdentityEventsTest extends FlowTestBase {

    @Inject
    ProcessedEvents processed;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    @Inject
    DeadLetters deadLetters;

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
            kafka.send(
                    Topics.IDENTITY_USER_REGISTERED,
                    TENANT + "/auth0|b",
                    "{\"user\":{\"user_id\":\"auth0|b\"}}",
                    Map.of(
                            "ce_specversion",
                            "1.0",
                            "ce_id",
                            binaryId,
                            "ce_type",
                            "identity.user.registered.v1",
                            "ce_source",
                            "/test"));

            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(hook.received()).hasSize(2));
            assertThat(hook.received())
                    .extracting(r -> r.header("x-event-id"))
                    .containsExactlyInAnyOrder(structuredId, binaryId);
            assertThat(hook.received()).allSatisfy(r -> assertThat(r.body()).contains("\"tenant\":\"default\""));
        } finally {
            hook.close();
        }
    }

    @Test
    void malformedEventsGoStraightToTheDeadLetterTopicWithTheirReason() {
        String badSchema = "evt-" + UUID.randomUUID();
        kafka.send(Topics.IDENTITY_USER_REGISTERED, TENANT + "/auth0|x", """
                {"specversion":"1.0","id":"%s","source":"/test","type":"identity.user.registered.v1",
                 "data":{"user":{"email":"no-user-id@example.com"}}}""".formatted(badSchema));
        String unknownTenant = "evt-" + UUID.randomUUID();
        kafka.send(Topics.IDENTITY_USER_REGISTERED, "nobody-knows-me/auth0|y", """
                {"specversion":"1.0","id":"%s","source":"/test","type":"identity.user.registered.v1",
                 "data":{"user":{"user_id":"auth0|y"}}}""".formatted(unknownTenant));
        String wrongType = "evt-" + UUID.randomUUID();
        kafka.send(
                Topics.IDENTITY_USER_REGISTERED,
                TENANT + "/auth0|z",
                "{\"user\":{\"user_id\":\"auth0|z\"}}",
                Map.of(
                        "ce_specversion",
                        "1.0",
                        "ce_id",
                        wrongType,
                        "ce_type",
                        "identity.password.changed.v1",
                        "ce_source",
                        "/test"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, ConsumerRecord<String, String>> dead = deadLettersByEventId(Topics.IDENTITY_USER_REGISTERED);
            assertThat(dead).containsKeys(badSchema, unknownTenant, wrongType);
            assertThat(header(dead.get(badSchema), "dead-letter-reason"))
                    .contains("schema identity.user.registered.v1")
                    .contains("user_id");
            assertThat(header(dead.get(unknownTenant), "dead-letter-reason"))
                    .isEqualTo("unknown tenant 'nobody-knows-me'");
            assertThat(header(dead.get(wrongType), "dead-letter-reason")).contains("identity.password.changed.v1");
            // no retries for events that can never succeed
            assertThat(dead.values()).allSatisfy(r -> {
                assertThat(header(r, "dead-letter-attempts")).isEqualTo("1");
                assertThat(header(r, "dead-letter-kind")).isEqualTo("malformed");
                assertThat(header(r, "dead-letter-original-topic")).isEqualTo(Topics.IDENTITY_USER_REGISTERED);
            });
        });
        assertThat(processed.contains(TENANT, badSchema)).isFalse();
    }

    @Test
    void anEventForATriggerWithoutBindingsIsRecordedAsANoOp() throws Exception {
        deploy("post-change-password");
        String eventId = "evt-" + UUID.randomUUID();
        kafka.send(Topics.IDENTITY_PASSWORD_CHANGED, TENANT + "/auth0|noop", """
                {"specversion":"1.0","id":"%s","source":"/test","type":"identity.password.changed.v1",
                 "data":{"user":{"user_id":"auth0|noop","email":"n@example.com"}}}""".formatted(eventId));
        await().atMost(Duration.ofSeconds(30)).until(() -> processed.contains(TENANT, eventId));
        try (var c = dataSource.getConnection();
                var s = c.prepareStatement(
                        "SELECT outcome, trigger_id FROM processed_events WHERE tenant_id = ? AND event_id = ?")) {
            s.setString(1, TENANT);
            s.setString(2, eventId);
            try (var rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("outcome")).isEqualTo("no_op");
                assertThat(rs.getString("trigger_id")).isEqualTo("post-change-password");
            }
        }
    }

    /**
     * A poison event is retried with backoff (0.5, 1, 2 s in tests) on retry topics while other
     * users' events keep flowing, lands on the dead-letter topic after 4 attempts with its reason,
     * failing action and original position, and runs exactly once when replayed after the fix.
     */
    @Test
    void aPoisonEventIsDeadLetteredAfterItsAttemptsWhileOthersFlowAndRunsOnceWhenReplayed() {
        HttpSink downstream = HttpSink.start();
        try {
            downstream.respondWith(500, "{\"error\":\"down\"}");
            deploy(
                    "post-change-password",
                    FlowFixtures.action("audit-password-change", """
                    exports.onExecutePostChangePassword = async (event, api) => {
                      const headers = { 'x-event-id': event.transaction.id };
                      if (event.user.user_id === 'auth0|poison') {
                        const check = await fetch('%1$s/check', { headers });
                        if (!check.ok) throw new Error('downstream answered ' + check.status);
                      }
                      await fetch('%1$s/done', { method: 'POST', headers, body: event.user.user_id });
                    };""".formatted(downstream.url()), List.of()));
            String poison = "evt-poison-" + UUID.randomUUID();
            kafka.send(
                    Topics.IDENTITY_PASSWORD_CHANGED,
                    TENANT + "/auth0|poison",
                    passwordChanged(poison, "auth0|poison"));
            await().atMost(Duration.ofSeconds(30)).until(() -> count(downstream, "/check", poison) >= 1);

            List<String> others = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String id = "evt-other-" + i + "-" + UUID.randomUUID();
                others.add(id);
                kafka.send(
                        Topics.IDENTITY_PASSWORD_CHANGED,
                        TENANT + "/auth0|other" + i,
                        passwordChanged(id, "auth0|other" + i));
            }

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                ConsumerRecord<String, String> dead =
                        deadLettersByEventId(Topics.IDENTITY_PASSWORD_CHANGED).get(poison);
                assertThat(dead).isNotNull();
                assertThat(header(dead, "dead-letter-attempts")).isEqualTo("4");
                assertThat(header(dead, "dead-letter-kind")).isEqualTo("failed");
                assertThat(header(dead, "dead-letter-reason")).contains("downstream answered 500");
                assertThat(header(dead, "dead-letter-action")).startsWith("audit-password-change (");
                assertThat(header(dead, "dead-letter-original-topic")).isEqualTo(Topics.IDENTITY_PASSWORD_CHANGED);
                assertThat(header(dead, "dead-letter-original-partition")).isNotNull();
                assertThat(header(dead, "dead-letter-original-offset")).isNotNull();
            });
            assertThat(count(downstream, "/check", poison)).isEqualTo(4);
            assertThat(count(downstream, "/done", poison)).isZero();
            // the others ran once each, and all of them before the poison event's last attempt
            List<HttpSink.Received> received = downstream.received();
            int lastCheck = lastIndex(received, "/check", poison);
            for (String id : others) {
                assertThat(count(downstream, "/done", id)).as(id).isEqualTo(1);
                assertThat(lastIndex(received, "/done", id)).as(id).isLessThan(lastCheck);
            }

            assertThat(deadLetters.list(Topics.IDENTITY_PASSWORD_CHANGED)).anySatisfy(entry -> {
                assertThat(entry.eventId()).isEqualTo(poison);
                assertThat(entry.attempts()).isEqualTo(4);
                assertThat(entry.action()).startsWith("audit-password-change (");
            });

            // the admin replay (DeadLettersResource, POST /api/v1/admin/dead-letters/replay) after the fix
            downstream.respondWith(200, "{}");
            assertThat(deadLetters.replay(null, List.of(poison)))
                    .extracting(DeadLetters.Entry::eventId)
                    .containsExactly(poison);
            await().atMost(Duration.ofSeconds(30)).until(() -> processed.contains(TENANT, poison));
            assertThat(count(downstream, "/done", poison)).isEqualTo(1);

            // replaying everything again is harmless: completed events are skipped, not rerun
            double skippedBefore = skipped(Topics.IDENTITY_PASSWORD_CHANGED);
            assertThat(deadLetters.replay(Topics.IDENTITY_PASSWORD_CHANGED, List.of()))
                    .isNotEmpty();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> skipped(Topics.IDENTITY_PASSWORD_CHANGED) > skippedBefore);
            assertThat(count(downstream, "/done", poison)).isEqualTo(1);
        } finally {
            downstream.close();
        }
    }

    /** Over HTTP: list dead letters, replay one once its cause (an unknown tenant) is gone. */
    @Test
    void theAdminEndpointListsDeadLettersAndReplaysOneByEventId() {
        String tenant = "late-" + UUID.randomUUID().toString().substring(0, 8);
        String eventId = "evt-" + UUID.randomUUID();
        kafka.send(Topics.IDENTITY_USER_REGISTERED, tenant + "/auth0|late", """
                {"specversion":"1.0","id":"%s","source":"/test","type":"identity.user.registered.v1",
                 "data":{"user":{"user_id":"auth0|late"}}}""".formatted(eventId));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/api/v1/admin/dead-letters?topic=identity.user-registered")
                        .then()
                        .statusCode(200)
                        .body(
                                "find { it.event_id == '" + eventId + "' }.reason",
                                Matchers.equalTo("unknown tenant '" + tenant + "'"))
                        .body(
                                "find { it.event_id == '" + eventId + "' }.original_topic",
                                Matchers.equalTo(Topics.IDENTITY_USER_REGISTERED)));

        FlowFixtures.publish(kafka, json, tenant, "post-user-registration");
        await().atMost(Duration.ofSeconds(30)).until(() -> flows.knowsTenant(tenant));
        given().contentType("application/json")
                .body("{\"event_ids\":[\"" + eventId + "\"]}")
                .post("/api/v1/admin/dead-letters/replay")
                .then()
                .statusCode(200)
                .body("replayed", Matchers.equalTo(1))
                .body("events[0].event_id", Matchers.equalTo(eventId));
        await().atMost(Duration.ofSeconds(30)).until(() -> processed.contains(tenant, eventId));

        given().get("/api/v1/admin/dead-letters?topic=not-an-identity-topic")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void metricsCoverRetriesDeadLettersAndConsumerLag() {
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .contains("kafka_consumer_fetch_manager_records_lag")
                .contains("executor_events_dead_letter_records{topic=\"identity.user-registered.dlq\"}");
    }

    private double skipped(String topic) {
        var counter = registry.find("executor.events.processed")
                .tags("topic", topic, "outcome", "duplicate_skipped")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static String passwordChanged(String id, String userId) {
        return """
                {"specversion":"1.0","id":"%s","source":"/test","type":"identity.password.changed.v1",
                 "data":{"user":{"user_id":"%s","email":"u@example.com"},"transaction":{"correlation_id":"c-1"}}}""".formatted(id, userId);
    }

    private static long count(HttpSink sink, String path, String eventId) {
        return sink.received().stream()
                .filter(r -> r.path().equals(path) && eventId.equals(r.header("x-event-id")))
                .count();
    }

    private static int lastIndex(List<HttpSink.Received> received, String path, String eventId) {
        for (int i = received.size() - 1; i >= 0; i--) {
            if (received.get(i).path().equals(path)
                    && eventId.equals(received.get(i).header("x-event-id"))) {
                return i;
            }
        }
        return -1;
    }

    private Map<String, ConsumerRecord<String, String>> deadLettersByEventId(String topic) {
        Map<String, ConsumerRecord<String, String>> byId = new HashMap<>();
        for (ConsumerRecord<String, String> record : kafka.readAll(topic + ".dlq", Duration.ofSeconds(5))) {
            String id = header(record, "dead-letter-event-id");
            if (id != null) {
                byId.put(id, record);
            }
        }
        return byId;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    void anUnreadableEventGoesToTheDeadLetterTopicWithItsReason() {
        kafka.send(Topics.IDENTITY_USER_REGISTERED, "no-tenant-in-this-key", "{\"user\":{}}");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> dead =
                    kafka.readAll(Topics.IDENTITY_USER_REGISTERED + ".dlq", Duration.ofSeconds(5));
            assertThat(dead).anySatisfy(record -> {
                assertThat(record.key()).isEqualTo("no-tenant-in-this-key");
                assertThat(new String(
                                record.headers()
                                        .lastHeader("dead-letter-reason")
                                        .value(),
                                StandardCharsets.UTF_8))
                        .contains("{tenant}/{user_id}");
            });
        });
    }
}
