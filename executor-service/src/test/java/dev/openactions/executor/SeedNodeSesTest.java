package dev.openactions.executor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openactions.contracts.FlowSnapshot;
import dev.openactions.contracts.Topics;
import dev.openactions.executor.npm.BundleRegistryResource;
import dev.openactions.executor.npm.NpmBundles;
import dev.openactions.testsupport.HttpSinkResource;
import dev.openactions.testsupport.KafkaResource;
import dev.openactions.testsupport.SesEndpoint;
import dev.openactions.testsupport.SesEndpointResource;
import dev.openactions.testsupport.SigV4;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The first seed's action, unchanged: {@code node-ses@3.0.3} sends a SigV4-signed SendEmail to SES
 * (here a local SES-compatible endpoint reached only through {@code executor.fetch.connect-to} and
 * the extra trust store), the handler returns without awaiting it, and node-ses's late
 * {@code callback is not a function} ends up in the execution's logs.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(
        value = HttpSinkResource.class,
        initArgs = @ResourceArg(name = "property", value = "quarkus.rest-client.secrets-service.url"))
@WithTestResource(BundleRegistryResource.class)
@WithTestResource(SesEndpointResource.class)
@TestProfile(SeedNodeSesTest.ColdTreeTime.class)
class SeedNodeSesTest extends FlowTestBase {
    /**
     * The first execution loads node-ses's whole tree (~100 packages, request and its dependencies)
     * into a cold engine: on the shared 2-core test machine that has taken close to the default 10 s
     * action limit. Cold-start numbers on a quiet machine are in BENCHMARKS.md (NpmColdStart).
     */
    public static class ColdTreeTime implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("executor.limits.action-timeout", "30s", "executor.limits.flow-timeout", "40s");
        }
    }

    static final String SEED_CODE = """
            exports.onExecutePostUserRegistration = async (event) => {
              const ses = require('node-ses');
              const client = ses.createClient({key: event.secrets.AWS_SES_KEY, secret: event.secrets.AWS_SES_SECRET});
              client.sendEmail({
                to:   'tolga@example.com',
                from: 'info@example.com',
                subject: 'New user has registered in your app',
                message: `Hi, ${event.user.username} (${event.user.email}) registered your app.`,
                altText: 'plain text'
              });
            };
            """;
    private static final String KEY = "AKIDSEEDTEST0001";
    private static final String SECRET = "seed-test-secret-key/abc";

    @Override
    String secretValuesJson() {
        return "{\"AWS_SES_KEY\":\"" + KEY + "\",\"AWS_SES_SECRET\":\"" + SECRET + "\"}";
    }

    @BeforeEach
    void clearSes() {
        SesEndpointResource.clear();
    }

    @Test
    void aRegistrationFromKafkaSendsOneSignedEmailAndRecordsTheLateError() throws Exception {
        String bundle = BundleRegistryResource.publish(NpmBundles.tree("node-ses@3.0.3"));
        deploy(
                "post-user-registration",
                new FlowSnapshot.BoundAction(
                        UUID.randomUUID().toString(),
                        "notify-ses",
                        UUID.randomUUID().toString(),
                        "notify-ses",
                        UUID.randomUUID().toString(),
                        1,
                        SEED_CODE,
                        "node22",
                        List.of("AWS_SES_KEY", "AWS_SES_SECRET"),
                        FlowSnapshot.OnError.FAIL,
                        null,
                        false,
                        bundle));
        String eventId = "evt-" + UUID.randomUUID();
        kafka.send(Topics.IDENTITY_USER_REGISTERED, TENANT + "/auth0|ada", """
                {"specversion":"1.0","id":"%s","source":"/test","type":"identity.user.registered.v1",
                 "data":{"user":{"user_id":"auth0|ada","username":"ada","email":"ada@example.com"}}}""".formatted(eventId));

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(SesEndpointResource.received()).hasSize(1));
        assertSendEmail(SesEndpointResource.received().get(0), "ada", "ada@example.com");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var found = kafka.readAll(Topics.ACTIONS_EXECUTIONS, Duration.ofSeconds(5)).stream()
                    .map(r -> {
                        try {
                            return json.readTree(r.value());
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .filter(r -> eventId.equals(r.path("event_id").asText()))
                    .findFirst();
            assertThat(found)
                    .as("the execution record of " + eventId)
                    .isPresent(); // an assertion: awaitility polls again
            JsonNode record = found.get();
            assertThat(record.path("status").asText()).isEqualTo("completed");
            JsonNode run = record.path("results").get(0);
            assertThat(run.path("error").isNull() || run.path("error").isMissingNode())
                    .isTrue();
            assertThat(run.path("logs").toString()).contains("callback is not a function");
        });
        Thread.sleep(500);
        assertThat(SesEndpointResource.received()).as("exactly one SendEmail").hasSize(1);
    }

    @Test
    void thePlayButtonRunsTheSameActionThroughATestRun() throws Exception {
        String bundle = BundleRegistryResource.publish(NpmBundles.tree("node-ses@3.0.3"));
        Map<String, Object> request = Map.of(
                "tenant_id",
                TENANT,
                "trigger_id",
                "post-user-registration",
                "action_id",
                "seed-action",
                "action_name",
                "notify-ses",
                "code",
                SEED_CODE,
                "dependency_bundle",
                bundle,
                "event",
                Map.of("user", Map.of("user_id", "auth0|grace", "username", "grace", "email", "grace@example.com")));
        JsonNode response = json.readTree(given().contentType(ContentType.JSON)
                .body(json.writeValueAsString(request))
                .post("/internal/v1/test-runs")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(response.path("status").asText()).as(response.toString()).isEqualTo("completed");
        assertThat(response.path("logs").toString()).contains("callback is not a function");
        assertThat(SesEndpointResource.received()).hasSize(1);
        assertSendEmail(SesEndpointResource.received().get(0), "grace", "grace@example.com");
    }

    private static void assertSendEmail(SesEndpoint.Received received, String username, String email) throws Exception {
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.headers().get("host")).isEqualTo(SesEndpoint.HOST);
        Map<String, String> form = new HashMap<>();
        for (String pair : received.body().split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(
                    URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        assertThat(form)
                .containsEntry("Action", "SendEmail")
                .containsEntry("Destination.ToAddresses.member.1", "tolga@example.com")
                .containsEntry("Source", "info@example.com")
                .containsEntry("Message.Subject.Data", "New user has registered in your app")
                .containsEntry("Message.Body.Html.Data", "Hi, " + username + " (" + email + ") registered your app.")
                .containsEntry("Message.Body.Text.Data", "plain text");
        assertThat(SigV4.valid(received, KEY, SECRET))
                .as("SigV4 signature of %s", received.headers())
                .isTrue();
        assertThat(SigV4.valid(received, KEY, "another-secret")).isFalse();
    }
}
