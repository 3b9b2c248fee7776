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
import dev.openactions.testsupport.KafkaResource;
import dev.openactions.testsupport.KafkaTestClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The startup warm-up (executor.warmup.*): readiness is DOWN while it sends its flow requests and UP
 * after, and it leaves nothing behind — no execution record, no flow or tenant in the view, no flow
 * timer, no HTTP server meter of the flow route, a token that is refused once it ended.
 */
@QuarkusTest
@TestProfile(WarmupTest.WarmupOn.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@WithTestResource(KafkaResource.class)
class WarmupTest {
    /** Long enough that the first test sees it running on a loaded machine; bounded by its request budget. */
    public static class WarmupOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "executor.warmup.enabled", "true",
                    "executor.warmup.duration", "12s",
                    "executor.warmup.connections", "2");
        }
    }

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
    void readinessIsDownWhileTheWarmupRunsAndUpOnceItEnded() {
        given().get("/q/health/ready")
                .then()
                .statusCode(503)
                .body(containsString("\"warmup\""))
                .body(containsString("running"));
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
        given().get("/q/health/ready").then().body(containsString("done"));
        // the warm-up's requests ran the whole flow: token check, resource, sandbox, record
        assertThat(warmup.requestsSent()).isGreaterThan(10);
        assertThat(warmup.requestsFailed()).isZero();
    }

    @Test
    @Order(2)
    void leavesNoRecordFlowTenantOrMeterBehind() {
        await().atMost(Duration.ofSeconds(90)).until(() -> warmup.state() == HttpWarmup.State.DONE);
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
            assertThat(kafka.readAll(Topics.ACTIONS_EXECUTIONS, Duration.ofSeconds(3)))
                    .as("no execution record of the warm-up reaches actions.executions")
                    .isEmpty();
        }
        assertThat(flows.find(WarmupFlow.TENANT, "post-login")).isEmpty();
        assertThat(flows.knowsTenant(WarmupFlow.TENANT)).isFalse();
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).doesNotContain("executor_flow_duration").doesNotContain("/api/v1/flows/{triggerId}");

        // a real login afterwards is metered from zero (the warm-up's meters were removed, not broken)
        given().contentType(ContentType.JSON)
                .body("{\"event\":{\"user\":{\"user_id\":\"auth0|1\"},\"request\":{\"ip\":\"198.51.100.7\"}}}")
                .post("/api/v1/flows/post-login")
                .then()
                .statusCode(200)
                .body("status", equalTo("completed"));
        String after =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(after.lines()
                        .filter(l -> l.startsWith("http_server_requests_seconds_count")
                                && l.contains("uri=\"/api/v1/flows/{triggerId}\""))
                        .toList())
                .singleElement()
                .asString()
                .matches(".* 1(\\.0)?$");
        assertThat(after.lines()
                        .filter(l -> l.startsWith("executor_flow_duration_seconds_count"))
                        .toList())
                .singleElement()
                .asString()
                .contains("trigger=\"post-login\"")
                .matches(".* 1(\\.0)?$");
    }

    @Test
    @Order(3)
    void theWarmupTokenIsAcceptedOnlyWhileOpen() {
        String token = tokens.open(Duration.ofMinutes(1));
        try {
            given().contentType(ContentType.JSON)
                    .header("Authorization", "Bearer " + token)
                    .body("{\"event\":{\"user\":{\"user_id\":\"warmup|1\"},\"request\":{\"ip\":\"198.51.100.7\"}}}")
                    .post("/api/v1/flows/post-login")
                    .then()
                    .statusCode(200);
        } finally {
            tokens.close();
        }
        given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + token)
                .body("{\"event\":{\"user\":{\"user_id\":\"warmup|1\"},\"request\":{\"ip\":\"198.51.100.7\"}}}")
                .post("/api/v1/flows/post-login")
                .then()
                .statusCode(401);
    }
}
