package dev.openactions.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The seeds' scenario: a tenant deploys a post-user-registration action that emails new users
 * through an HTTP mail API, and a post-login action that adds a claim; then a user registers and
 * logs in.
 */
public final class DemoScenario {
    public static final String MAIL_ACTION = """
            /** Sends a welcome email through the mail provider's HTTP API. */
            exports.onExecutePostUserRegistration = async (event, api) => {
              const response = await fetch(event.secrets.MAIL_API_URL + '/v1/send', {
                method: 'POST',
                headers: { 'Content-Type': 'application/json', 'Authorization': 'Bearer ' + event.secrets.MAIL_API_KEY,
                           'Idempotency-Key': event.transaction.id },
                body: JSON.stringify({
                  to: event.user.email,
                  subject: 'New user registered',
                  text: 'Welcome, ' + (event.user.name || event.user.email) + '!',
                }),
              });
              if (!response.ok) throw new Error('mail API answered ' + response.status);
              console.log('welcome email accepted for', event.user.user_id);
            };
            """;

    public static final String CLAIM_ACTION = """
            /** Puts the user's plan into the access token. */
            exports.onExecutePostLogin = async (event, api) => {
              const plan = (event.user.app_metadata && event.user.app_metadata.plan) || 'free';
              api.accessToken.setCustomClaim('https://openactions.dev/plan', plan);
            };
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the scenario produced, for printing or asserting. */
    public record Outcome(HttpSink.Received email, JsonNode loginResponse) {}

    private DemoScenario() {}

    /** Seeds the two actions (created, deployed, bound) with the mail sink as the mail provider. */
    public static void seed(PlatformClient platform, String mailApiUrl, String mailApiKey) {
        String mailer = platform.createAction(PlatformClient.actionJson(
                        "send-welcome-email",
                        "post-user-registration",
                        MAIL_ACTION,
                        List.of(new String[] {"MAIL_API_URL", mailApiUrl}, new String[] {"MAIL_API_KEY", mailApiKey})))
                .expect(201)
                .body()
                .path("id")
                .asText();
        String claim = platform.createAction(
                        PlatformClient.actionJson("add-plan-claim", "post-login", CLAIM_ACTION, List.of()))
                .expect(201)
                .body()
                .path("id")
                .asText();
        platform.deployAndAwaitBuilt(mailer, Duration.ofSeconds(60));
        platform.deployAndAwaitBuilt(claim, Duration.ofSeconds(60));
        platform.bind("post-user-registration", List.of(mailer)).expect(200);
        platform.bind("post-login", List.of(claim)).expect(200);
    }

    /** Fires one registration event and one login once the executor has the flows. */
    public static Outcome run(PlatformClient platform, HttpSink mailSink, String tenant, Duration timeout) {
        ObjectNode login = JSON.createObjectNode();
        ObjectNode user = login.putObject("user");
        user.put("user_id", "auth0|demo-ada").put("email", "ada@example.com").put("name", "Ada Lovelace");
        user.putObject("app_metadata").put("plan", "enterprise");
        login.putObject("request").put("ip", "198.51.100.20");

        JsonNode loginResponse = waitFor(timeout, "the post-login flow to reach the executor", () -> {
            JsonNode body = platform.runFlow("post-login", login).expect(200).body();
            return body.path("commands").isEmpty() ? null : body;
        });

        ObjectNode registration = JSON.createObjectNode();
        registration
                .putObject("user")
                .put("user_id", "auth0|demo-ada")
                .put("email", "ada@example.com")
                .put("name", "Ada Lovelace")
                .put("created_at", Instant.now().toString());
        registration
                .putObject("connection")
                .put("id", "con_demo")
                .put("name", "Username-Password-Authentication")
                .put("strategy", "auth0");
        platform.publishIdentityEvent(
                "identity.user-registered",
                "identity.user.registered.v1",
                "evt_" + UUID.randomUUID(),
                tenant,
                registration);
        HttpSink.Received email = waitFor(
                timeout,
                "the welcome email to reach the mail sink",
                () -> mailSink.received().stream().findFirst().orElse(null));
        return new Outcome(email, loginResponse);
    }

    private static <T> T waitFor(Duration timeout, String what, Supplier<T> probe) {
        return Poll.until(timeout, Duration.ofMillis(250), what, probe);
    }
}
