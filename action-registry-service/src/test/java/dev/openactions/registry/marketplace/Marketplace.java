package dev.openactions.registry.marketplace;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openactions.registry.ExecutorStub;
import dev.openactions.testsupport.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import java.time.Duration;
import java.util.function.Function;

/**
 * The marketplace API as partners, reviewers and customers call it in tests, with the example
 * integration of the partner guide: a consent check that asks the vendor's API and denies the login
 * when consent is missing.
 */
final class Marketplace {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PARTNERS = "/api/v1/partner/integrations";
    static final String REVIEW = "/api/v1/review";
    static final String CATALOG = "/api/v1/marketplace/catalog";
    static final String INSTALLS = "/api/v1/marketplace/installs";
    static final String PURPOSE_CLAIM = "https://consent-vendor.example/purpose";

    private Marketplace() {}

    /** A partner's token: the partner claim next to (here instead of) a tenant, as the authorization server issues it. */
    static String partnerToken(String partner, String... scopes) {
        return Jwt.issuer("https://openactions.local/")
                .audience("https://api.openactions.dev/")
                .subject("partner-" + partner + "@clients")
                .claim("https://openactions.dev/partner", partner)
                .claim("scope", String.join(" ", scopes))
                .expiresIn(Duration.ofMinutes(30))
                .sign();
    }

    static RequestSpecification asPartner(String partner) {
        return given().header(
                        "Authorization",
                        TestTokens.bearer(partnerToken(partner, "create:integrations", "submit:integrations")))
                .contentType(ContentType.JSON);
    }

    static RequestSpecification asReviewer() {
        return given().header(
                        "Authorization",
                        TestTokens.bearer(TestTokens.forService("reviewer-ada", "review:integrations")))
                .contentType(ContentType.JSON);
    }

    /** A customer of tenant {@code tenant} with the Management API's scopes. */
    static RequestSpecification asCustomer(String tenant) {
        return given().header(
                        "Authorization",
                        TestTokens.bearer(TestTokens.forTenant(
                                tenant, "read:actions", "create:actions", "update:actions", "delete:actions")))
                .contentType(ContentType.JSON);
    }

    static String consentCode(String marker) {
        return """
                // %s
                exports.onExecutePostLogin = async (event, api) => {
                  const url = 'https://api.consent-vendor.example/v1/consents/' + encodeURIComponent(event.user.user_id)
                      + '?purpose=' + encodeURIComponent(event.configuration.CONSENT_PURPOSE);
                  const res = await fetch(url, { headers: { authorization: 'Bearer ' + event.secrets.CONSENT_API_KEY } });
                  if (event.configuration.DEBUG === 'true') console.log('consent answer', res.status);
                  if (res.status === 404) { api.access.deny('consent_required', 'Please accept the terms first.'); return; }
                  if (!res.ok) return; // the vendor being down must not block logins
                  api.idToken.setCustomClaim('%s', event.configuration.CONSENT_PURPOSE);
                };""".formatted(marker, PURPOSE_CLAIM);
    }

    static ObjectNode listing(String name) {
        ObjectNode listing = JSON.createObjectNode();
        listing.put("name", name);
        listing.put("short_description", "Denies logins of users who have not given consent");
        listing.put(
                "long_description",
                "Asks the Consent Vendor API whether the user consented to the configured purpose.");
        listing.put("logo_url", "https://consent-vendor.example/logo.png");
        listing.put("documentation_url", "https://consent-vendor.example/docs/openactions");
        listing.put("support_url", "https://consent-vendor.example/support");
        listing.putArray("categories").add("consent").add("compliance");
        return listing;
    }

    static String createIntegration(String partner, String name) {
        ObjectNode body = JSON.createObjectNode();
        body.put("trigger_id", "post-login");
        body.set("listing", listing(name));
        return asPartner(partner)
                .body(body.toString())
                .post(PARTNERS)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    static ObjectNode field(String name, String label, boolean required, String defaultValue, String... options) {
        ObjectNode field = JSON.createObjectNode();
        field.put("name", name);
        field.put("label", label);
        field.put("description", label + " (as the vendor's dashboard shows it)");
        field.put("required", required);
        if (defaultValue != null) {
            field.put("default_value", defaultValue);
        }
        if (options.length > 0) {
            ArrayNode list = field.putArray("options");
            for (String option : options) {
                list.add(option);
            }
        }
        return field;
    }

    /** Version content of the consent check; {@code extraConfiguration} adds configuration fields (a new version's). */
    static ObjectNode version(String version, String marker, ObjectNode... extraConfiguration) {
        ObjectNode body = JSON.createObjectNode();
        body.put("version", version);
        body.put("code", consentCode(marker));
        body.putArray("dependencies");
        ObjectNode manifest = body.putObject("manifest");
        manifest.putArray("secrets").add(field("CONSENT_API_KEY", "API key", true, null));
        ArrayNode configuration = manifest.putArray("configuration");
        configuration.add(field("CONSENT_PURPOSE", "Purpose", true, null));
        configuration.add(field("DEBUG", "Debug logging", false, "false", "true", "false"));
        for (ObjectNode extra : extraConfiguration) {
            configuration.add(extra);
        }
        manifest.putObject("capabilities").putArray("outbound_hosts").add("api.consent-vendor.example");
        ArrayNode cases = body.putArray("test_cases");
        cases.add(testCase(
                "consent given",
                "auth0|consented",
                "completed",
                "{\"type\":\"idToken.setCustomClaim\",\"args\":{\"name\":\"" + PURPOSE_CLAIM
                        + "\",\"value\":\"marketing\"}}"));
        cases.add(testCase("consent missing", "auth0|no-consent", "denied", "{\"type\":\"access.deny\"}"));
        return body;
    }

    private static ObjectNode testCase(String name, String userId, String status, String command) {
        ObjectNode testCase = JSON.createObjectNode();
        testCase.put("name", name);
        testCase.putObject("event").putObject("user").put("user_id", userId);
        testCase.putObject("configuration").put("CONSENT_PURPOSE", "marketing");
        testCase.putObject("secrets").put("CONSENT_API_KEY", "partner-sandbox-key");
        ObjectNode expect = testCase.putObject("expect");
        expect.put("status", status);
        try {
            expect.putArray("commands").add(JSON.readTree(command));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
        return testCase;
    }

    static ValidatableResponse createVersion(String partner, String integrationId, ObjectNode version) {
        return asPartner(partner)
                .body(version.toString())
                .post(PARTNERS + "/" + integrationId + "/versions")
                .then();
    }

    static ValidatableResponse submit(String partner, String integrationId, String version) {
        return asPartner(partner)
                .post(PARTNERS + "/" + integrationId + "/versions/" + version + "/submit")
                .then();
    }

    static ValidatableResponse decide(String integrationId, String version, String decision, String comment) {
        ObjectNode body = JSON.createObjectNode().put("decision", decision).put("comment", comment);
        return asReviewer()
                .body(body.toString())
                .post(REVIEW + "/integrations/" + integrationId + "/versions/" + version + "/decision")
                .then();
    }

    static ValidatableResponse publish(String partner, String integrationId, String version) {
        return asPartner(partner)
                .post(PARTNERS + "/" + integrationId + "/versions/" + version + "/publish")
                .then();
    }

    /** Create, submit (tests pass), approve, publish. */
    static void release(String partner, String integrationId, ObjectNode version) {
        String semver = version.path("version").asText();
        createVersion(partner, integrationId, version).statusCode(201);
        submit(partner, integrationId, semver).statusCode(200);
        decide(integrationId, semver, "approve", "looks good").statusCode(200);
        publish(partner, integrationId, semver).statusCode(200);
    }

    static ObjectNode install(String integrationId, String version, String purpose) {
        ObjectNode body = JSON.createObjectNode();
        body.put("integration_id", integrationId);
        if (version != null) {
            body.put("version", version);
        }
        body.putObject("secrets").put("CONSENT_API_KEY", "customer-secret-key");
        if (purpose != null) {
            body.putObject("configuration").put("CONSENT_PURPOSE", purpose);
        }
        return body;
    }

    /**
     * The executor's test-run endpoint as the consent check behaves in it: consent is missing for
     * {@code auth0|no-consent}; otherwise the purpose claim from the run's configuration is set. With no
     * allowed host (the review's egress-failure runs) its fetch is refused and, unhandled, fails the
     * action; with {@code DEBUG=true} it logs the vendor's answer. Each answer reports its duration, and
     * the lines of the code it ran when the run asks for coverage.
     */
    static final Function<ExecutorStub.Request, ExecutorStub.Reply> CONSENT_EXECUTOR = request -> {
        if (!request.path().equals("/internal/v1/test-runs")) {
            return ExecutorStub.DEFAULT.apply(request);
        }
        JsonNode event = request.body().path("event");
        JsonNode hosts = request.body().path("outbound_hosts");
        if (hosts.isArray() && hosts.isEmpty()) {
            return new ExecutorStub.Reply(200, """
                    {"status":"failed","commands":[],"effects":null,"logs":["[error] fetch refused: requests to \
                    api.consent-vendor.example are outside this integration's capabilities (allowed: none)"],\
                    "error":{"message":"TypeError: fetch failed","stack":null},"duration_ms":9,"time_limit_ms":5000}""");
        }
        JsonNode configuration = request.body().has("configuration")
                ? request.body().path("configuration")
                : event.path("configuration");
        String logs = configuration.path("DEBUG").asText().equals("true") ? "[\"consent answer 200\"]" : "[]";
        boolean coverage = request.body().path("coverage").asBoolean(false);
        if (event.path("user").path("user_id").asText().equals("auth0|no-consent")) {
            // the missing-consent path leaves the claim line (8) and the debug line (5) unrun
            String lines = coverage
                    ? "{\"covered_lines\":4,\"total_lines\":6,\"percent\":66.6,\"uncovered_lines\":[5,8]}"
                    : "null";
            return new ExecutorStub.Reply(200, """
                    {"status":"denied","commands":[{"action":"t","type":"access.deny","args":{"reason":"consent_required"}}],\
                    "effects":{"deny":{"reason":"consent_required"}},"logs":%s,"error":null,"coverage":%s,\
                    "duration_ms":11,"time_limit_ms":5000}""".formatted(logs, lines));
        }
        // the consented path leaves the deny line (6) and the debug line (5) unrun
        String lines = coverage
                ? "{\"covered_lines\":4,\"total_lines\":6,\"percent\":66.6,\"uncovered_lines\":[5,6]}"
                : "null";
        String purpose = configuration.path("CONSENT_PURPOSE").asText();
        return new ExecutorStub.Reply(200, """
                {"status":"completed","commands":[{"action":"t","type":"idToken.setCustomClaim","args":{"name":"%s","value":"%s"}}],\
                "effects":{"id_token":{"claims":{"%s":"%s"}}},"logs":%s,"error":null,"coverage":%s,\
                "duration_ms":12,"time_limit_ms":5000}""".formatted(PURPOSE_CLAIM, purpose, PURPOSE_CLAIM, purpose, logs, lines));
    };
}
