package dev.openactions.registry.marketplace;

import static dev.openactions.registry.marketplace.Marketplace.CATALOG;
import static dev.openactions.registry.marketplace.Marketplace.INSTALLS;
import static dev.openactions.registry.marketplace.Marketplace.JSON;
import static dev.openactions.registry.marketplace.Marketplace.PARTNERS;
import static dev.openactions.registry.marketplace.Marketplace.REVIEW;
import static dev.openactions.registry.marketplace.Marketplace.asCustomer;
import static dev.openactions.registry.marketplace.Marketplace.asPartner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openactions.localstack.HttpSink;
import dev.openactions.registry.ExecutorStub;
import dev.openactions.registry.ExecutorStubResource;
import dev.openactions.testsupport.HttpSinkResource;
import dev.openactions.testsupport.KafkaResource;
import dev.openactions.testsupport.PostgresResource;
import dev.openactions.testsupport.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each marketplace rule on its own: names, semver, immutability, review, isolation, withdrawal, upgrades, rollback. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "role", value = "registry"))
@WithTestResource(KafkaResource.class)
@WithTestResource(
        value = HttpSinkResource.class,
        initArgs = @ResourceArg(name = "property", value = "quarkus.rest-client.secrets-service.url"))
@WithTestResource(ExecutorStubResource.class)
class MarketplaceRulesTest {
    @HttpSinkResource.InjectHttpSink
    HttpSink secretsService;

    @ExecutorStubResource.InjectExecutor
    ExecutorStub executor;

    private String partner;
    private String integration;

    @BeforeEach
    void freshPartner() {
        executor.reset();
        executor.respond(Marketplace.CONSENT_EXECUTOR);
        secretsService.clear();
        secretsService.respondWith(
                200, "{\"secrets\":[{\"name\":\"CONSENT_API_KEY\",\"updated_at\":\"2026-12-06T08:00:00Z\"}]}");
        partner = "vendor-" + UUID.randomUUID().toString().substring(0, 8);
        integration = Marketplace.createIntegration(partner, "Consent " + partner);
    }

    private static String tenant() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void manifestFieldNamesMustBeAllCapsSnakeCase() {
        for (String bad : new String[] {"apiKey", "API-KEY", "_API", "API__KEY", "1KEY"}) {
            ObjectNode version = Marketplace.version("1.0.0", "x");
            ((ObjectNode) version.path("manifest").path("secrets").get(0)).put("name", bad);
            Marketplace.createVersion(partner, integration, version)
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", containsString("ALL_CAPS_SNAKE_CASE"))
                    .body("detail", containsString("'" + bad + "'"));
        }
        ObjectNode config = Marketplace.version("1.0.0", "x");
        ((ObjectNode) config.path("manifest").path("configuration").get(0)).put("name", "consentPurpose");
        Marketplace.createVersion(partner, integration, config)
                .statusCode(400)
                .body("detail", containsString("consentPurpose"));
        Marketplace.createVersion(partner, integration, Marketplace.version("1.0.0", "x"))
                .statusCode(201);
    }

    @Test
    void versionsAreSemverAndImmutableOnceSubmitted() {
        Marketplace.createVersion(partner, integration, Marketplace.version("1.0", "x"))
                .statusCode(400)
                .body("detail", containsString("semantic version"));
        Marketplace.createVersion(partner, integration, Marketplace.version("1.0.0", "draft one"))
                .statusCode(201);
        Marketplace.createVersion(partner, integration, Marketplace.version("1.0.0", "again"))
                .statusCode(409);
        // a draft can still change
        asPartner(partner)
                .body(Marketplace.version("1.0.0", "draft two").toString())
                .put(PARTNERS + "/" + integration + "/versions/1.0.0")
                .then()
                .statusCode(200)
                .body("code", containsString("draft two"));
        Marketplace.submit(partner, integration, "1.0.0").statusCode(200);
        asPartner(partner)
                .body(Marketplace.version("1.0.0", "draft three").toString())
                .put(PARTNERS + "/" + integration + "/versions/1.0.0")
                .then()
                .statusCode(409)
                .body("detail", containsString("immutable"));
        Marketplace.submit(partner, integration, "1.0.0").statusCode(409);
        asPartner(partner)
                .get(PARTNERS + "/" + integration + "/versions/1.0.0")
                .then()
                .statusCode(200)
                .body("code", containsString("draft two"));
    }

    @Test
    void failingTestCasesAreRecordedAndKeepTheVersionOutOfReview() {
        ObjectNode version = Marketplace.version("1.0.0", "x");
        // the partner expects a claim that the action does not set
        ((ObjectNode) version.path("test_cases")
                        .get(0)
                        .path("expect")
                        .path("commands")
                        .get(0)
                        .path("args"))
                .put("value", "analytics");
        Marketplace.createVersion(partner, integration, version).statusCode(201);
        Marketplace.submit(partner, integration, "1.0.0")
                .statusCode(200)
                .body("status", equalTo("tests_failed"))
                .body("test_results[0].passed", equalTo(false))
                .body("test_results[0].failures[0]", containsString("analytics"))
                .body("test_results[1].passed", equalTo(true));
        Marketplace.decide(integration, "1.0.0", "approve", "no").statusCode(409);
        Marketplace.publish(partner, integration, "1.0.0").statusCode(409);
    }

    @Test
    void aVersionWithoutTestCasesCannotBeSubmitted() {
        ObjectNode version = Marketplace.version("1.0.0", "x");
        version.putArray("test_cases");
        Marketplace.createVersion(partner, integration, version).statusCode(201);
        Marketplace.submit(partner, integration, "1.0.0").statusCode(400).body("detail", containsString("test case"));
    }

    @Test
    void aRejectionNeedsACommentAndThePartnerReadsIt() {
        Marketplace.createVersion(partner, integration, Marketplace.version("1.0.0", "x"))
                .statusCode(201);
        Marketplace.submit(partner, integration, "1.0.0").statusCode(200).body("status", equalTo("in_review"));
        Marketplace.decide(integration, "1.0.0", "reject", "").statusCode(400);
        Marketplace.decide(integration, "1.0.0", "reject", "Logs the API key with debug on; remove it.")
                .statusCode(200);
        asPartner(partner)
                .get(PARTNERS + "/" + integration + "/versions/1.0.0")
                .then()
                .statusCode(200)
                .body("status", equalTo("rejected"))
                .body("reviews[0].comment", containsString("API key"))
                .body("reviews[0].reviewer", equalTo("reviewer-ada"));
        Marketplace.publish(partner, integration, "1.0.0").statusCode(409);
    }

    @Test
    void partnersSeeOnlyTheirOwnAndCustomersNoPartnerData() {
        String other = "rival-" + UUID.randomUUID().toString().substring(0, 8);
        Marketplace.createVersion(partner, integration, Marketplace.version("1.0.0", "secret sauce"))
                .statusCode(201);
        asPartner(other).get(PARTNERS + "/" + integration).then().statusCode(404);
        asPartner(other)
                .get(PARTNERS + "/" + integration + "/versions/1.0.0")
                .then()
                .statusCode(404);
        asPartner(other)
                .post(PARTNERS + "/" + integration + "/versions/1.0.0/submit")
                .then()
                .statusCode(404);
        asPartner(other)
                .body(Marketplace.version("1.0.1", "hijack").toString())
                .post(PARTNERS + "/" + integration + "/versions")
                .then()
                .statusCode(404);
        asPartner(other).get(PARTNERS).then().statusCode(200).body("id", not(hasItem(integration)));
        asPartner(partner).get(PARTNERS).then().statusCode(200).body("id", hasItem(integration));
        // a customer's token names no partner; a partner's token is not a reviewer's
        asCustomer(tenant()).get(PARTNERS).then().statusCode(403);
        RestAssured.given()
                .header("Authorization", TestTokens.bearer(TestTokens.forTenant("t1", "create:integrations")))
                .get(PARTNERS)
                .then()
                .statusCode(403);
        asPartner(partner).get(REVIEW + "/queue").then().statusCode(403);
        // a partner's token (no tenant) cannot use the customer side
        asPartner(partner).get(INSTALLS).then().statusCode(403);
        RestAssured.given()
                .contentType(ContentType.JSON)
                .header("Authorization", "Bearer nope")
                .get(PARTNERS)
                .then()
                .statusCode(401);
    }

    @Test
    void customersSeeOnlyTheirOwnInstalls() {
        Marketplace.release(partner, integration, Marketplace.version("1.0.0", "x"));
        String a = tenant();
        String b = tenant();
        String install = asCustomer(a)
                .body(Marketplace.install(integration, null, "marketing").toString())
                .post(INSTALLS)
                .then()
                .statusCode(201)
                .body("integration.version", equalTo("1.0.0"))
                .extract()
                .path("id");
        asCustomer(b).get(INSTALLS + "/" + install).then().statusCode(404);
        asCustomer(b).get(INSTALLS).then().statusCode(200).body("id", not(hasItem(install)));
        asCustomer(b)
                .body("{\"configuration\":{\"CONSENT_PURPOSE\":\"x\"}}")
                .patch(INSTALLS + "/" + install)
                .then()
                .statusCode(404);
        asCustomer(b)
                .body("{\"version\":\"1.0.0\"}")
                .post(INSTALLS + "/" + install + "/upgrade")
                .then()
                .statusCode(404);
        asCustomer(b).get("/api/v2/actions/actions/" + install).then().statusCode(404);
        asCustomer(a).get(INSTALLS).then().statusCode(200).body("id", hasItem(install));
        asCustomer(a)
                .get("/api/v2/actions/actions?installed=true")
                .then()
                .statusCode(200)
                .body("actions.id", hasItem(install));
        asCustomer(a)
                .get("/api/v2/actions/actions?installed=false")
                .then()
                .statusCode(200)
                .body("actions.id", not(hasItem(install)));
    }

    @Test
    void aCustomersTestRunOfAnInstallUsesTheInstallsConfigurationSecretsAndHosts() {
        Marketplace.release(partner, integration, Marketplace.version("1.0.0", "test-run"));
        String tenant = tenant();
        String actionId = asCustomer(tenant)
                .body(Marketplace.install(integration, "1.0.0", "research").toString())
                .post(INSTALLS)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        executor.reset();
        executor.respond(Marketplace.CONSENT_EXECUTOR);

        // the event tries another purpose: the install's value wins, as it does in a flow
        String payload =
                "{\"payload\":{\"user\":{\"user_id\":\"auth0|consented\"},\"configuration\":{\"CONSENT_PURPOSE\":\"spoofed\"}}}";
        asCustomer(tenant)
                .body(payload)
                .post("/api/v2/actions/actions/" + actionId + "/test")
                .then()
                .statusCode(200)
                .body("payload.effects.id_token.claims.'" + Marketplace.PURPOSE_CLAIM + "'", equalTo("research"));
        ExecutorStub.Request run = executor.received("/internal/v1/test-runs").getLast();
        assertThat(run.body().path("configuration").path("CONSENT_PURPOSE").asText())
                .isEqualTo("research");
        assertThat(run.body().path("configuration").path("DEBUG").asText()).isEqualTo("false");
        assertThat(run.body().path("outbound_hosts").toString()).isEqualTo("[\"api.consent-vendor.example\"]");
        // its secrets are the install's: the executor decrypts them by the customer's tenant and the action's id
        assertThat(run.body().path("tenant_id").asText()).isEqualTo(tenant);
        assertThat(run.body().path("action_id").asText()).isEqualTo(actionId);
        assertThat(run.body().toString()).doesNotContain("customer-secret-key");

        // a change of the install's values is what the next test run uses
        asCustomer(tenant)
                .body("{\"configuration\":{\"CONSENT_PURPOSE\":\"marketing\",\"DEBUG\":\"true\"}}")
                .patch(INSTALLS + "/" + actionId)
                .then()
                .statusCode(200);
        asCustomer(tenant)
                .body(payload)
                .post("/api/v2/actions/actions/" + actionId + "/test")
                .then()
                .statusCode(200)
                .body("payload.effects.id_token.claims.'" + Marketplace.PURPOSE_CLAIM + "'", equalTo("marketing"))
                .body("payload.logs", hasItem("consent answer 200"));
    }

    @Test
    void installValuesAreCheckedAgainstTheManifest() {
        Marketplace.release(partner, integration, Marketplace.version("1.0.0", "x"));
        String t = tenant();
        asCustomer(t)
                .body(Marketplace.install(integration, "1.0.0", null).toString())
                .post(INSTALLS)
                .then()
                .statusCode(400)
                .body("detail", containsString("CONSENT_PURPOSE"));
        ObjectNode noSecret = Marketplace.install(integration, "1.0.0", "marketing");
        noSecret.putObject("secrets");
        asCustomer(t)
                .body(noSecret.toString())
                .post(INSTALLS)
                .then()
                .statusCode(400)
                .body("detail", containsString("CONSENT_API_KEY"));
        ObjectNode unknown = Marketplace.install(integration, "1.0.0", "marketing");
        ((ObjectNode) unknown.path("configuration")).put("REGION", "eu");
        asCustomer(t)
                .body(unknown.toString())
                .post(INSTALLS)
                .then()
                .statusCode(400)
                .body("detail", containsString("REGION"));
        ObjectNode badOption = Marketplace.install(integration, "1.0.0", "marketing");
        ((ObjectNode) badOption.path("configuration")).put("DEBUG", "maybe");
        asCustomer(t)
                .body(badOption.toString())
                .post(INSTALLS)
                .then()
                .statusCode(400)
                .body("detail", containsString("DEBUG"));
        asCustomer(t)
                .body(Marketplace.install(integration, "9.9.9", "marketing").toString())
                .post(INSTALLS)
                .then()
                .statusCode(404);
        // nothing was installed by the refused calls
        asCustomer(t).get(INSTALLS).then().statusCode(200).body("size()", equalTo(0));
        // the debug switch convention turns on the action's debug capture
        ObjectNode debug = Marketplace.install(integration, "1.0.0", "marketing");
        ((ObjectNode) debug.path("configuration")).put("DEBUG", "true");
        String id = asCustomer(t)
                .body(debug.toString())
                .post(INSTALLS)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        asCustomer(t)
                .get("/api/v2/actions/actions/" + id)
                .then()
                .statusCode(200)
                .body("debug", equalTo(true));
        asCustomer(t)
                .body("{\"configuration\":{\"DEBUG\":\"false\",\"CONSENT_PURPOSE\":\"analytics\"}}")
                .patch(INSTALLS + "/" + id)
                .then()
                .statusCode(200)
                .body("configuration.CONSENT_PURPOSE", equalTo("analytics"));
        asCustomer(t)
                .get("/api/v2/actions/actions/" + id)
                .then()
                .statusCode(200)
                .body("debug", equalTo(false));
        asCustomer(t)
                .body("{\"configuration\":{\"NOPE\":\"1\"}}")
                .patch(INSTALLS + "/" + id)
                .then()
                .statusCode(400)
                .body("detail", containsString("NOPE"));
        asCustomer(t)
                .body("{\"configuration\":{\"CONSENT_PURPOSE\":\"\"}}")
                .patch(INSTALLS + "/" + id)
                .then()
                .statusCode(400)
                .body("detail", containsString("CONSENT_PURPOSE"));
    }

    @Test
    void withdrawnVersionsAndUnlistedIntegrationsAreNotInstallableButInstallsKeepRunning() {
        Marketplace.release(partner, integration, Marketplace.version("1.0.0", "x"));
        String t = tenant();
        String install = asCustomer(t)
                .body(Marketplace.install(integration, "1.0.0", "marketing").toString())
                .post(INSTALLS)
                .then()
                .statusCode(201)
                .body("integration.version_withdrawn", equalTo(false))
                .extract()
                .path("id");
        asPartner(partner)
                .post(PARTNERS + "/" + integration + "/versions/1.0.0/withdraw")
                .then()
                .statusCode(200)
                .body("status", equalTo("withdrawn"));
        // installs are told, and keep running
        asCustomer(t)
                .get(INSTALLS + "/" + install)
                .then()
                .statusCode(200)
                .body("integration.version_withdrawn", equalTo(true));
        asCustomer(t)
                .get("/api/v2/actions/actions/" + install)
                .then()
                .statusCode(200)
                .body("integration.version_withdrawn", equalTo(true));
        asCustomer(t)
                .body(Marketplace.install(integration, "1.0.0", "marketing").toString())
                .post(INSTALLS)
                .then()
                .statusCode(404);
        asCustomer(t).get(CATALOG).then().statusCode(200).body("id", not(hasItem(integration)));

        Marketplace.release(partner, integration, Marketplace.version("1.0.1", "y"));
        asCustomer(t).get(CATALOG).then().statusCode(200).body("id", hasItem(integration));
        asPartner(partner)
                .post(PARTNERS + "/" + integration + "/unlist")
                .then()
                .statusCode(200)
                .body("listed", equalTo(false));
        asCustomer(t).get(CATALOG).then().statusCode(200).body("id", not(hasItem(integration)));
        asCustomer(t).get(CATALOG + "/" + integration).then().statusCode(404);
        asCustomer(t)
                .body(Marketplace.install(integration, "1.0.1", "marketing").toString())
                .post(INSTALLS)
                .then()
                .statusCode(404);
        asCustomer(t).get(INSTALLS + "/" + install).then().statusCode(200);
    }

    @Test
    void upgradesNeedNewRequiredFieldsAndAnExplicitMajorAndRollBackInOneCall() {
        Marketplace.release(partner, integration, Marketplace.version("1.0.0", "one"));
        String t = tenant();
        String install = asCustomer(t)
                .body(Marketplace.install(integration, "1.0.0", "marketing").toString())
                .post(INSTALLS)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        asCustomer(t).post(INSTALLS + "/" + install + "/rollback").then().statusCode(409);

        Marketplace.release(
                partner,
                integration,
                Marketplace.version(
                        "1.1.0", "one-one", Marketplace.field("REGION", "Data region", true, null, "eu", "us")));
        asCustomer(t)
                .body("{\"version\":\"1.1.0\"}")
                .post(INSTALLS + "/" + install + "/upgrade")
                .then()
                .statusCode(400)
                .body("detail", containsString("REGION"));
        asCustomer(t)
                .body("{\"version\":\"1.1.0\",\"configuration\":{\"REGION\":\"eu\"}}")
                .post(INSTALLS + "/" + install + "/upgrade")
                .then()
                .statusCode(200)
                .body("integration.version", equalTo("1.1.0"))
                .body("configuration.REGION", equalTo("eu"))
                .body("configuration.CONSENT_PURPOSE", equalTo("marketing"));
        asCustomer(t)
                .body("{\"version\":\"1.0.0\"}")
                .post(INSTALLS + "/" + install + "/upgrade")
                .then()
                .statusCode(400)
                .body("detail", containsString("rollback"));

        Marketplace.release(
                partner,
                integration,
                Marketplace.version(
                        "2.0.0", "two", Marketplace.field("REGION", "Data region", true, null, "eu", "us")));
        asCustomer(t)
                .body("{\"version\":\"2.0.0\"}")
                .post(INSTALLS + "/" + install + "/upgrade")
                .then()
                .statusCode(409)
                .body("detail", containsString("allow_major"));
        asCustomer(t).get(INSTALLS + "/" + install).then().body("integration.version", equalTo("1.1.0"));

        // one call back to 1.0.0 with its configuration (REGION was not part of it)
        String body = asCustomer(t)
                .post(INSTALLS + "/" + install + "/rollback")
                .then()
                .statusCode(200)
                .body("integration.version", equalTo("1.0.0"))
                .body("previous_version", equalTo("1.1.0"))
                .body("configuration.CONSENT_PURPOSE", equalTo("marketing"))
                .extract()
                .asString();
        assertThat(JSON.valueToTree(JsonPath.from(body).getMap("configuration")).has("REGION"))
                .isFalse();
        asCustomer(t)
                .body("{\"version\":\"2.0.0\",\"allow_major\":true,\"configuration\":{\"REGION\":\"us\"}}")
                .post(INSTALLS + "/" + install + "/upgrade")
                .then()
                .statusCode(200)
                .body("integration.version", equalTo("2.0.0"));
    }
}
