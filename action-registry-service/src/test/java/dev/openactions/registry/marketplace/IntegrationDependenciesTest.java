package dev.openactions.registry.marketplace;

import static dev.openactions.registry.marketplace.Marketplace.INSTALLS;
import static dev.openactions.registry.marketplace.Marketplace.PARTNERS;
import static dev.openactions.registry.marketplace.Marketplace.asCustomer;
import static dev.openactions.registry.marketplace.Marketplace.asPartner;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openactions.contracts.DependencyBundle;
import dev.openactions.localstack.HttpSink;
import dev.openactions.registry.ExecutorStub;
import dev.openactions.registry.ExecutorStubResource;
import dev.openactions.testsupport.HttpSinkResource;
import dev.openactions.testsupport.KafkaResource;
import dev.openactions.testsupport.NpmRegistryResource;
import dev.openactions.testsupport.NpmRegistryServer;
import dev.openactions.testsupport.PostgresResource;
import dev.openactions.testsupport.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An integration's npm dependencies are resolved like an action's (ADR 12): pinned and stored as a
 * content-addressed tree when the version is submitted, so its test cases run with that tree, and an
 * install builds and runs with the same exact versions. The npm registry serves real tarballs on
 * 127.0.0.1; the executor is a stand-in that records what it is asked.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "role", value = "registry"))
@WithTestResource(KafkaResource.class)
@WithTestResource(
        value = HttpSinkResource.class,
        initArgs = @ResourceArg(name = "property", value = "quarkus.rest-client.secrets-service.url"))
@WithTestResource(ExecutorStubResource.class)
@WithTestResource(NpmRegistryResource.class)
class IntegrationDependenciesTest {
    private static final String BUNDLES = "/internal/v1/dependency-bundles/";

    @NpmRegistryResource.InjectNpmRegistry
    NpmRegistryServer npm;

    @ExecutorStubResource.InjectExecutor
    ExecutorStub executor;

    @HttpSinkResource.InjectHttpSink
    HttpSink secretsService;

    @BeforeEach
    void peers() {
        executor.reset();
        executor.respond(Marketplace.CONSENT_EXECUTOR);
        secretsService.clear();
        secretsService.respondWith(
                200, "{\"secrets\":[{\"name\":\"CONSENT_API_KEY\",\"updated_at\":\"2026-12-06T08:00:00Z\"}]}");
    }

    private static String unique(String base) {
        return base + "-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    }

    private static ObjectNode withDependency(ObjectNode version, String name, String range) {
        version.putArray("dependencies").addObject().put("name", name).put("version", range);
        return version;
    }

    @Test
    void submissionPinsTheTreeItsTestsRunWithAndAnInstallBuildsWithTheSameTree() {
        String partner = unique("vendor");
        String tenant = unique("shop");
        String pkg = unique("consent-url");
        for (String v : List.of("1.0.0", "1.4.2", "2.0.0")) {
            npm.publish(pkg, v, Map.of(), Map.of("index.js", "module.exports = (u) => '" + v + ":' + u;"));
        }
        String integration = Marketplace.createIntegration(partner, "Consent with deps " + partner);
        ObjectNode version = withDependency(Marketplace.version("1.0.0", "deps " + pkg), pkg, "^1.0.0");
        Marketplace.createVersion(partner, integration, version)
                .statusCode(201)
                .body("dependencies[0].version", equalTo("^1.0.0"));

        Marketplace.submit(partner, integration, "1.0.0")
                .statusCode(200)
                .body("status", equalTo("in_review"))
                .body("dependencies[0].version", equalTo("1.4.2"));

        // every test case ran with the pinned tree, named by its content address
        List<ExecutorStub.Request> runs = executor.received("/internal/v1/test-runs");
        assertThat(runs).hasSizeGreaterThanOrEqualTo(2);
        String hash = runs.get(0).body().path("dependency_bundle").asText();
        assertThat(hash).matches("[0-9a-f]{64}");
        assertThat(runs)
                .allSatisfy(r ->
                        assertThat(r.body().path("dependency_bundle").asText()).isEqualTo(hash));
        DependencyBundle bundle = given().header(
                        "Authorization",
                        TestTokens.bearer(TestTokens.forService("executor-service", "read:dependency-bundles")))
                .get(BUNDLES + hash)
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .extract()
                .as(DependencyBundle.class);
        assertThat(bundle.isIntact()).isTrue();
        assertThat(bundle.direct()).isEqualTo(Map.of(pkg, "1.4.2"));
        assertThat(bundle.files())
                .containsEntry("node_modules/" + pkg + "/index.js", "module.exports = (u) => '1.4.2:' + u;");

        // a newer 1.x published after review does not change what customers install
        npm.publish(pkg, "1.9.0", Map.of(), Map.of("index.js", "module.exports = () => 'unreviewed';"));
        Marketplace.decide(integration, "1.0.0", "approve", "ok").statusCode(200);
        Marketplace.publish(partner, integration, "1.0.0").statusCode(200);
        String actionId = asCustomer(tenant)
                .body(Marketplace.install(integration, "1.0.0", "marketing").toString())
                .post(INSTALLS)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "built"
                        .equals(asCustomer(tenant)
                                .get("/api/v2/actions/actions/" + actionId)
                                .then()
                                .extract()
                                .path("deployed_version.status")));
        assertThat(executor.received("/internal/v1/builds")).anySatisfy(r -> {
            assertThat(r.body().path("code").asText()).contains("deps " + pkg);
            assertThat(r.body().path("dependency_bundle").asText()).isEqualTo(hash);
        });
    }

    @Test
    void aDependencyThatCannotBeHadRefusesTheSubmissionNamingItAndKeepsTheDraft() {
        String partner = unique("vendor");
        String missing = unique("no-such-package");
        String integration = Marketplace.createIntegration(partner, "Consent missing dep " + partner);
        Marketplace.createVersion(
                        partner,
                        integration,
                        withDependency(Marketplace.version("1.0.0", "missing"), missing, "^1.0.0"))
                .statusCode(201);

        Marketplace.submit(partner, integration, "1.0.0")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString(missing));
        assertThat(executor.received("/internal/v1/test-runs")).isEmpty();
        asPartner(partner)
                .get(PARTNERS + "/" + integration + "/versions/1.0.0")
                .then()
                .statusCode(200)
                .body("status", equalTo("draft"));
    }
}
