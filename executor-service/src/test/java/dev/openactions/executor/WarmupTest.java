package dev.openactions.executor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.openactions.contracts.Topics;
import dev.openactions.executor.flow.FlowView;
import dev.openactions.executor.flow.WarmupFlow;
import dev.openactions.executor.security.WarmupTokens;
import dev.openactions.executor.warmup.HttpWarmup;
import dev.openactions.testsupport.HttpSinkResource;
import dev.openactions.testsupport.KafkaResource;
import dev.openactions.testsupport.KafkaTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The startup warm-up (executor.warmup.*). Off in the test profile, so the service was ready without it;
 * started here on the running service (3 s, 2 connections: the test profile's settings): readiness is DOWN
 * while it sends its flow requests and UP after, and it leaves nothing behind — no execution record, no
 * flow or tenant in the view, no flow timer, no HTTP server meter of the flow route it created, a token
 * that is refused once it ended. Same resources as FlowsResourceTest, so the application is shared.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(
        value = HttpSinkResource.class,
        initArgs = @ResourceArg(name = "property", value = "quarkus.rest-client.secrets-service.url"))
class WarmupTest {
    private static final String FLOW_ROUTE = "uri=\"/api/v1/flows/{triggerId}\"";

    @Inject
    HttpWarmup warmup;

    @Inject
    WarmupTokens tokens;

    @Inject
    FlowView flows;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    @Order(1)
    void readinessDoesNotWaitForAWarmupThatIsOff() {
        assertThat(warmup.state()).isEqualTo(HttpWarmup.State.OFF);
        assertThat(warmup.requestsSent()).isZero();
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body(containsString("\"warmup\""))
                .body(containsString("off"));
    }

    @Test
    @Order(2)
    void readinessIsDownWhileTheWarmupRunsAndItLeavesNothingBehind() {
        String metricsBefore = metrics();
        boolean routeMeteredBefore = metricsBefore.contains(FLOW_ROUTE);

        long started = System.nanoTime();
        warmup.start();
        given().get("/q/health/ready")
                .then()
                .statusCode(503)
                .body(containsString("\"warmup\""))
                .body(containsString("running"));
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(warmup.state()).isEqualTo(HttpWarmup.State.DONE);
        // at least executor.warmup.duration (3 s), then until the JIT settled or max-duration (8 s)
        assertThat(took).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(8 + 2 + 5));
        assertThat(warmup.jitCompilingShare())
                .as("the JIT's activity was measured")
                .isNotNaN();
        if (took.compareTo(Duration.ofSeconds(8)) < 0) {
            assertThat(warmup.jitCompilingShare())
                    .as("ended early: the JIT had settled")
                    .isLessThan(0.25);
        }
        given().get("/q/health/ready").then().body(containsString("jit_compiling_percent_of_a_core"));
        given().get("/q/health/ready").then().body(containsString("done"));
        // its requests ran the whole flow (token check, resource, sandbox, record) and all succeeded
        assertThat(warmup.requestsSent()).isGreaterThan(10);
        assertThat(warmup.requestsFailed()).isZero();

        try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
            assertThat(kafka.readAll(Topics.ACTIONS_EXECUTIONS, Duration.ofSeconds(3)))
                    .as("no execution record of the warm-up reaches actions.executions")
                    .noneMatch(record -> record.value().contains(WarmupFlow.TENANT));
        }
        assertThat(flows.find(WarmupFlow.TENANT, "post-login")).isEmpty();
        assertThat(flows.knowsTenant(WarmupFlow.TENANT)).isFalse();
        String metricsAfter = metrics();
        assertThat(lines(metricsAfter, "executor_flow_duration_seconds_count"))
                .as("the warm-up's runs are not timed")
                .isEqualTo(lines(metricsBefore, "executor_flow_duration_seconds_count"));
        if (!routeMeteredBefore) { // as at startup: the meters its requests created are gone
            assertThat(metricsAfter).doesNotContain(FLOW_ROUTE);
            login();
            assertThat(lines(metrics(), "http_server_requests_seconds_count"))
                    .as("a real login afterwards is metered from zero")
                    .filteredOn(line -> line.contains(FLOW_ROUTE))
                    .singleElement()
                    .asString()
                    .matches(".* 1(\\.0)?$");
        }
    }

    @Test
    @Order(3)
    void theWarmupTokenIsAcceptedOnlyWhileOpen() {
        String token = tokens.open(Duration.ofMinutes(1));
        try {
            login(token).statusCode(200).body("status", equalTo("completed"));
        } finally {
            tokens.close();
        }
        login(token).statusCode(401);
    }

    private static void login() {
        given().contentType(ContentType.JSON)
                .body("{\"event\":{\"user\":{\"user_id\":\"auth0|1\"},\"request\":{\"ip\":\"198.51.100.7\"}}}")
                .post("/api/v1/flows/post-login")
                .then()
                .statusCode(200);
    }

    private static ValidatableResponse login(String token) {
        return given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + token)
                .body("{\"event\":{\"user\":{\"user_id\":\"warmup|1\"},\"request\":{\"ip\":\"198.51.100.7\"}}}")
                .post("/api/v1/flows/post-login")
                .then();
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static List<String> lines(String metrics, String prefix) {
        return metrics.lines().filter(line -> line.startsWith(prefix)).toList();
    }
}
