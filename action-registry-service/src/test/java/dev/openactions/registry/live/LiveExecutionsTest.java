package dev.openactions.registry.live;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openactions.contracts.ExecutionRecord;
import dev.openactions.contracts.Topics;
import dev.openactions.registry.ExecutorStubResource;
import dev.openactions.registry.security.Scopes;
import dev.openactions.testsupport.HttpSinkResource;
import dev.openactions.testsupport.KafkaResource;
import dev.openactions.testsupport.KafkaTestClient;
import dev.openactions.testsupport.PostgresResource;
import dev.openactions.testsupport.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The console's recent executions and live stream: authorized like the API, and only the caller's own tenant. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "role", value = "registry"))
@WithTestResource(KafkaResource.class)
@WithTestResource(
        value = HttpSinkResource.class,
        initArgs = @ResourceArg(name = "property", value = "quarkus.rest-client.secrets-service.url"))
@WithTestResource(ExecutorStubResource.class)
class LiveExecutionsTest {
    private static final String LIST = "/console/api/executions";
    private static final Duration CONSUMED = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @TestHTTPResource("/console/api/executions/stream")
    URI stream;

    @Inject
    ObjectMapper json;

    private KafkaTestClient kafka;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<CompletableFuture<?>> open = new CopyOnWriteArrayList<>();

    @BeforeEach
    void connect() {
        kafka = new KafkaTestClient(bootstrapServers);
        RestAssured.replaceFiltersWith(List.of());
    }

    @AfterEach
    void disconnect() {
        open.forEach(f -> f.cancel(true));
        kafka.close();
    }

    private static String bearer(String tenant, String... scopes) {
        return TestTokens.bearer(TestTokens.forTenant(tenant, scopes));
    }

    private ExecutionRecord record(String tenant, String trigger, String actionId, Instant at) {
        return new ExecutionRecord(
                UUID.randomUUID().toString(),
                tenant,
                trigger,
                "completed",
                null,
                at,
                at.plusMillis(25),
                List.of(new ExecutionRecord.ActionRun(
                        actionId,
                        "act-" + actionId.substring(0, 8),
                        UUID.randomUUID().toString(),
                        1,
                        at,
                        at.plusMillis(20),
                        null,
                        List.of("log of " + tenant),
                        null)));
    }

    private ExecutionRecord publish(ExecutionRecord record) throws Exception {
        kafka.send(
                Topics.ACTIONS_EXECUTIONS, Topics.key(record.tenantId(), record.id()), json.writeValueAsString(record));
        return record;
    }

    /** Opens a stream and collects its lines as they arrive. */
    private List<String> openStream(String authorization) throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(stream)
                .header("Authorization", authorization)
                .header("Accept", "text/event-stream")
                .build();
        HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        open.add(CompletableFuture.runAsync(() -> response.body().forEach(lines::add)));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> lines.contains("event:ready") || lines.contains("event: ready"));
        return lines;
    }

    private static boolean mentions(List<String> lines, String id) {
        return lines.stream().anyMatch(l -> l.contains(id));
    }

    @Test
    void recentExecutionsAreTheTenantsOwnNewestFirstAndFilterable() throws Exception {
        String tenant = "live-" + UUID.randomUUID().toString().substring(0, 8);
        String actionId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        ExecutionRecord older = publish(record(tenant, "post-login", actionId, now.minusSeconds(60)));
        ExecutionRecord newer =
                publish(record(tenant, "post-login", UUID.randomUUID().toString(), now.minusSeconds(30)));
        ExecutionRecord otherTrigger =
                publish(record(tenant, "credentials-exchange", UUID.randomUUID().toString(), now));
        ExecutionRecord foreign = publish(record("someone-else", "post-login", actionId, now));

        await().atMost(CONSUMED)
                .until(() -> given().header("Authorization", bearer(tenant, Scopes.READ_ACTIONS))
                                .get(LIST)
                                .jsonPath()
                                .getList("executions")
                                .size()
                        == 3);
        JsonPath all = given().header("Authorization", bearer(tenant, Scopes.READ_ACTIONS))
                .get(LIST)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(all.getList("executions.id")).containsExactly(otherTrigger.id(), newer.id(), older.id());
        assertThat(all.getString("executions[2].results[0].logs[0]")).isEqualTo("log of " + tenant);
        assertThat(all.getString("executions[2].status")).isEqualTo("completed");
        assertThat(all.prettify()).doesNotContain(foreign.id()).doesNotContain("someone-else");

        given().header("Authorization", bearer(tenant, Scopes.READ_ACTIONS))
                .queryParam("trigger_id", "post-login")
                .get(LIST)
                .then()
                .statusCode(200)
                .body("executions.id", equalTo(List.of(newer.id(), older.id())));
        given().header("Authorization", bearer(tenant, Scopes.READ_ACTIONS))
                .queryParam("action_id", actionId)
                .get(LIST)
                .then()
                .statusCode(200)
                .body("executions.id", equalTo(List.of(older.id())));
        given().header("Authorization", bearer(tenant, Scopes.READ_ACTIONS))
                .queryParam("trigger_id", "Not A Trigger")
                .get(LIST)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void bothEndpointsNeedAValidTokenWithReadActions() {
        for (String path : List.of(LIST, LIST + "/stream")) {
            given().get(path).then().statusCode(401).contentType("application/problem+json");
            given().header("Authorization", TestTokens.bearer(TestTokens.expired("t1", Scopes.READ_ACTIONS)))
                    .get(path)
                    .then()
                    .statusCode(401);
            given().header("Authorization", bearer("t1", Scopes.CREATE_ACTIONS))
                    .get(path)
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json");
            given().header("Authorization", TestTokens.bearer(TestTokens.forService("svc", Scopes.READ_ACTIONS)))
                    .get(path)
                    .then()
                    .statusCode(403);
        }
    }

    @Test
    void theStreamCarriesTheTenantsNewExecutionsAndNeverAnotherTenants() throws Exception {
        String tenant = "stream-" + UUID.randomUUID().toString().substring(0, 8);
        String other = "other-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> mine = openStream(bearer(tenant, Scopes.READ_ACTIONS));
        List<String> theirs = openStream(bearer(other, Scopes.READ_ACTIONS));

        // The live consumer starts at the newest offset: publish until one arrives (it may still be joining).
        List<String> sent = new CopyOnWriteArrayList<>();
        await().atMost(CONSUMED).pollInterval(Duration.ofMillis(500)).until(() -> {
            sent.add(publish(record(tenant, "post-login", UUID.randomUUID().toString(), Instant.now()))
                    .id());
            return sent.stream().anyMatch(id -> mentions(mine, id));
        });
        // one more, after which every earlier record has been handed to every stream
        String last = publish(record(tenant, "post-login", UUID.randomUUID().toString(), Instant.now()))
                .id();
        await().atMost(CONSUMED).until(() -> mentions(mine, last));

        assertThat(mine).anyMatch(l -> l.startsWith("event:execution") || l.startsWith("event: execution"));
        assertThat(mine.stream()
                        .filter(l -> l.startsWith("data:"))
                        .filter(l -> l.contains(last))
                        .findFirst()
                        .orElseThrow())
                .contains("\"trigger_id\":\"post-login\"")
                .contains("log of " + tenant)
                .doesNotContain("tenant_id");
        assertThat(theirs).noneMatch(l -> l.contains("execution") && !l.contains("ready"));
        for (String id : sent) {
            assertThat(mentions(theirs, id))
                    .as("another tenant's stream never carries " + id)
                    .isFalse();
        }
    }
}
