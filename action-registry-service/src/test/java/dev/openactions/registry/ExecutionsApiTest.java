package dev.openactions.registry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openactions.contracts.ExecutionRecord;
import dev.openactions.contracts.Topics;
import dev.openactions.registry.repository.ExecutionRepository;
import dev.openactions.registry.service.ExecutionService;
import dev.openactions.testsupport.HttpSinkResource;
import dev.openactions.testsupport.KafkaResource;
import dev.openactions.testsupport.KafkaTestClient;
import dev.openactions.testsupport.PostgresResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Execution records consumed from actions.executions and served in Auth0's shape. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "role", value = "registry"))
@WithTestResource(KafkaResource.class)
@WithTestResource(
        value = HttpSinkResource.class,
        initArgs = @ResourceArg(name = "property", value = "quarkus.rest-client.secrets-service.url"))
@WithTestResource(ExecutorStubResource.class)
class ExecutionsApiTest {
    private static final String EXECUTIONS = "/api/v2/actions/executions/";
    private static final Duration CONSUMED = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectMapper json;

    @Inject
    ExecutionRepository executions;

    @Inject
    ExecutionService service;

    private KafkaTestClient kafka;

    @BeforeEach
    void connect() {
        kafka = new KafkaTestClient(bootstrapServers);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    private ExecutionRecord record(String tenant, String id, String status, Instant createdAt) {
        return new ExecutionRecord(
                id,
                tenant,
                "post-login",
                status,
                null,
                createdAt,
                createdAt.plusMillis(40),
                List.of(
                        new ExecutionRecord.ActionRun(
                                UUID.randomUUID().toString(),
                                "add-claim",
                                UUID.randomUUID().toString(),
                                3,
                                createdAt,
                                createdAt.plusMillis(10),
                                null,
                                List.of("hello"),
                                null),
                        new ExecutionRecord.ActionRun(
                                UUID.randomUUID().toString(),
                                "call-crm",
                                UUID.randomUUID().toString(),
                                1,
                                createdAt.plusMillis(10),
                                createdAt.plusMillis(40),
                                "TypeError: crm is not defined",
                                List.of(),
                                "    at <js> onExecutePostLogin(action:call-crm@1.js:2:10)")));
    }

    private void publish(ExecutionRecord record) throws Exception {
        kafka.send(
                Topics.ACTIONS_EXECUTIONS, Topics.key(record.tenantId(), record.id()), json.writeValueAsString(record));
    }

    private boolean stored(String tenant, String id) {
        return QuarkusTransaction.requiringNew()
                .call(() -> executions.findForTenant(tenant, id).isPresent());
    }

    @Test
    void servesConsumedExecutionsInAuth0Shape() throws Exception {
        String id = UUID.randomUUID().toString();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        publish(record("default", id, "failed", at));

        await().atMost(CONSUMED).until(() -> given().get(EXECUTIONS + id).statusCode() == 200);
        given().get(EXECUTIONS + id)
                .then()
                .statusCode(200)
                .body("id", equalTo(id))
                .body("trigger_id", equalTo("post-login"))
                .body("status", equalTo("final"))
                .body("results", hasSize(2))
                .body("results.action_name", contains("add-claim", "call-crm"))
                .body("results[0].error", nullValue())
                .body("results[1].error.id", equalTo("action_error"))
                .body("results[1].error.msg", equalTo("TypeError: crm is not defined"))
                .body("results[0].started_at", equalTo(at.toString()))
                .body("created_at", equalTo(at.toString()))
                .body("updated_at", equalTo(at.plusMillis(40).toString()));

        // A redelivered or updated record replaces the stored one.
        publish(record("default", id, "suspended", at));
        await().atMost(CONSUMED)
                .untilAsserted(() -> given().get(EXECUTIONS + id).then().body("status", equalTo("suspended")));
    }

    @Test
    void anotherTenantsExecutionIsNotFound() throws Exception {
        String id = UUID.randomUUID().toString();
        publish(record("acme", id, "completed", Instant.now()));
        await().atMost(CONSUMED).until(() -> stored("acme", id));
        given().get(EXECUTIONS + id).then().statusCode(404).contentType("application/problem+json");
        given().get(EXECUTIONS + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void purgesExecutionsOlderThanTheRetention() throws Exception {
        String old = UUID.randomUUID().toString();
        String fresh = UUID.randomUUID().toString();
        publish(record("default", old, "completed", Instant.now().minus(Duration.ofDays(11))));
        publish(record("default", fresh, "completed", Instant.now().minus(Duration.ofDays(9))));
        await().atMost(CONSUMED).until(() -> stored("default", old) && stored("default", fresh));
        given().get(EXECUTIONS + old).then().statusCode(200);

        assertThat(service.purgeExpired()).isGreaterThanOrEqualTo(1);
        given().get(EXECUTIONS + old).then().statusCode(404);
        given().get(EXECUTIONS + fresh).then().statusCode(200);
    }

    @Test
    void skipsUnreadableRecordsAndKeepsConsuming() throws Exception {
        String id = UUID.randomUUID().toString();
        String key = Topics.key("default", id);
        String mismatched = UUID.randomUUID().toString();
        // Same key, so the same partition: the good record comes after the bad ones.
        kafka.send(Topics.ACTIONS_EXECUTIONS, key, "this is not json");
        kafka.send(Topics.ACTIONS_EXECUTIONS, key, "{\"id\":\"" + id + "\"}");
        kafka.send(
                Topics.ACTIONS_EXECUTIONS,
                key,
                json.writeValueAsString(record("default", mismatched, "completed", Instant.now())));
        publish(record("default", id, "completed", Instant.now()));

        await().atMost(CONSUMED).until(() -> stored("default", id));
        assertThat(stored("default", mismatched))
                .as("a record whose key names another execution is skipped")
                .isFalse();
        given().get(EXECUTIONS + id).then().statusCode(200).body("status", equalTo("final"));
    }

    @Test
    void storesARecordWithUnstorableCharactersSanitizedAndKeepsConsuming() throws Exception {
        String poison = UUID.randomUUID().toString();
        String good = UUID.randomUUID().toString();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        // An action that logs a NUL and a lone surrogate: jsonb refuses both.
        ExecutionRecord logged = new ExecutionRecord(
                poison,
                "default",
                "post-login",
                "completed",
                null,
                at,
                at,
                List.of(new ExecutionRecord.ActionRun(
                        UUID.randomUUID().toString(),
                        "nul\u0000name",
                        UUID.randomUUID().toString(),
                        1,
                        at,
                        at,
                        null,
                        List.of("before\u0000after", "half \ud800 a pair"),
                        null)));
        // JSON escapes as a JavaScript JSON.stringify would write them (Jackson writes a surrogate raw)
        String escaped = json.writeValueAsString(logged).replace("\ud800", "\\ud800");
        assertThat(escaped).contains("\\u0000").contains("\\ud800");
        kafka.send(Topics.ACTIONS_EXECUTIONS, Topics.key("default", poison), escaped);
        publish(record("default", good, "completed", at));

        await().atMost(CONSUMED).until(() -> stored("default", good));
        await().atMost(CONSUMED).until(() -> stored("default", poison));
        given().get(EXECUTIONS + poison)
                .then()
                .statusCode(200)
                .body("results[0].action_name", equalTo("nul\ufffdname"));
        List<String> logs = QuarkusTransaction.requiringNew()
                .call(() -> List.copyOf(executions
                        .findForTenant("default", poison)
                        .orElseThrow()
                        .results
                        .get(0)
                        .logs()));
        assertThat(logs).containsExactly("before\ufffdafter", "half \ufffd a pair");
    }

    @Test
    void deadLettersARecordTheDatabaseRefusesAndKeepsConsuming() throws Exception {
        String refused = UUID.randomUUID().toString();
        String good = UUID.randomUUID().toString();
        // A time PostgreSQL cannot store (year 300000, beyond timestamptz): no sanitizing helps, so it goes to the
        // dead-letter topic.
        Instant far = Instant.parse("+300000-01-01T00:00:00Z");
        kafka.send(
                Topics.ACTIONS_EXECUTIONS,
                Topics.key("default", refused),
                json.writeValueAsString(record("default", refused, "completed", far)));
        publish(record("default", good, "completed", Instant.now()));

        await().atMost(CONSUMED).until(() -> stored("default", good));
        assertThat(stored("default", refused)).isFalse();
        await().atMost(CONSUMED)
                .untilAsserted(
                        () -> assertThat(kafka.readAll(Topics.ACTIONS_EXECUTIONS + ".dlq", Duration.ofSeconds(2)))
                                .anySatisfy(dead -> assertThat(dead.value()).contains(refused)));
        // still alive: a later record is stored too
        String later = UUID.randomUUID().toString();
        publish(record("default", later, "completed", Instant.now()));
        await().atMost(CONSUMED).until(() -> stored("default", later));
    }
}
