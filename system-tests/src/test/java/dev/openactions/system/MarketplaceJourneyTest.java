package dev.openactions.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openactions.localstack.HttpSink;
import dev.openactions.localstack.KafkaBroker;
import dev.openactions.localstack.PlatformClient;
import dev.openactions.localstack.PlatformServices;
import dev.openactions.localstack.PostgresServer;
import dev.openactions.localstack.ProjectLayout;
import dev.openactions.localstack.TokenMint;
import dev.openactions.testsupport.NpmRegistryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The marketplace's acceptance journey over HTTP across the three packaged services (issue "Marketplace:
 * partners publish closed-source integrations…"): a partner creates a consent check that calls the
 * partner's API (an HttpSink on 127.0.0.1) with an npm dependency (from an npm registry served on
 * 127.0.0.1), a secret and configuration fields; submission runs its test cases and the guideline's
 * checks in the real sandbox; a reviewer approves; it is published; a customer finds it, installs it
 * with values, binds it, and logins run it with those values; the customer cannot read the code
 * anywhere, omitting a required field is a 400, a host outside its capabilities is refused and the
 * execution record says why; the partner publishes 1.1.0 and the customer upgrades. A second test
 * submits an integration that breaks every guideline and reads the checks' answers.
 */
class MarketplaceJourneyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TENANT = "shop";
    private static final String PARTNER_CLAIM = "https://openactions.dev/partner";
    private static final String PURPOSE_CLAIM = "https://consent-vendor.example/purpose";
    private static final String CHECKED_BY_CLAIM = "https://consent-vendor.example/checked_by";
    private static final String CUSTOMER_KEY = "customer-consent-key-" + UUID.randomUUID();
    private static final String PARTNER_KEY = "partner-sandbox-key-" + UUID.randomUUID();
    private static final Duration PROPAGATION = Duration.ofSeconds(60);

    private static PostgresServer postgres;
    private static KafkaBroker kafka;
    private static NpmRegistryServer npm;
    private static HttpSink vendorApi;
    private static PlatformServices services;
    private static PlatformClient customer;
    private static String registry;
    private static TokenMint tokens;

    @BeforeAll
    static void startPlatform() throws Exception {
        ProjectLayout layout = ProjectLayout.locate();
        Path work = Files.createTempDirectory("openactions-marketplace-");
        postgres = PostgresServer.start(0, null);
        kafka = KafkaBroker.start(layout, 0, work.resolve("kafka"), work.resolve("logs/kafka.log"))
                .createPlatformTopics();
        npm = NpmRegistryServer.start();
        npm.publish("consent-url", "1.0.0", Map.of(), Map.of("index.js", """
                module.exports = (base, user, purpose) =>
                  base + '/v1/consents/' + encodeURIComponent(user) + '?purpose=' + encodeURIComponent(purpose);"""));
        // The partner's consent API: consent given for u-consented, missing (404) for everyone else, and a
        // redirect to a host the integration did not declare for u-redirected.
        vendorApi = HttpSink.start();
        vendorApi.respondWith(404, "{\"consent\":false}");
        vendorApi.respondTo("/v1/consents/u-consented", 200, "{\"consent\":true}", Map.of());
        vendorApi.respondTo(
                "/v1/consents/u-redirected",
                302,
                "",
                Map.of("Location", "http://consent-cdn.example/v1/consents/u-redirected"));
        services = PlatformServices.start(
                layout,
                postgres,
                kafka,
                PlatformServices.Ports.random(),
                work,
                Map.of("registry.npm.url", npm.url()),
                Map.of(
                        "executor.fetch.allowed-private-hosts",
                        "127.0.0.1",
                        // a limit the guideline's time check can be broken against in a couple of seconds
                        "executor.limits.action-timeout",
                        "6s"));
        customer = services.client(TENANT, kafka.bootstrapServers());
        registry = services.registry().baseUrl();
        tokens = services.tokens();
    }

    @AfterAll
    static void stopPlatform() {
        for (AutoCloseable closeable : new AutoCloseable[] {customer, services, vendorApi, npm, kafka, postgres}) {
            if (closeable != null) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // keep closing the rest
                }
            }
        }
    }

    @Test
    void aPartnersConsentCheckIsReviewedOnEvidencePublishedInstalledRunAndUpgradedWithoutTheCustomerSeeingItsCode() {
        String partner = partnerToken("consent-vendor");
        String reviewer = tokens.mint("reviewer-ada", null, List.of("review:integrations"), Duration.ofHours(1));

        // the partner creates the integration and version 1.0.0 with its test cases
        String integration = send("POST", "/api/v1/partner/integrations", integrationJson("Consent check"), partner)
                .expect(201)
                .body()
                .path("id")
                .asText();
        String partnerApi = "/api/v1/partner/integrations/" + integration;
        send("POST", partnerApi + "/versions", consentVersion("1.0.0").toString(), partner)
                .expect(201);

        // submission pins the dependency, runs both cases and the guideline's checks in the real sandbox
        JsonNode submitted = send("POST", partnerApi + "/versions/1.0.0/submit", null, partner)
                .expect(200)
                .body();
        assertThat(submitted.path("status").asText()).as(submitted.toString()).isEqualTo("in_review");
        assertThat(submitted.path("dependencies").get(0).path("version").asText())
                .isEqualTo("1.0.0");
        assertThat(values(submitted.path("test_results"), "passed")).containsExactly("true", "true");
        assertThat(submitted.path("test_results").get(1).path("status").asText())
                .isEqualTo("denied");
        // its code's line coverage as the engine measured it over both cases: only the unreachable-vendor branch
        // (lines 12 and 13) never ran
        JsonNode coverage = submitted.path("coverage");
        assertThat(coverage.path("total_lines").asInt()).as(coverage.toString()).isGreaterThan(10);
        assertThat(coverage.path("percent").asDouble()).isGreaterThan(50.0).isLessThan(100.0);
        assertThat(coverage.path("uncovered_lines").toString()).contains("12").contains("13");
        assertThat(submitted
                        .path("test_results")
                        .get(0)
                        .path("coverage")
                        .path("percent")
                        .asDouble())
                .isPositive();
        JsonNode checks = submitted.path("checks");
        assertThat(ids(checks)).containsExactly("egress_failure", "debug_logging", "capabilities", "time_limit");
        assertThat(values(checks, "passed")).as(checks.toString()).containsExactly("true", "true", "true", "true");
        assertThat(checks.get(0).path("answer").asText()).contains("the login continues");
        assertThat(checks.get(0)
                        .path("evidence")
                        .get(0)
                        .path("refused_requests")
                        .asInt())
                .isEqualTo(1);
        assertThat(checks.get(1).path("answer").asText())
                .contains("DEBUG=false it logged 0 lines")
                .contains("DEBUG=true 2 lines");
        assertThat(checks.get(1)
                        .path("evidence")
                        .path("debug_on")
                        .get(0)
                        .path("logs")
                        .get(0)
                        .asText())
                .isEqualTo("consent API answered 200");
        assertThat(checks.get(2).path("answer").asText()).isEqualTo("it stayed within its declared hosts (127.0.0.1)");
        assertThat(checks.get(3).path("evidence").path("time_limit_ms").asLong())
                .isEqualTo(6000);
        assertThat(submitted.toString())
                .as("the case's secret value is never shown")
                .doesNotContain(PARTNER_KEY);

        // the reviewer sees the code, the results and the checks, and approves; the partner reads the outcome
        JsonNode queued = find(
                send("GET", "/api/v1/review/queue", null, reviewer).expect(200).body(), "integration_id", integration);
        assertThat(queued.path("code").asText()).contains("require('consent-url')");
        assertThat(ids(queued.path("checks"))).hasSize(4);
        send(
                        "POST",
                        "/api/v1/review/integrations/" + integration + "/versions/1.0.0/decision",
                        "{\"decision\":\"approve\",\"comment\":\"Fails open when the vendor is down; quiet without DEBUG.\"}",
                        reviewer)
                .expect(200);
        JsonNode decided = send("GET", partnerApi + "/versions/1.0.0", null, partner)
                .expect(200)
                .body();
        assertThat(decided.path("status").asText()).isEqualTo("approved");
        assertThat(decided.path("reviews").get(0).path("comment").asText()).contains("Fails open");
        assertThat(ids(decided.path("checks"))).hasSize(4);
        send("POST", partnerApi + "/versions/1.0.0/publish", null, partner).expect(200);

        // the customer finds it in the catalog: listing, fields, capabilities; no code
        PlatformClient.Reply catalog = customer.send(
                        "GET", registry + "/api/v1/marketplace/catalog?trigger_id=post-login", null)
                .expect(200);
        JsonNode item = find(catalog.body(), "id", integration);
        assertThat(catalog.raw()).doesNotContain("onExecutePostLogin").doesNotContain("consent-url");
        JsonNode listed = customer.send("GET", registry + "/api/v1/marketplace/catalog/" + integration, null)
                .expect(200)
                .body();
        assertThat(listed.path("versions")
                        .get(0)
                        .path("manifest")
                        .path("capabilities")
                        .path("outbound_hosts")
                        .get(0)
                        .asText())
                .isEqualTo("127.0.0.1");
        assertThat(item.path("latest_version").asText()).isEqualTo("1.0.0");

        // omitting a required field is a 400 naming it
        PlatformClient.Reply omitted =
                customer.send("POST", registry + "/api/v1/marketplace/installs", installJson(integration, null));
        assertThat(omitted.status()).as(omitted.raw()).isEqualTo(400);
        assertThat(omitted.body().path("detail").asText()).contains("CONSENT_PURPOSE");

        // installed with its values, bound, and a login runs it with them
        String actionId = customer.send(
                        "POST", registry + "/api/v1/marketplace/installs", installJson(integration, "marketing"))
                .expect(201)
                .body()
                .path("id")
                .asText();
        awaitDeployed(actionId);
        customer.bind("post-login", List.of(actionId)).expect(200);
        JsonNode allowed = await().atMost(PROPAGATION)
                .pollInterval(Duration.ofMillis(300))
                .until(
                        () -> customer.runFlow("post-login", login("u-consented"))
                                .expect(200)
                                .body(),
                        body -> body.path("effects")
                                .path("id_token")
                                .path("claims")
                                .has(PURPOSE_CLAIM));
        assertThat(allowed.path("status").asText()).isEqualTo("completed");
        assertThat(allowed.path("effects")
                        .path("id_token")
                        .path("claims")
                        .path(PURPOSE_CLAIM)
                        .asText())
                .isEqualTo("marketing");
        assertThat(allowed.path("effects")
                        .path("id_token")
                        .path("claims")
                        .path(CHECKED_BY_CLAIM)
                        .asText())
                .isEqualTo("1.0.0");
        HttpSink.Received call = vendorApi.received().getLast();
        assertThat(call.path()).isEqualTo("/v1/consents/u-consented?purpose=marketing");
        assertThat(call.header("authorization")).isEqualTo("Bearer " + CUSTOMER_KEY);

        JsonNode denied =
                customer.runFlow("post-login", login("u-new")).expect(200).body();
        assertThat(denied.path("status").asText()).as(denied.toString()).isEqualTo("denied");
        assertThat(denied.path("effects").path("access").path("reason").asText())
                .isEqualTo("Please accept the marketing terms first.");

        // the customer's test run uses the install's configuration and secret, whatever the event says
        JsonNode tested = customer.send(
                        "POST",
                        registry + "/api/v2/actions/actions/" + actionId + "/test",
                        "{\"payload\":{\"user\":{\"user_id\":\"u-consented\"},\"configuration\":{\"CONSENT_PURPOSE\":\"spoofed\"}}}")
                .expect(200)
                .body();
        assertThat(tested.path("payload")
                        .path("effects")
                        .path("id_token")
                        .path("claims")
                        .path(PURPOSE_CLAIM)
                        .asText())
                .as(tested.toString())
                .isEqualTo("marketing");
        assertThat(vendorApi.received().getLast().header("authorization")).isEqualTo("Bearer " + CUSTOMER_KEY);

        // the customer cannot read the code: not on the action, its versions, listings, bindings or execution records
        String executionId = allowed.path("execution_id").asText();
        JsonNode record = await().atMost(PROPAGATION)
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> customer.send("GET", registry + "/api/v2/actions/executions/" + executionId, null),
                        reply -> reply.status() == 200)
                .body();
        assertThat(record.toString()).doesNotContain("consent-url");
        JsonNode versions = customer.send("GET", registry + "/api/v2/actions/actions/" + actionId + "/versions", null)
                .expect(200)
                .body();
        String versionId = versions.path("versions").get(0).path("id").asText();
        for (String path : List.of(
                "/api/v2/actions/actions/" + actionId,
                "/api/v2/actions/actions?per_page=100",
                "/api/v2/actions/actions/" + actionId + "/versions",
                "/api/v2/actions/actions/" + actionId + "/versions/" + versionId,
                "/api/v2/actions/triggers/post-login/bindings",
                "/api/v1/marketplace/installs/" + actionId,
                "/api/v2/actions/executions/" + executionId,
                "/console/api/executions?action_id=" + actionId)) {
            PlatformClient.Reply reply =
                    customer.send("GET", registry + path, null).expect(200);
            assertThat(reply.raw())
                    .as(path)
                    .doesNotContain("onExecutePostLogin")
                    .doesNotContain("require(");
        }
        JsonNode action = customer.send("GET", registry + "/api/v2/actions/actions/" + actionId, null)
                .expect(200)
                .body();
        assertThat(action.path("code").isNull()).isTrue();
        assertThat(action.path("integration").path("integration_id").asText()).isEqualTo(integration);
        // there is no export of an action's code; the partner's and the reviewers' APIs refuse a customer
        assertThat(customer.send("GET", registry + "/api/v2/actions/actions/" + actionId + "/export", null)
                        .raw())
                .doesNotContain("onExecutePostLogin");
        customer.send("GET", registry + partnerApi + "/versions/1.0.0", null).expect(403);
        customer.send("GET", registry + "/api/v1/review/integrations/" + integration + "/versions/1.0.0", null)
                .expect(403);
        assertThat(customer.send(
                                "PATCH",
                                registry + "/api/v2/actions/actions/" + actionId,
                                "{\"code\":\"exports.onExecutePostLogin = async () => {};\"}")
                        .status())
                .isEqualTo(400);

        // a host outside its capabilities (the vendor redirects to one) is refused, and the execution record says why
        JsonNode redirected = customer.runFlow("post-login", login("u-redirected"))
                .expect(200)
                .body();
        assertThat(redirected.path("status").asText())
                .as("it fails open, as its check said")
                .isEqualTo("completed");
        JsonNode run = await().atMost(PROPAGATION)
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> runOf(
                                customer.send("GET", registry + "/console/api/executions?action_id=" + actionId, null)
                                        .expect(200)
                                        .body(),
                                redirected.path("execution_id").asText()),
                        r -> r != null);
        assertThat(run.path("logs").toString())
                .contains(
                        "fetch refused: requests to consent-cdn.example are outside this integration's capabilities (allowed: 127.0.0.1)");
        assertThat(vendorApi.received()).noneMatch(r -> r.path().contains("consent-cdn"));

        // the partner publishes 1.1.0 and the customer upgrades; logins run the new code with the same values
        send("POST", partnerApi + "/versions", consentVersion("1.1.0").toString(), partner)
                .expect(201);
        send("POST", partnerApi + "/versions/1.1.0/submit", null, partner).expect(200);
        send(
                        "POST",
                        "/api/v1/review/integrations/" + integration + "/versions/1.1.0/decision",
                        "{\"decision\":\"approve\",\"comment\":\"same behaviour\"}",
                        reviewer)
                .expect(200);
        send("POST", partnerApi + "/versions/1.1.0/publish", null, partner).expect(200);
        JsonNode upgraded = customer.send(
                        "POST",
                        registry + "/api/v1/marketplace/installs/" + actionId + "/upgrade",
                        "{\"version\":\"1.1.0\"}")
                .expect(200)
                .body();
        assertThat(upgraded.path("integration").path("version").asText()).isEqualTo("1.1.0");
        assertThat(upgraded.path("previous_version").asText()).isEqualTo("1.0.0");
        JsonNode after = await().atMost(PROPAGATION)
                .pollInterval(Duration.ofMillis(300))
                .until(
                        () -> customer.runFlow("post-login", login("u-consented"))
                                .expect(200)
                                .body(),
                        body -> "1.1.0"
                                .equals(body.path("effects")
                                        .path("id_token")
                                        .path("claims")
                                        .path(CHECKED_BY_CLAIM)
                                        .asText()));
        assertThat(after.path("effects")
                        .path("id_token")
                        .path("claims")
                        .path(PURPOSE_CLAIM)
                        .asText())
                .isEqualTo("marketing");
    }

    @Test
    void theGuidelinesChecksAnswerAgainstAnIntegrationThatBreaksThemAll() {
        String partner = partnerToken("sloppy-vendor");
        String reviewer = tokens.mint("reviewer-bob", null, List.of("review:integrations"), Duration.ofHours(1));
        String integration = send("POST", "/api/v1/partner/integrations", integrationJson("Sloppy consent"), partner)
                .expect(201)
                .body()
                .path("id")
                .asText();
        ObjectNode version =
                JSON.createObjectNode().put("version", "0.1.0").put("code", """
                exports.onExecutePostLogin = async (event, api) => {
                  console.log('checking consent of ' + event.user.user_id);          // logs without being asked
                  const res = await fetch('%s/v1/consents/' + event.user.user_id);   // an unreachable vendor fails the login
                  await fetch('http://tracker.partner-analytics.example/seen', { method: 'POST', body: event.user.user_id })
                    .catch(() => {});                                                // a host it never declared
                  await new Promise((resolve) => setTimeout(resolve, 3500));          // most of its time limit
                  if (res.status === 404) api.access.deny('no consent');
                };""".formatted(vendorApi.url()));
        ObjectNode manifest = version.putObject("manifest");
        manifest.putArray("secrets");
        manifest.putArray("configuration");
        manifest.putObject("capabilities").putArray("outbound_hosts").add("127.0.0.1");
        ObjectNode testCase = version.putArray("test_cases").addObject().put("name", "consent given");
        testCase.putObject("event").putObject("user").put("user_id", "u-consented");
        testCase.putObject("expect").put("status", "completed");
        send("POST", "/api/v1/partner/integrations/" + integration + "/versions", version.toString(), partner)
                .expect(201);

        JsonNode submitted = send(
                        "POST", "/api/v1/partner/integrations/" + integration + "/versions/0.1.0/submit", null, partner)
                .expect(200)
                .body();
        assertThat(submitted.path("status").asText())
                .as("its test case passes (the checks inform the review): %s", submitted)
                .isEqualTo("in_review");
        JsonNode checks = submitted.path("checks");
        assertThat(values(checks, "passed")).as(checks.toString()).containsExactly("false", "false", "false", "false");
        assertThat(checks.get(0).path("evidence").get(0).path("outcome").asText())
                .isEqualTo("fails");
        assertThat(checks.get(0).path("answer").asText())
                .contains("the end user sees only \"The action 'Sloppy consent' failed.\"");
        assertThat(checks.get(1).path("answer").asText()).contains("declares no DEBUG configuration field");
        assertThat(checks.get(1)
                        .path("evidence")
                        .path("debug_off")
                        .get(0)
                        .path("logs")
                        .get(0)
                        .asText())
                .isEqualTo("checking consent of u-consented");
        assertThat(checks.get(2).path("answer").asText()).contains("tracker.partner-analytics.example");
        assertThat(checks.get(3).path("evidence").path("slowest_ms").asLong()).isGreaterThan(3000);
        JsonNode reviewed = send(
                        "GET", "/api/v1/review/integrations/" + integration + "/versions/0.1.0", null, reviewer)
                .expect(200)
                .body();
        assertThat(reviewed.path("checks")).isEqualTo(checks);
    }

    private static String partnerToken(String partner) {
        ObjectNode claims = JSON.createObjectNode();
        long now = Instant.now().getEpochSecond();
        claims.put("iss", TokenMint.LOCAL_ISSUER)
                .put("sub", partner + "@clients")
                .put("aud", TokenMint.AUDIENCE)
                .put("iat", now - 1)
                .put("exp", now + 3600)
                .put("jti", UUID.randomUUID().toString())
                .put("scope", "create:integrations submit:integrations")
                .put(PARTNER_CLAIM, partner);
        return tokens.sign(claims);
    }

    private static PlatformClient.Reply send(String method, String path, String body, String token) {
        return customer.send(method, registry + path, body, token);
    }

    private static String integrationJson(String name) {
        ObjectNode body = JSON.createObjectNode().put("trigger_id", "post-login");
        ObjectNode listing = body.putObject("listing");
        listing.put("name", name)
                .put("short_description", "Denies logins of users who have not given consent")
                .put(
                        "long_description",
                        "Asks the vendor's consent API whether the user consented to the configured purpose.")
                .put("logo_url", "https://consent-vendor.example/logo.png")
                .put("documentation_url", "https://consent-vendor.example/docs")
                .put("support_url", "https://consent-vendor.example/support");
        listing.putArray("categories").add("consent");
        return body.toString();
    }

    /** The example integration of the partner guide: asks the partner's API, denies without consent, fails open. */
    private static ObjectNode consentVersion(String version) {
        ObjectNode body = JSON.createObjectNode().put("version", version).put("code", """
                // Consent check %s by Consent Vendor
                const consentUrl = require('consent-url');
                const API = '%s';
                exports.onExecutePostLogin = async (event, api) => {
                  const debug = event.configuration.DEBUG === 'true';
                  let res;
                  try {
                    res = await fetch(consentUrl(API, event.user.user_id, event.configuration.CONSENT_PURPOSE),
                        { headers: { authorization: 'Bearer ' + event.secrets.CONSENT_API_KEY } });
                  } catch (e) {
                    // the vendor unreachable must not block logins
                    if (debug) console.log('consent check skipped: ' + e.message);
                    return;
                  }
                  if (debug) console.log('consent API answered ' + res.status);
                  if (res.status === 404) {
                    api.access.deny('Please accept the ' + event.configuration.CONSENT_PURPOSE + ' terms first.');
                    return;
                  }
                  if (res.ok) {
                    api.idToken.setCustomClaim('%s', event.configuration.CONSENT_PURPOSE);
                    api.idToken.setCustomClaim('%s', '%s');
                  }
                };""".formatted(
                        version, vendorApi.url(), PURPOSE_CLAIM, CHECKED_BY_CLAIM, version));
        body.putArray("dependencies").addObject().put("name", "consent-url").put("version", "^1.0.0");
        ObjectNode manifest = body.putObject("manifest");
        manifest.putArray("secrets")
                .addObject()
                .put("name", "CONSENT_API_KEY")
                .put("label", "API key")
                .put("required", true);
        ArrayNode configuration = manifest.putArray("configuration");
        configuration
                .addObject()
                .put("name", "CONSENT_PURPOSE")
                .put("label", "Purpose")
                .put("required", true);
        ObjectNode debug = configuration
                .addObject()
                .put("name", "DEBUG")
                .put("label", "Debug logging")
                .put("required", false)
                .put("default_value", "false");
        debug.putArray("options").add("true").add("false");
        manifest.putObject("capabilities").putArray("outbound_hosts").add("127.0.0.1");
        ArrayNode cases = body.putArray("test_cases");
        ObjectNode given = cases.addObject().put("name", "consent given");
        given.putObject("event").putObject("user").put("user_id", "u-consented");
        given.putObject("configuration").put("CONSENT_PURPOSE", "marketing");
        given.putObject("secrets").put("CONSENT_API_KEY", PARTNER_KEY);
        ObjectNode expectGiven = given.putObject("expect").put("status", "completed");
        expectGiven
                .putArray("commands")
                .addObject()
                .put("type", "idToken.setCustomClaim")
                .putObject("args")
                .put("name", PURPOSE_CLAIM)
                .put("value", "marketing");
        ObjectNode missing = cases.addObject().put("name", "consent missing");
        missing.putObject("event").putObject("user").put("user_id", "u-new");
        missing.putObject("configuration").put("CONSENT_PURPOSE", "marketing");
        missing.putObject("secrets").put("CONSENT_API_KEY", PARTNER_KEY);
        missing.putObject("expect")
                .put("status", "denied")
                .putArray("commands")
                .addObject()
                .put("type", "access.deny");
        return body;
    }

    private static String installJson(String integration, String purpose) {
        ObjectNode body = JSON.createObjectNode().put("integration_id", integration);
        body.putObject("secrets").put("CONSENT_API_KEY", CUSTOMER_KEY);
        if (purpose != null) {
            body.putObject("configuration").put("CONSENT_PURPOSE", purpose);
        }
        return body.toString();
    }

    private static ObjectNode login(String userId) {
        ObjectNode event = JSON.createObjectNode();
        event.putObject("user").put("user_id", userId).put("email", userId + "@example.com");
        event.putObject("request").put("ip", "198.51.100.7");
        return event;
    }

    private static void awaitDeployed(String actionId) {
        await().atMost(PROPAGATION)
                .pollInterval(Duration.ofMillis(300))
                .until(() -> "built"
                        .equals(customer.send("GET", registry + "/api/v2/actions/actions/" + actionId, null)
                                .expect(200)
                                .body()
                                .path("deployed_version")
                                .path("status")
                                .asText()));
    }

    private static List<String> ids(JsonNode checks) {
        return values(checks, "id");
    }

    /** One field of each element of an array, as text. */
    private static List<String> values(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(item -> values.add(item.path(field).asText()));
        return values;
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode item : array) {
            if (value.equals(item.path(field).asText())) {
                return item;
            }
        }
        throw new AssertionError("no item with " + field + " = " + value + " in " + array);
    }

    /** The console's record of one execution (with each action's logs), once the executor's record reached the registry. */
    private static JsonNode runOf(JsonNode page, String executionId) {
        for (JsonNode execution : page.path("executions")) {
            if (executionId.equals(execution.path("id").asText())) {
                return execution.path("results").path(0);
            }
        }
        return null;
    }
}
