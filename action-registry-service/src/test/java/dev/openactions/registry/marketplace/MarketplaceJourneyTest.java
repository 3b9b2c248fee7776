package dev.openactions.registry.marketplace;

import static dev.openactions.registry.marketplace.Marketplace.CATALOG;
import static dev.openactions.registry.marketplace.Marketplace.INSTALLS;
import static dev.openactions.registry.marketplace.Marketplace.JSON;
import static dev.openactions.registry.marketplace.Marketplace.PARTNERS;
import static dev.openactions.registry.marketplace.Marketplace.REVIEW;
import static dev.openactions.registry.marketplace.Marketplace.asCustomer;
import static dev.openactions.registry.marketplace.Marketplace.asPartner;
import static dev.openactions.registry.marketplace.Marketplace.asReviewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openactions.contracts.Topics;
import dev.openactions.localstack.HttpSink;
import dev.openactions.registry.ExecutorStub;
import dev.openactions.registry.ExecutorStubResource;
import dev.openactions.testsupport.HttpSinkResource;
import dev.openactions.testsupport.KafkaResource;
import dev.openactions.testsupport.KafkaTestClient;
import dev.openactions.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole marketplace journey over HTTP: a partner creates the consent-check integration, its test
 * cases pass in the (stand-in) executor, a reviewer approves, the partner publishes; a customer finds
 * it, installs it with its values, binds it; the flow snapshot on Kafka carries the configuration; the
 * customer can read the code nowhere; the partner publishes 1.1.0 and the customer upgrades.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "role", value = "registry"))
@WithTestResource(KafkaResource.class)
@WithTestResource(
        value = HttpSinkResource.class,
        initArgs = @ResourceArg(name = "property", value = "quarkus.rest-client.secrets-service.url"))
@WithTestResource(ExecutorStubResource.class)
class MarketplaceJourneyTest {
    private static final String CUSTOMER_SECRET = "customer-secret-key";

    @HttpSinkResource.InjectHttpSink
    HttpSink secretsService;

    @ExecutorStubResource.InjectExecutor
    ExecutorStub executor;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @BeforeEach
    void peers() {
        executor.reset();
        executor.respond(Marketplace.CONSENT_EXECUTOR);
        secretsService.clear();
        secretsService.respondWith(
                200, "{\"secrets\":[{\"name\":\"CONSENT_API_KEY\",\"updated_at\":\"2026-12-06T08:00:00Z\"}]}");
    }

    @Test
    void partnerPublishesReviewerApprovesCustomerInstallsBindsAndUpgrades() throws Exception {
        String partner = "consent-vendor-" + UUID.randomUUID().toString().substring(0, 8);
        String tenant = "shop-" + UUID.randomUUID().toString().substring(0, 8);
        String marker10 = "consent-check 1.0.0 " + UUID.randomUUID();
        String marker11 = "consent-check 1.1.0 " + UUID.randomUUID();

        // the partner creates the integration and its first version
        String integration = Marketplace.createIntegration(partner, "Consent check " + partner);
        Marketplace.createVersion(partner, integration, Marketplace.version("1.0.0", marker10))
                .statusCode(201)
                .body("status", equalTo("draft"));

        // submission runs both success-path cases in the executor, with the case's configuration in the event
        JsonPath submitted = Marketplace.submit(partner, integration, "1.0.0")
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(submitted.getString("status")).isEqualTo("in_review");
        assertThat(submitted.getList("test_results.passed", Boolean.class)).containsExactly(true, true);
        // (the success-path runs: as an install runs, with its capabilities' hosts and the manifest's defaults;
        // the guideline's checks add runs with no host allowed and with DEBUG on)
        List<ExecutorStub.Request> runs = executor.received("/internal/v1/test-runs").stream()
                .filter(r -> r.body().path("outbound_hosts").toString().equals("[\"api.consent-vendor.example\"]")
                        && r.body().path("configuration").path("DEBUG").asText().equals("false")
                        && r.body().path("coverage").asBoolean(false))
                .toList();
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).body().path("code").asText()).contains(marker10);
        assertThat(runs.get(0)
                        .body()
                        .path("event")
                        .path("configuration")
                        .path("CONSENT_PURPOSE")
                        .asText())
                .isEqualTo("marketing");
        assertThat(runs.get(0).body().path("tenant_id").asText()).isEqualTo(partner);
        // the partner guideline's checks ran and are recorded with their evidence
        List<ExecutorStub.Request> all = executor.received("/internal/v1/test-runs");
        assertThat(all)
                .as(
                        "each case again with every host refused, with DEBUG off and on (timed without the coverage instrument)")
                .hasSize(8);
        assertThat(all)
                .filteredOn(r -> r.body().path("outbound_hosts").toString().equals("[]"))
                .hasSize(2);
        assertThat(all)
                .filteredOn(r ->
                        r.body().path("configuration").path("DEBUG").asText().equals("true"))
                .hasSize(2);
        // the coverage the engine measured per case, and over both: a line counts when any case ran it
        assertThat(submitted.getList("test_results.coverage.percent", Float.class))
                .containsExactly(66.6f, 66.6f);
        assertThat(submitted.getInt("coverage.covered_lines")).isEqualTo(5);
        assertThat(submitted.getInt("coverage.total_lines")).isEqualTo(6);
        assertThat(submitted.getFloat("coverage.percent")).isEqualTo(83.3f);
        assertThat(submitted.getList("coverage.uncovered_lines", Integer.class)).containsExactly(5);
        assertThat(submitted.getList("checks.id", String.class))
                .containsExactly("egress_failure", "debug_logging", "capabilities", "time_limit");
        // the example's unhandled fetch error fails the login when the vendor is unreachable: recorded as such
        assertThat(submitted.getBoolean("checks[0].passed")).isFalse();
        assertThat(submitted.getString("checks[0].answer")).contains("the end user sees only");
        assertThat(submitted.getList("checks[0].evidence.outcome", String.class))
                .containsExactly("fails", "fails");
        assertThat(submitted.getBoolean("checks[1].passed")).isTrue();
        assertThat(submitted.getString("checks[1].answer"))
                .contains("DEBUG=false it logged 0 lines")
                .contains("DEBUG=true 2 lines");
        assertThat(submitted.getBoolean("checks[2].passed")).isTrue();
        assertThat(submitted.getBoolean("checks[3].passed")).isTrue();
        assertThat(submitted.getString("checks[3].answer")).contains("12 ms of its 5000 ms limit");
        // the case's secret went to secrets-service for the run and was removed afterwards
        assertThat(secretsService.received())
                .anySatisfy(r -> assertThat(r.body()).contains("partner-sandbox-key"));
        assertThat(secretsService.received())
                .anySatisfy(r -> assertThat(r.method()).isEqualTo("DELETE"));

        // the reviewer sees code, manifest and results, and approves with a comment
        String queueBody = asReviewer()
                .get(REVIEW + "/queue")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(queueBody).as("test-case secret values are never shown").doesNotContain("partner-sandbox-key");
        JsonPath queue = JsonPath.from(queueBody);
        assertThat(queue.getList("findAll { it.integration_id == '" + integration + "' }.code", String.class))
                .singleElement()
                .asString()
                .contains(marker10);
        assertThat(queue.getList("find { it.integration_id == '" + integration + "' }.checks.id", String.class))
                .as("reviewers see the checks")
                .containsExactly("egress_failure", "debug_logging", "capabilities", "time_limit");
        Marketplace.decide(
                        integration, "1.0.0", "approve", "Evidence is convincing; fails open when the vendor is down.")
                .statusCode(200)
                .body("status", equalTo("approved"));
        asPartner(partner)
                .get(PARTNERS + "/" + integration + "/versions/1.0.0")
                .then()
                .statusCode(200)
                .body("reviews[0].decision", equalTo("approved"))
                .body("reviews[0].comment", containsString("fails open"))
                .body("checks.id", hasItem("egress_failure"))
                .body("checks.find { it.id == 'debug_logging' }.passed", equalTo(true));
        Marketplace.publish(partner, integration, "1.0.0").statusCode(200).body("status", equalTo("published"));

        // the customer finds it in the catalog: listing, manifest, capabilities, no code
        String catalog = asCustomer(tenant)
                .get(CATALOG + "?trigger_id=post-login&category=consent")
                .then()
                .statusCode(200)
                .body("id", hasItem(integration))
                .extract()
                .asString();
        assertThat(catalog).doesNotContain(marker10).doesNotContain("exports.onExecutePostLogin");
        asCustomer(tenant)
                .get(CATALOG + "/" + integration)
                .then()
                .statusCode(200)
                .body("latest_version", equalTo("1.0.0"))
                .body("versions[0].manifest.capabilities.outbound_hosts", hasItem("api.consent-vendor.example"))
                .body("versions[0].manifest.configuration.name", hasItem("CONSENT_PURPOSE"));

        // omitting a required field is a 400 naming it
        asCustomer(tenant)
                .body(Marketplace.install(integration, "1.0.0", null).toString())
                .post(INSTALLS)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("CONSENT_PURPOSE"));

        // installed with its values: an action of the tenant
        String actionId = asCustomer(tenant)
                .body(Marketplace.install(integration, "1.0.0", "marketing").toString())
                .post(INSTALLS)
                .then()
                .statusCode(201)
                .body("integration.version", equalTo("1.0.0"))
                .body("configuration.CONSENT_PURPOSE", equalTo("marketing"))
                .body("configuration.DEBUG", equalTo("false"))
                .extract()
                .path("id");
        assertThat(secretsService.received())
                .anySatisfy(r -> assertThat(r.body()).contains(CUSTOMER_SECRET));
        awaitDeployedVersionContaining(tenant, actionId, marker10);

        // the customer binds it like any action
        asCustomer(tenant)
                .body("{\"bindings\":[{\"ref\":{\"type\":\"action_id\",\"value\":\"" + actionId + "\"}}]}")
                .patch("/api/v2/actions/triggers/post-login/bindings")
                .then()
                .statusCode(200);

        // the flow snapshot on Kafka runs the installed code with the customer's configuration and secret names, no
        // values
        JsonNode bound = awaitSnapshotAction(tenant, actionId, marker10);
        assertThat(bound.path("configuration").path("CONSENT_PURPOSE").asText()).isEqualTo("marketing");
        assertThat(bound.path("secret_names").get(0).asText()).isEqualTo("CONSENT_API_KEY");
        assertThat(bound.toString()).doesNotContain(CUSTOMER_SECRET);
        // and the capabilities, for the executor to enforce
        assertThat(bound.path("outbound_hosts").get(0).asText()).isEqualTo("api.consent-vendor.example");

        // the customer cannot read the code anywhere
        for (String path : List.of(
                "/api/v2/actions/actions/" + actionId,
                "/api/v2/actions/actions?per_page=100",
                "/api/v2/actions/actions/" + actionId + "/versions",
                "/api/v2/actions/triggers/post-login/bindings",
                INSTALLS,
                INSTALLS + "/" + actionId,
                CATALOG,
                CATALOG + "/" + integration)) {
            String body = asCustomer(tenant)
                    .get(path)
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            assertThat(body).as(path).doesNotContain(marker10).doesNotContain("onExecutePostLogin");
        }
        String versionId = asCustomer(tenant)
                .get("/api/v2/actions/actions/" + actionId + "/versions")
                .then()
                .statusCode(200)
                .extract()
                .path("versions[0].id");
        asCustomer(tenant)
                .get("/api/v2/actions/actions/" + actionId + "/versions/" + versionId)
                .then()
                .statusCode(200)
                .body("code", nullValue());
        asCustomer(tenant)
                .get("/api/v2/actions/actions/" + actionId)
                .then()
                .statusCode(200)
                .body("code", nullValue())
                .body("integration.integration_id", equalTo(integration));
        // ... nor change it
        asCustomer(tenant)
                .body("{\"code\":\"exports.onExecutePostLogin = async () => {};\"}")
                .patch("/api/v2/actions/actions/" + actionId)
                .then()
                .statusCode(400)
                .body("detail", containsString("installed integration"));
        // ... nor read it as a partner or reviewer would
        asCustomer(tenant)
                .get(PARTNERS + "/" + integration + "/versions/1.0.0")
                .then()
                .statusCode(403);
        asCustomer(tenant)
                .get(REVIEW + "/integrations/" + integration + "/versions/1.0.0")
                .then()
                .statusCode(403);

        // the partner publishes 1.1.0 and the customer upgrades; the flow runs the new code with the same values
        Marketplace.release(partner, integration, Marketplace.version("1.1.0", marker11));
        asCustomer(tenant)
                .body("{\"version\":\"1.1.0\"}")
                .post(INSTALLS + "/" + actionId + "/upgrade")
                .then()
                .statusCode(200)
                .body("integration.version", equalTo("1.1.0"))
                .body("previous_version", equalTo("1.0.0"))
                .body("configuration.CONSENT_PURPOSE", equalTo("marketing"));
        JsonNode upgraded = awaitSnapshotAction(tenant, actionId, marker11);
        assertThat(upgraded.path("configuration").path("CONSENT_PURPOSE").asText())
                .isEqualTo("marketing");
    }

    @Test
    void openApiDocumentsThePartnerReviewAndCatalogApis() {
        io.restassured.RestAssured.given()
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body(containsString("/api/v1/partner/integrations/{id}/versions/{version}/submit"))
                .body(containsString("/api/v1/review/integrations/{id}/versions/{version}/decision"))
                .body(containsString("/api/v1/marketplace/catalog"))
                .body(containsString("/api/v1/marketplace/installs/{id}/upgrade"));
    }

    private static void awaitDeployedVersionContaining(String tenant, String actionId, String marker) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "built"
                        .equals(asCustomer(tenant)
                                .get("/api/v2/actions/actions/" + actionId)
                                .then()
                                .extract()
                                .path("deployed_version.status")));
    }

    /** The newest snapshot of the tenant's post-login flow on the actions.flows topic whose first action runs this code. */
    private JsonNode awaitSnapshotAction(String tenant, String actionId, String codeMarker) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
                        List<ConsumerRecord<String, String>> records =
                                kafka.readAll(Topics.ACTIONS_FLOWS, Duration.ofSeconds(5));
                        ConsumerRecord<String, String> latest = records.stream()
                                .filter(r -> r.key().equals(tenant + "/post-login"))
                                .reduce((a, b) -> b)
                                .orElse(null);
                        if (latest == null) {
                            return false;
                        }
                        JsonNode action =
                                JSON.readTree(latest.value()).path("actions").path(0);
                        found[0] = action;
                        return action.path("action_id").asText().equals(actionId)
                                && action.path("code").asText().contains(codeMarker);
                    }
                });
        return found[0];
    }
}
