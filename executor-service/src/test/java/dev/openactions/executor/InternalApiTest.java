package dev.openactions.executor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openactions.contracts.Topics;
import dev.openactions.executor.flow.FlowView;
import dev.openactions.localstack.HttpSink;
import dev.openactions.testsupport.HttpSinkResource;
import dev.openactions.testsupport.KafkaResource;
import dev.openactions.testsupport.KafkaTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Build checks and test runs for the registry, and the execution records every flow publishes. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(
        value = HttpSinkResource.class,
        initArgs = @ResourceArg(name = "property", value = "quarkus.rest-client.secrets-service.url"))
class InternalApiTest {
    @HttpSinkResource.InjectHttpSink
    HttpSink secretsService;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "executor.limits.action-timeout")
    Duration actionTimeout;

    @Inject
    ObjectMapper json;

    @Inject
    FlowView flows;

    private static String build(String trigger, String code) {
        return "{\"trigger_id\":\"" + trigger + "\",\"code\":" + quote(code) + "}";
    }

    static String quote(String code) {
        return "\"" + code.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    @Test
    void buildAcceptsCodeThatExportsTheHandler() {
        given().contentType(ContentType.JSON)
                .body(build("post-login", "exports.onExecutePostLogin = async () => {};"))
                .post("/internal/v1/builds")
                .then()
                .statusCode(200)
                .body("built", equalTo(true))
                .body("errors", hasSize(0));
    }

    @Test
    void buildReportsSyntaxErrorsWithLineAndColumn() {
        given().contentType(ContentType.JSON)
                .body(build(
                        "post-login",
                        "// first line\nexports.onExecutePostLogin = async (event, api) => {\n  api.access.deny(;\n};"))
                .post("/internal/v1/builds")
                .then()
                .statusCode(200)
                .body("built", equalTo(false))
                .body("errors[0].id", equalTo("syntax_error"))
                .body("errors[0].line", equalTo(3));
    }

    @Test
    void buildReportsAMissingHandlerAndThrowingTopLevelCode() {
        given().contentType(ContentType.JSON)
                .body(build("credentials-exchange", "exports.onExecutePostLogin = async () => {};"))
                .post("/internal/v1/builds")
                .then()
                .statusCode(200)
                .body("built", equalTo(false))
                .body("errors[0].id", equalTo("missing_handler"))
                .body("errors[0].msg", containsString("onExecuteCredentialsExchange"));
        given().contentType(ContentType.JSON)
                .body(build("post-login", "throw new Error('no config');"))
                .post("/internal/v1/builds")
                .then()
                .statusCode(200)
                .body("errors[0].id", equalTo("top_level_error"))
                .body("errors[0].msg", containsString("no config"));
        given().contentType(ContentType.JSON)
                .body(build("post-login", "while (true) {}"))
                .post("/internal/v1/builds")
                .then()
                .statusCode(200)
                .body("errors[0].id", equalTo("top_level_error"));
    }

    @Test
    void aTestRunShowsTheActionsOwnLogsAndErrorWithSecretsRedacted() {
        secretsService.respondWith(200, "{\"secrets\":{\"TOKEN\":\"tok-very-secret-42\"}}");
        String body = """
                {"tenant_id":"default","trigger_id":"post-login","action_id":"act-1","action_name":"draft-one",
                 "code":%s,"event":{"user":{"user_id":"u1"}}}""".formatted(quote("""
                exports.onExecutePostLogin = async (event, api) => {
                  console.log('token is', event.secrets.TOKEN);
                  api.idToken.setCustomClaim('seen', true);
                  throw new Error('failed with ' + event.secrets.TOKEN);
                };"""));
        given().contentType(ContentType.JSON)
                .body(body)
                .post("/internal/v1/test-runs")
                .then()
                .statusCode(200)
                .body("status", equalTo("failed"))
                .body("logs", contains("token is [REDACTED]"))
                .body("error.message", containsString("failed with [REDACTED]"))
                .body(not(containsString("tok-very-secret-42")));
        given().contentType(ContentType.JSON)
                .body("{\"trigger_id\":\"post-login\"}")
                .post("/internal/v1/test-runs")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void aTestRunReportsLineCoverageOnlyWhenAsked() {
        secretsService.respondWith(200, "{\"secrets\":{}}");
        String code = quote("""
                exports.onExecutePostLogin = async (event, api) => {
                  if (event.user.consented) {
                    api.idToken.setCustomClaim('https://example.com/consent', true);
                  } else {
                    api.access.deny('consent missing');
                  }
                };""");
        String request = """
                {"tenant_id":"default","trigger_id":"post-login","action_id":"act-cov","action_name":"consent",
                 "code":%s,"event":{"user":{"user_id":"u1","consented":true}}%s}""";
        given().contentType(ContentType.JSON)
                .body(request.formatted(code, ",\"coverage\":true"))
                .post("/internal/v1/test-runs")
                .then()
                .statusCode(200)
                .body("status", equalTo("completed"))
                .body("coverage.total_lines", equalTo(4))
                .body("coverage.covered_lines", equalTo(3))
                .body("coverage.percent", equalTo(75.0f))
                .body("coverage.uncovered_lines", contains(5));
        given().contentType(ContentType.JSON)
                .body(request.formatted(code, ""))
                .post("/internal/v1/test-runs")
                .then()
                .statusCode(200)
                .body("status", equalTo("completed"))
                .body("coverage", nullValue());
    }

    @Test
    void aTestRunWithOutboundHostsRefusesOthers() {
        secretsService.respondWith(200, "{\"secrets\":{}}");
        String code = quote("""
                exports.onExecutePostLogin = async (event, api) => {
                  const answer = await fetch('https://elsewhere.example.org/x').catch(e => e.message);
                  console.log(String(answer));
                };""");
        given().contentType(ContentType.JSON)
                .body("""
                {"tenant_id":"default","trigger_id":"post-login","action_id":"act-hosts","action_name":"hosts",
                 "code":%s,"event":{"user":{"user_id":"u1"}},"outbound_hosts":["api.consent-vendor.example"]}""".formatted(code))
                .post("/internal/v1/test-runs")
                .then()
                .statusCode(200)
                .body("logs[0]", containsString("elsewhere.example.org"));
    }

    @Test
    void anIntegrationsTestRunUsesItsConfigurationAndHostsAndReportsItsDurationAgainstTheLimit() {
        secretsService.respondWith(200, "{\"secrets\":{}}");
        String code = quote("""
                exports.onExecutePostLogin = async (event, api) => {
                  api.idToken.setCustomClaim('purpose', event.configuration.PURPOSE);
                  try {
                    await fetch('http://127.0.0.1:9/consents');
                    api.idToken.setCustomClaim('fetched', true);
                  } catch (e) {
                    api.idToken.setCustomClaim('fetch_error', String(e.message || e));
                  }
                };""");
        String body = """
                {"tenant_id":"default","trigger_id":"post-login","action_id":"review-1","action_name":"Consent",
                 "code":%s,"event":{"user":{"user_id":"u1"},"configuration":{"PURPOSE":"from the caller"}},
                 "configuration":{"PURPOSE":"marketing"},"outbound_hosts":[]}""".formatted(code);
        given().contentType(ContentType.JSON)
                .body(body)
                .post("/internal/v1/test-runs")
                .then()
                .statusCode(200)
                .body("status", equalTo("completed"))
                // the run's configuration, not the event's
                .body("effects.id_token.claims.purpose", equalTo("marketing"))
                // no host allowed: the request is refused before any connection, and the host logs why
                .body(
                        "effects.id_token.claims.fetch_error",
                        containsString("outside this integration's capabilities (allowed: none)"))
                .body("effects.id_token.claims.fetched", nullValue())
                .body(
                        "logs",
                        contains(containsString(
                                "fetch refused: requests to 127.0.0.1 are outside this integration's capabilities")))
                .body("duration_ms", greaterThanOrEqualTo(0))
                .body("time_limit_ms", equalTo((int) actionTimeout.toMillis()));

        // a custom action's draft (no configuration, no hosts) keeps the event's configuration
        String custom = """
                {"tenant_id":"default","trigger_id":"post-login","action_id":"act-2","action_name":"draft-two",
                 "code":%s,"event":{"user":{"user_id":"u1"},"configuration":{"PURPOSE":"from the caller"}}}""".formatted(
                        quote(
                                "exports.onExecutePostLogin = async (event, api) => { api.idToken.setCustomClaim('purpose', event.configuration.PURPOSE); };"));
        given().contentType(ContentType.JSON)
                .body(custom)
                .post("/internal/v1/test-runs")
                .then()
                .statusCode(200)
                .body("effects.id_token.claims.purpose", equalTo("from the caller"));
    }

    @Test
    void everyFlowPublishesAnExecutionRecord() throws Exception {
        secretsService.respondWith(200, "{\"secrets\":{}}");
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
            long revision = FlowFixtures.publish(
                    kafka,
                    json,
                    "default",
                    "pre-user-registration",
                    FlowFixtures.action("validate-email", """
                            exports.onExecutePreUserRegistration = async (event, api) => {
                              console.log('checking', event.user.email);
                              api.validation.error('invalid_email', 'Use your work address');
                            };""", List.of()));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> flows.find("default", "pre-user-registration")
                            .map(f -> f.revision() == revision)
                            .orElse(false));
            String executionId = given().contentType(ContentType.JSON)
                    .body("{\"event\":{\"user\":{\"email\":\"x@gmail.com\"}}}")
                    .post("/api/v1/flows/pre-user-registration")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("denied"))
                    .body("effects.validation.code", equalTo("invalid_email"))
                    .body("results[0].error", nullValue())
                    .extract()
                    .path("execution_id");

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                var record = kafka.readAll(Topics.ACTIONS_EXECUTIONS, Duration.ofSeconds(5)).stream()
                        .filter(r -> r.key().equals("default/" + executionId))
                        .findFirst();
                assertThat(record).isPresent();
                JsonNode value = json.readTree(record.get().value());
                assertThat(value.path("trigger_id").asText()).isEqualTo("pre-user-registration");
                assertThat(value.path("status").asText()).isEqualTo("denied");
                assertThat(value.path("results").get(0).path("action_name").asText())
                        .isEqualTo("validate-email");
                assertThat(value.path("results").get(0).path("logs").get(0).asText())
                        .isEqualTo("checking x@gmail.com");
                assertThat(value.path("results").get(0).has("error_stack")).isTrue();
            });
        }
    }
}
