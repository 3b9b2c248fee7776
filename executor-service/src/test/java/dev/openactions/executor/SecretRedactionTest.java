package dev.openactions.executor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openactions.contracts.FlowSnapshot;
import dev.openactions.contracts.Topics;
import dev.openactions.testsupport.HttpSinkResource;
import dev.openactions.testsupport.KafkaResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Secrets never leak, in any encoding (docs/security.md), over HTTP: an action logs awkward secret
 * values (quotes, backslashes, newlines, a PEM key, a JSON credential, non-ASCII) in every way an
 * action does — as they are, inside an object, as JSON, through util.inspect/format, URL-encoded,
 * base64 — sets one as a claim and throws with one in its message. Neither the test-run response nor
 * the execution record holds any of them in any of those forms.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(
        value = HttpSinkResource.class,
        initArgs = @ResourceArg(name = "property", value = "quarkus.rest-client.secrets-service.url"))
class SecretRedactionTest extends FlowTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> VALUES = List.of(
            "with \"double\" and 'single' quotes",
            "back\\slash\\and\\more",
            "line one\nline two\r\nline three\ttabbed",
            "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\n"
                    + "MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu\n-----END PRIVATE KEY-----\n",
            "{\n  \"type\": \"service_account\",\n  \"client_email\": \"svc@project.iam.example.com\",\n"
                    + "  \"private_key\": \"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSj\\n-----END PRIVATE KEY-----\\n\"\n}",
            "pässwörd-Ünïcødé-€-🙂-日本語",
            "sp ace&amp=eq+plus/slash?q#h%pct");

    private static final String LEAKY_ACTION = """
            exports.onExecutePostLogin = async (event, api) => {
              const util = require('util');
              for (const [name, s] of Object.entries(event.secrets)) {
                console.log(s);
                console.log('as json', JSON.stringify(s), JSON.stringify({ nested: { s } }));
                console.log('inspect', util.inspect(s), util.format('%j %o %s', { s }, { s }, s));
                console.log('url', encodeURIComponent(s), new URLSearchParams({ s }).toString());
                console.log('b64', Buffer.from(s).toString('base64'), Buffer.from(s).toString('base64url'),
                            Buffer.from('user:' + s).toString('base64'), Buffer.from(s).toString('hex'));
                console.warn({ name, s });
              }
              console.log(event.secrets);
              console.error('secrets', event.secrets);
              api.idToken.setCustomClaim('leak', event.secrets.S0);
              throw new Error('failed with ' + JSON.stringify(event.secrets));
            };""";

    @Override
    String secretValuesJson() {
        Map<String, String> secrets = new LinkedHashMap<>();
        for (int i = 0; i < VALUES.size(); i++) {
            secrets.put("S" + i, VALUES.get(i));
        }
        try {
            return JSON.writeValueAsString(secrets);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aTestRunNeverShowsASecretInAnyForm() throws Exception {
        String response = given().contentType(ContentType.JSON)
                .body("""
                {"tenant_id":"default","trigger_id":"post-login","action_id":"leaky","action_name":"leaky",
                 "code":%s,"event":{"user":{"user_id":"u1"}}}""".formatted(InternalApiTest.quote(LEAKY_ACTION)))
                .post("/internal/v1/test-runs")
                .then()
                .statusCode(200)
                .body("status", equalTo("failed"))
                .extract()
                .asString();
        JsonNode body = JSON.readTree(response);
        assertThat(body.path("logs").size()).isGreaterThan(VALUES.size() * 5);
        assertNoSecretIn(texts(body));
        assertThat(body.path("error").path("message").asText()).contains("[REDACTED]");

        String claimOnly =
                "exports.onExecutePostLogin = async (event, api) => { api.idToken.setCustomClaim('leak', event.secrets.S3);"
                        + " api.idToken.setCustomClaim('b64', Buffer.from(event.secrets.S0).toString('base64')); };";
        given().contentType(ContentType.JSON)
                .body("""
                {"tenant_id":"default","trigger_id":"post-login","action_id":"leaky","action_name":"leaky",
                 "code":%s,"event":{"user":{"user_id":"u1"}}}""".formatted(InternalApiTest.quote(claimOnly)))
                .post("/internal/v1/test-runs")
                .then()
                .statusCode(200)
                .body("status", equalTo("completed"))
                .body("effects.id_token.claims.leak", equalTo("[REDACTED]"))
                .body("effects.id_token.claims.b64", equalTo("[REDACTED]"))
                .body("commands[0].args.value", equalTo("[REDACTED]"));
    }

    @Test
    void theExecutionRecordNeverHoldsASecretInAnyForm() {
        deploy(
                "post-login",
                FlowFixtures.action(
                        "leaky",
                        LEAKY_ACTION,
                        List.of("S0", "S1", "S2", "S3", "S4", "S5", "S6"),
                        FlowSnapshot.OnError.FAIL,
                        null));
        String executionId = given().contentType(ContentType.JSON)
                .body("{\"event\":{\"user\":{\"user_id\":\"u1\"}}}")
                .post("/api/v1/flows/post-login")
                .then()
                .statusCode(200)
                .body("status", equalTo("failed"))
                .extract()
                .path("execution_id");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var record = kafka.readAll(Topics.ACTIONS_EXECUTIONS, Duration.ofSeconds(5)).stream()
                    .filter(r -> r.key().equals("default/" + executionId))
                    .findFirst();
            assertThat(record).isPresent();
            JsonNode value = JSON.readTree(record.get().value());
            assertThat(value.path("results").get(0).path("logs").size()).isGreaterThan(VALUES.size() * 5);
            assertNoSecretIn(texts(value));
            assertNoSecretIn(List.of(record.get().value())); // the serialized record too, escapes and all
        });
    }

    private static void assertNoSecretIn(List<String> texts) {
        for (String secret : VALUES) {
            for (String form : forms(secret)) {
                for (String text : texts) {
                    assertThat(text).as("a form of secret %s", JSONish(secret)).doesNotContain(form);
                }
            }
        }
    }

    private static List<String> forms(String secret) {
        byte[] utf8 = secret.getBytes(StandardCharsets.UTF_8);
        List<String> forms = new ArrayList<>();
        forms.add(secret);
        forms.add(JSONish(secret));
        forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
        forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"));
        forms.add(Base64.getEncoder().encodeToString(utf8));
        forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(utf8));
        forms.add(HexFormat.of().formatHex(utf8));
        String basic = Base64.getEncoder().encodeToString(("user:" + secret).getBytes(StandardCharsets.UTF_8));
        forms.add(basic.substring(8, basic.length() - 4)); // the part that only the secret determines
        for (String line : secret.split("\n")) {
            if (line.length() >= 20 && !line.startsWith("-----")) {
                forms.add(line.strip());
            }
        }
        return forms;
    }

    private static String JSONish(String secret) {
        try {
            String quoted = JSON.writeValueAsString(secret);
            return quoted.substring(1, quoted.length() - 1);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        collect(node, out);
        return out;
    }

    private static void collect(JsonNode node, List<String> out) {
        if (node.isTextual()) {
            out.add(node.asText());
        }
        node.fieldNames().forEachRemaining(out::add);
        node.forEach(child -> collect(child, out));
    }
}
