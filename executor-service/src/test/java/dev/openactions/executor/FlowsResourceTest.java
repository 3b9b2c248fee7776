package dev.openactions.executor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.openactions.contracts.FlowSnapshot;
import dev.openactions.contracts.Topics;
import dev.openactions.localstack.HttpSink;
import dev.openactions.testsupport.HttpSinkResource;
import dev.openactions.testsupport.KafkaResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.graalvm.polyglot.Engine;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(
        value = HttpSinkResource.class,
        initArgs = @ResourceArg(name = "property", value = "quarkus.rest-client.secrets-service.url"))
class FlowsResourceTest extends FlowTestBase {
    private static final String LOGIN_EVENT = """
            {"event": {"user": {"user_id": "auth0|42", "email": "ada@example.com", "app_metadata": {"plan": "pro"}},
                       "request": {"ip": "203.0.113.7"}, "transaction": {"id": "tx-1"}}}""";

    @Inject
    Engine engine;

    @Override
    String secretValuesJson() {
        return "{\"CLAIM_PREFIX\":\"https://example.com/\",\"API_KEY\":\"s3cr3t-value-123\"}";
    }

    private ValidatableResponse login() {
        return given().contentType(ContentType.JSON)
                .body(LOGIN_EVENT)
                .when()
                .post("/api/v1/flows/post-login")
                .then();
    }

    @Test
    void runsTheBoundActionsInOrderAndMergesTheirCommands() {
        deploy(
                "post-login",
                FlowFixtures.action("add-plan-claim", """
                        exports.onExecutePostLogin = async (event, api) => {
                          api.accessToken.setCustomClaim(event.secrets.CLAIM_PREFIX + 'plan', event.user.app_metadata.plan);
                          api.transaction.setMetadata('checked', true);
                          console.log('plan set for', event.user.user_id);
                        };""", List.of("CLAIM_PREFIX")),
                FlowFixtures.action("read-metadata", """
                        exports.onExecutePostLogin = async (event, api) => {
                          api.idToken.setCustomClaim('seen_checked', event.transaction.metadata.checked === true);
                          api.user.setAppMetadata('last_ip', event.request.ip);
                        };""", List.of()));

        login().statusCode(200)
                .body("status", equalTo("completed"))
                .body("trigger.id", equalTo("post-login"))
                .body("trigger.version", equalTo("v3"))
                .body("execution_id", notNullValue())
                .body(
                        "commands.type",
                        contains(
                                "accessToken.setCustomClaim",
                                "transaction.setMetadata",
                                "idToken.setCustomClaim",
                                "user.setAppMetadata"))
                .body("commands[0].action", equalTo("add-plan-claim"))
                .body("effects.access_token.claims.'https://example.com/plan'", equalTo("pro"))
                .body("effects.id_token.claims.seen_checked", equalTo(true))
                .body("effects.user.app_metadata.last_ip", equalTo("203.0.113.7"))
                .body("effects.access.denied", equalTo(false))
                .body("results", hasSize(2))
                .body("results[0].error", nullValue());
        assertThat(secretsService.received())
                .anySatisfy(r -> assertThat(r.path()).endsWith("/secrets/decrypt"));
    }

    @Test
    void anInstalledIntegrationReadsItsCustomersConfigurationFromTheSnapshotNotFromTheCaller() {
        FlowSnapshot.BoundAction custom = FlowFixtures.action("custom", """
                exports.onExecutePostLogin = async (event, api) => {
                  api.idToken.setCustomClaim('custom_sees', event.configuration.REGION || 'none');
                };""", List.of());
        FlowSnapshot.BoundAction plain = FlowFixtures.action("consent-check", """
                exports.onExecutePostLogin = async (event, api) => {
                  api.accessToken.setCustomClaim('region', event.configuration.REGION);
                  api.accessToken.setCustomClaim('keys', Object.keys(event.configuration).join(','));
                };""", List.of());
        FlowSnapshot.BoundAction installed = new FlowSnapshot.BoundAction(
                plain.bindingId(),
                plain.displayName(),
                plain.actionId(),
                plain.actionName(),
                plain.versionId(),
                plain.versionNumber(),
                plain.code(),
                plain.runtime(),
                plain.secretNames(),
                plain.onError(),
                plain.timeoutMs(),
                false,
                null,
                Map.of("REGION", "eu"),
                List.of("api.example.com"));
        deploy("post-login", custom, installed);

        String event = """
                {"event": {"user": {"user_id": "auth0|42"}, "request": {"ip": "203.0.113.7"},
                           "configuration": {"REGION": "forged", "EXTRA": "x"}}}""";
        given().contentType(ContentType.JSON)
                .body(event)
                .when()
                .post("/api/v1/flows/post-login")
                .then()
                .statusCode(200)
                .body("status", equalTo("completed"))
                .body("effects.access_token.claims.region", equalTo("eu"))
                .body("effects.access_token.claims.keys", equalTo("REGION"))
                // a custom action keeps what the caller sent (test runs send a configuration)
                .body("effects.id_token.claims.custom_sees", equalTo("forged"));
    }

    @Test
    void anInstalledIntegrationReachesOnlyTheHostsOfItsCapabilitiesAndTheRecordSaysWhy() throws Exception {
        String sink = secretsService.url(); // a loopback server the test profile allows as a private host
        String code = """
                exports.onExecutePostLogin = async (event, api) => {
                  try {
                    const response = await fetch('%s/probe');
                    api.idToken.setCustomClaim(event.configuration.CLAIM, 'reached ' + response.status);
                  } catch (e) {
                    api.idToken.setCustomClaim(event.configuration.CLAIM, 'refused: ' + e.message);
                  }
                };""".formatted(sink);
        FlowSnapshot.BoundAction base = FlowFixtures.action("capable", code, List.of());
        FlowSnapshot.BoundAction outside = new FlowSnapshot.BoundAction(
                base.bindingId(),
                "outside",
                base.actionId(),
                "outside",
                base.versionId(),
                1,
                code,
                "node22",
                List.of(),
                FlowSnapshot.OnError.CONTINUE,
                null,
                false,
                null,
                Map.of("CLAIM", "outside"),
                List.of("api.example.com", "*.example.org"));
        FlowSnapshot.BoundAction inside = new FlowSnapshot.BoundAction(
                UUID.randomUUID().toString(),
                "inside",
                UUID.randomUUID().toString(),
                "inside",
                UUID.randomUUID().toString(),
                1,
                code,
                "node22",
                List.of(),
                FlowSnapshot.OnError.CONTINUE,
                null,
                false,
                null,
                Map.of("CLAIM", "inside"),
                List.of("127.0.0.1"));
        deploy("post-login", outside, inside);

        String executionId = login().statusCode(200)
                .body(
                        "effects.id_token.claims.outside",
                        containsString(
                                "outside this integration's capabilities (allowed: api.example.com, *.example.org)"))
                .body("effects.id_token.claims.inside", equalTo("reached 200"))
                .extract()
                .path("execution_id");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var record = kafka.readAll(Topics.ACTIONS_EXECUTIONS, Duration.ofSeconds(5)).stream()
                    .filter(r -> r.key().equals("default/" + executionId))
                    .findFirst();
            assertThat(record).isPresent();
            assertThat(record.get().value())
                    .contains("fetch refused: requests to 127.0.0.1 are outside this integration's capabilities");
        });
    }

    @Test
    void decryptedSecretsAreReusedBrieflyPerDeployedVersion() {
        FlowSnapshot.BoundAction v1 = FlowFixtures.action(
                "cached",
                "exports.onExecutePostLogin = async (event, api) => { api.accessToken.setCustomClaim('k', event.secrets.API_KEY.length); };",
                List.of("API_KEY"));
        deploy("post-login", v1);
        secretsService.clear();
        login().statusCode(200).body("effects.access_token.claims.k", equalTo(16));
        login().statusCode(200).body("effects.access_token.claims.k", equalTo(16));
        assertThat(secretsService.received()).as("one decrypt for two logins").hasSize(1);
        // the executor decrypts as itself: its own service token, with the decrypt scope and no tenant
        String authorization = secretsService.received().get(0).header("authorization");
        assertThat(authorization).startsWith("Bearer ");
        String claims = new String(
                Base64.getUrlDecoder().decode(authorization.substring(7).split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(claims)
                .contains("\"sub\":\"executor-service\"")
                .contains("decrypt:secrets")
                .doesNotContain("openactions.dev/tenant");

        FlowSnapshot.BoundAction v2 = new FlowSnapshot.BoundAction(
                v1.bindingId(),
                v1.displayName(),
                v1.actionId(),
                v1.actionName(),
                UUID.randomUUID().toString(),
                2,
                v1.code(),
                v1.runtime(),
                v1.secretNames(),
                v1.onError(),
                v1.timeoutMs());
        deploy("post-login", v2);
        login().statusCode(200);
        assertThat(secretsService.received()).as("a new version decrypts again").hasSize(2);
    }

    @Test
    void denyStopsTheFlowAfterTheCurrentAction() {
        deploy(
                "post-login",
                FlowFixtures.action("blocker", """
                        exports.onExecutePostLogin = async (event, api) => {
                          if (event.request.ip.startsWith('203.0.113.')) api.access.deny('blocked network');
                          api.accessToken.setCustomClaim('after_deny_same_action', 1);
                        };""", List.of()),
                FlowFixtures.action("never-runs", """
                        exports.onExecutePostLogin = async (event, api) => { api.accessToken.setCustomClaim('late', 1); };""", List.of()));

        login().statusCode(200)
                .body("status", equalTo("denied"))
                .body("effects.access.denied", equalTo(true))
                .body("effects.access.reason", equalTo("blocked network"))
                .body("effects.access_token.claims.after_deny_same_action", equalTo(1))
                .body("effects.access_token.claims.late", nullValue())
                .body("results", hasSize(1));
    }

    @Test
    void aThrowingActionFailsTheFlowWithAGenericMessage() {
        deploy("post-login", FlowFixtures.action("broken", """
                exports.onExecutePostLogin = async (event, api) => { throw new Error('boom with ' + event.secrets.API_KEY); };""", List.of("API_KEY")));

        login().statusCode(200)
                .body("status", equalTo("failed"))
                .body("results[0].error.id", equalTo("action_failed"))
                .body("results[0].error.msg", equalTo("The action 'broken' failed."))
                .body(not(containsString("boom")))
                .body(not(containsString("s3cr3t-value-123")));
    }

    @Test
    void anEndlessLoopTimesOutAndTheServiceKeepsServing() {
        deploy("post-login", FlowFixtures.action("spinner", """
                exports.onExecutePostLogin = async () => { while (true) {} };""", List.of(), FlowSnapshot.OnError.FAIL, 300L));
        login().statusCode(200).body("status", equalTo("failed"));

        deploy("post-login", FlowFixtures.action("fine", """
                exports.onExecutePostLogin = async (event, api) => { api.accessToken.setCustomClaim('ok', true); };""", List.of()));
        login().statusCode(200)
                .body("status", equalTo("completed"))
                .body("effects.access_token.claims.ok", equalTo(true));
    }

    @Test
    void onErrorContinueLetsTheFlowGoOn() {
        deploy(
                "post-login",
                FlowFixtures.action(
                        "optional-enrichment",
                        "exports.onExecutePostLogin = async () => { throw new Error('down'); };",
                        List.of(),
                        FlowSnapshot.OnError.CONTINUE,
                        null),
                FlowFixtures.action(
                        "essential",
                        "exports.onExecutePostLogin = async (e, api) => { api.accessToken.setCustomClaim('x', 1); };",
                        List.of()));
        login().statusCode(200)
                .body("status", equalTo("completed"))
                .body("results[0].error.id", equalTo("action_failed"))
                .body("effects.access_token.claims.x", equalTo(1));
    }

    @Test
    void reservedClaimsThrowInsideTheAction() {
        deploy("post-login", FlowFixtures.action("sneaky", """
                exports.onExecutePostLogin = async (event, api) => {
                  try { api.accessToken.setCustomClaim('sub', 'someone-else'); }
                  catch (e) { api.accessToken.setCustomClaim('refused', e.message.includes('reserved')); }
                };""", List.of()));
        login().statusCode(200)
                .body("effects.access_token.claims.refused", equalTo(true))
                .body("effects.access_token.claims.sub", nullValue());
    }

    @Test
    void fetchCallsAnAllowedHostAndRefusesInternalOnes() {
        HttpSink target = HttpSink.start();
        try {
            deploy(
                    "post-login",
                    FlowFixtures.action(
                            "caller",
                            """
                    exports.onExecutePostLogin = async (event, api) => {
                      const res = await fetch('%s/hook', { method: 'POST', headers: { 'x-api-key': event.secrets.API_KEY },
                                                           body: JSON.stringify({ user: event.user.user_id }) });
                      api.accessToken.setCustomClaim('hook_status', res.status);
                      try { await fetch('http://localhost:%d/'); api.accessToken.setCustomClaim('internal', 'reached'); }
                      catch (e) { api.accessToken.setCustomClaim('internal', 'refused'); }
                    };""".formatted(target.url(), URI.create(target.url()).getPort()),
                            List.of("API_KEY")));
            login().statusCode(200)
                    .body("status", equalTo("completed"))
                    .body("effects.access_token.claims.hook_status", equalTo(200))
                    .body("effects.access_token.claims.internal", equalTo("refused"));
            assertThat(target.received()).hasSize(1);
            assertThat(target.received().get(0).header("x-api-key")).isEqualTo("s3cr3t-value-123");
            assertThat(target.received().get(0).body()).contains("auth0|42");
        } finally {
            target.close();
        }
    }

    @Test
    void aTriggerWithoutBindingsCompletesWithNoCommands() {
        deploy("credentials-exchange");
        given().contentType(ContentType.JSON)
                .body("{\"event\":{\"client\":{\"client_id\":\"c1\"}}}")
                .post("/api/v1/flows/credentials-exchange")
                .then()
                .statusCode(200)
                .body("status", equalTo("completed"))
                .body("commands", hasSize(0));
    }

    @Test
    void badInputGetsProblemDetails() {
        given().contentType(ContentType.JSON)
                .body(LOGIN_EVENT)
                .post("/api/v1/flows/no-such-trigger")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .body(LOGIN_EVENT)
                .post("/api/v1/flows/post-user-registration")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/flows/post-login")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", containsString("event"));
        given().contentType(ContentType.JSON)
                .body("{\"event\": {\"user\": \"not-an-object\"}}")
                .post("/api/v1/flows/post-login")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("event.user"));
        given().contentType(ContentType.JSON)
                .body("{\"event\": ")
                .post("/api/v1/flows/post-login")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body(not(containsString("Exception")));
        given().contentType(ContentType.TEXT)
                .body("hello")
                .post("/api/v1/flows/post-login")
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void isReadyOnceTheFlowViewIsLoadedAndPublishesOpenApi() {
        given().get("/q/health/ready").then().statusCode(200).body(containsString("flow-view"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/flows/{triggerId}"));
    }

    @Test
    void compilesActionsWithTheGraalJitOnJdk25() {
        Assumptions.assumeTrue(Runtime.version().feature() >= 25, "the Graal JIT flags need JDK 25");
        assertThat(engine.getImplementationName()).isNotEqualToIgnoringCase("Interpreted");
    }
}
