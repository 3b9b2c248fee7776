package dev.openactions.registry;

import static dev.openactions.registry.RegistryApi.ACTIONS;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import dev.openactions.contracts.DependencyBundle;
import dev.openactions.contracts.TriggerId;
import dev.openactions.registry.repository.ActionVersionRepository;
import dev.openactions.registry.repository.DependencyBundleRepository;
import dev.openactions.testsupport.AuthorizationMatrix;
import dev.openactions.testsupport.HttpSinkResource;
import dev.openactions.testsupport.KafkaResource;
import dev.openactions.testsupport.NpmRegistryResource;
import dev.openactions.testsupport.NpmRegistryServer;
import dev.openactions.testsupport.PostgresResource;
import dev.openactions.testsupport.TestTokens;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.File;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * npm dependencies resolved, pinned, verified and stored by the build, against an npm registry
 * served on 127.0.0.1 in the registry's own format: packages the tests pack, and the real published
 * tarballs of node-ses@3.0.3's tree. The executor is a stub that builds everything.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "role", value = "registry"))
@WithTestResource(KafkaResource.class)
@WithTestResource(
        value = HttpSinkResource.class,
        initArgs = @ResourceArg(name = "property", value = "quarkus.rest-client.secrets-service.url"))
@WithTestResource(ExecutorStubResource.class)
@WithTestResource(NpmRegistryResource.class)
class NpmDependenciesTest {
    private static final TriggerId TRIGGER = TriggerId.POST_USER_REGISTRATION;
    private static final String BUNDLES = "/internal/v1/dependency-bundles/";
    private static final String PROBLEM = "application/problem+json";

    @NpmRegistryResource.InjectNpmRegistry
    NpmRegistryServer npm;

    @ExecutorStubResource.InjectExecutor
    ExecutorStub executor;

    @BeforeEach
    void executorBuilds() {
        executor.reset();
    }

    /** A package name no other test uses. */
    private static String unique(String base) {
        return base + "-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    }

    private static String deps(String... nameVersionPairs) {
        StringBuilder json = new StringBuilder("\"dependencies\":[");
        for (int i = 0; i < nameVersionPairs.length; i += 2) {
            json.append(i == 0 ? "" : ",")
                    .append("{\"name\":")
                    .append(RegistryApi.quote(nameVersionPairs[i]))
                    .append(",\"version\":")
                    .append(RegistryApi.quote(nameVersionPairs[i + 1]))
                    .append("}");
        }
        return json.append("]").toString();
    }

    private static String createWith(String dependenciesJson) {
        return given().contentType(ContentType.JSON)
                .body(RegistryApi.createBody(
                        unique("npm"), TRIGGER, RegistryApi.handlerCode(TRIGGER, "// npm"), dependenciesJson))
                .post(ACTIONS)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** Creates an action with these dependencies, deploys it and waits for the build's outcome. */
    private static JsonPath deployed(String dependenciesJson, String expectedStatus) {
        String id = createWith(dependenciesJson);
        String versionId = RegistryApi.deploy(id).getString("id");
        return RegistryApi.awaitVersionStatus(id, versionId, expectedStatus);
    }

    private static String bundleHashOf(JsonPath version) {
        String actionId = version.getString("action_id");
        String versionId = version.getString("id");
        return QuarkusTransaction.requiringNew()
                        .call(() -> Arc.container()
                                .instance(ActionVersionRepository.class)
                                .get()
                                .findById(UUID.fromString(versionId))
                                .dependencyBundle)
                + "";
    }

    private static DependencyBundle fetchBundle(String hash) {
        return given().header(
                        "Authorization",
                        TestTokens.bearer(TestTokens.forService("executor-service", "read:dependency-bundles")))
                .get(BUNDLES + hash)
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .extract()
                .as(DependencyBundle.class);
    }

    private static String versionIn(DependencyBundle bundle, String packageDir) {
        return JsonPath.from(bundle.files().get(packageDir + "/package.json")).getString("version");
    }

    private static Map<String, String> index(String body) {
        return Map.of("index.js", body);
    }

    @Test
    void aRangeIsPinnedToTheHighestSatisfyingVersionAndTheSnapshotNamesTheTree() {
        String name = unique("pin-me");
        for (String v : List.of("1.0.0", "1.2.0", "1.3.5", "2.0.0")) {
            npm.publish(name, v, Map.of(), index("module.exports = '" + v + "';"));
        }
        JsonPath version = deployed(deps(name, "^1.2.0"), "built");

        assertThat(version.getList("dependencies.version")).containsExactly("1.3.5");
        String hash = bundleHashOf(version);
        DependencyBundle bundle = fetchBundle(hash);
        assertThat(bundle.isIntact()).isTrue();
        assertThat(bundle.direct()).isEqualTo(Map.of(name, "1.3.5"));
        assertThat(bundle.files()).containsEntry("node_modules/" + name + "/index.js", "module.exports = '1.3.5';");
        assertThat(JsonPath.from(bundle.files().get("package.json")).getString("dependencies." + name))
                .isEqualTo("1.3.5");
        assertThat(executor.received("/internal/v1/builds"))
                .anySatisfy(r ->
                        assertThat(r.body().path("dependency_bundle").asText()).isEqualTo(hash));

        // The draft still says what the tenant wrote; bound, the flow snapshot names the tree by hash.
        String actionId = version.getString("action_id");
        given().get(ACTIONS + "/" + actionId)
                .then()
                .statusCode(200)
                .body("dependencies[0].version", Matchers.equalTo("^1.2.0"))
                .body("all_changes_deployed", Matchers.equalTo(true));
        RegistryApi.bind(TRIGGER, actionId);
        JsonPath snapshot = RegistryApi.latestSnapshot(TRIGGER);
        assertThat(snapshot.getList("actions.findAll { it.action_id == '" + actionId + "' }.dependency_bundle"))
                .containsExactly(hash);
        given().contentType(ContentType.JSON)
                .body("{\"bindings\":[]}")
                .patch(RegistryApi.TRIGGERS + "/" + TRIGGER.id() + "/bindings")
                .then()
                .statusCode(200);
    }

    @Test
    void latestFollowsTheDistTagAndAnExactVersionIsKept() {
        String name = unique("tagged");
        for (String v : List.of("1.0.0", "2.0.0", "2.1.0")) {
            npm.publish(name, v, Map.of(), index("module.exports = '" + v + "';"));
        }
        npm.tag(name, "latest", "2.0.0");
        assertThat(deployed(deps(name, "latest"), "built").getList("dependencies.version"))
                .containsExactly("2.0.0");
        assertThat(deployed(deps(name, "1.0.0"), "built").getList("dependencies.version"))
                .containsExactly("1.0.0");
        // npm prefers the latest tag when it satisfies the range, even over a higher matching version.
        assertThat(deployed(deps(name, "^2.0.0"), "built").getList("dependencies.version"))
                .containsExactly("2.0.0");
    }

    @Test
    void aListedRegistryUrlIsUsedAndKeptWithThePin() {
        String name = unique("private");
        npm.publish(name, "0.9.0", Map.of(), index("module.exports = 'private';"));
        String dependency = "\"dependencies\":[{\"name\":\"" + name + "\",\"version\":\"<1\",\"registry_url\":\""
                + npm.url() + "/\"}]";
        JsonPath version = deployed(dependency, "built");
        assertThat(version.getString("dependencies[0].version")).isEqualTo("0.9.0");
        assertThat(version.getString("dependencies[0].registry_url")).isEqualTo(npm.url() + "/");
    }

    @Test
    void aScopedPackageLandsUnderItsScope() {
        String scope = "@" + unique("acme");
        String name = scope + "/util";
        npm.publish(name, "1.4.0", Map.of(), index("module.exports = 'scoped';"));
        JsonPath version = deployed(deps(name, "~1.4.0"), "built");
        assertThat(version.getList("dependencies.version")).containsExactly("1.4.0");
        DependencyBundle bundle = fetchBundle(bundleHashOf(version));
        assertThat(bundle.files()).containsEntry("node_modules/" + name + "/index.js", "module.exports = 'scoped';");
    }

    @Test
    void aTransitiveTreeIsHoistedAndSharedAndNestedWhereVersionsConflict() {
        String shared = unique("shared");
        String a = unique("a");
        String b = unique("b");
        String c = unique("c");
        for (String v : List.of("1.0.0", "1.1.0", "2.0.0")) {
            npm.publish(shared, v, Map.of(), index("module.exports = '" + v + "';"));
        }
        npm.publish(a, "1.0.0", Map.of(shared, "^1.0.0"), index("module.exports = require('" + shared + "');"));
        npm.publish(b, "1.0.0", Map.of(shared, "^1.1.0"), index("module.exports = require('" + shared + "');"));
        npm.publish(c, "1.0.0", Map.of(shared, "^2.0.0"), index("module.exports = require('" + shared + "');"));

        JsonPath version = deployed(deps(a, "1.0.0", b, "1.0.0", c, "1.0.0"), "built");
        DependencyBundle bundle = fetchBundle(bundleHashOf(version));

        assertThat(versionIn(bundle, "node_modules/" + shared)).isEqualTo("1.1.0"); // one copy for a and b
        assertThat(versionIn(bundle, "node_modules/" + c + "/node_modules/" + shared))
                .isEqualTo("2.0.0");
        assertThat(bundle.files().keySet())
                .noneMatch(p -> p.startsWith("node_modules/" + a + "/node_modules/")
                        || p.startsWith("node_modules/" + b + "/node_modules/"));
        assertThat(bundle.direct()).isEqualTo(Map.of(a, "1.0.0", b, "1.0.0", c, "1.0.0"));
    }

    @Test
    void aPackageIsNotHoistedWhereItWouldChangeWhatAnotherPackageAlreadyFinds() {
        String a = unique("a");
        String c = unique("c");
        String d = unique("d");
        String x = unique("x");
        for (String name : List.of(c, d, x)) {
            npm.publish(
                    name,
                    "1.0.0",
                    name.equals(c) ? Map.of(x, "^2.0.0") : name.equals(d) ? Map.of(x, "^1.0.0") : Map.of(),
                    index("module.exports = '" + name + "@1';"));
            npm.publish(name, "2.0.0", Map.of(), index("module.exports = '" + name + "@2';"));
        }
        npm.tag(x, "latest", "1.0.0");
        npm.publish(a, "1.0.0", Map.of(c, "1.0.0", d, "1.0.0", x, "^1.0.0"), index("module.exports = 'a';"));

        // The top level holds c@2, d@2, x@1; a needs c@1 and d@1 (nested under a) and finds x@1 at the top.
        JsonPath version = deployed(deps(a, "1.0.0", c, "2.0.0", d, "2.0.0", x, "1.0.0"), "built");
        DependencyBundle bundle = fetchBundle(bundleHashOf(version));
        String nested = "node_modules/" + a + "/node_modules/";
        assertThat(versionIn(bundle, nested + c)).isEqualTo("1.0.0");
        assertThat(versionIn(bundle, nested + d)).isEqualTo("1.0.0");
        // c@1 needs x@2: placing it in a's node_modules would hand x@2 to a and d@1, which found x@1: it goes under c.
        assertThat(versionIn(bundle, nested + c + "/node_modules/" + x)).isEqualTo("2.0.0");
        assertThat(bundle.files()).doesNotContainKey(nested + x + "/package.json");
        assertThat(versionIn(bundle, "node_modules/" + x)).isEqualTo("1.0.0");
    }

    @Test
    void aTarballThatDoesNotMatchItsIntegrityFailsTheBuildNamingThePackage() {
        String name = unique("tampered");
        npm.publish(name, "1.0.0", Map.of(), index("module.exports = 1;"));
        npm.tamper(name, "1.0.0");
        JsonPath failed = deployed(deps(name, "1.0.0"), "failed");
        assertThat(failed.getString("errors[0].id")).isEqualTo("dependency_integrity_mismatch");
        assertThat(failed.getString("errors[0].msg")).contains(name + "@1.0.0").contains("integrity");
        assertThat(executor.received("/internal/v1/builds"))
                .noneSatisfy(r -> assertThat(r.body().path("code").asText()).contains("// npm"));
    }

    @Test
    void aMissingPackageOrVersionFailsTheBuildNamingIt() {
        String missing = unique("nowhere");
        JsonPath failed = deployed(deps(missing, "^1.0.0"), "failed");
        assertThat(failed.getString("errors[0].id")).isEqualTo("dependency_not_found");
        assertThat(failed.getString("errors[0].msg")).contains(missing);

        String name = unique("old");
        npm.publish(name, "1.0.0", Map.of(), index("module.exports = 1;"));
        JsonPath noVersion = deployed(deps(name, "^3.0.0"), "failed");
        assertThat(noVersion.getString("errors[0].msg")).contains(name).contains("^3.0.0");
    }

    @Test
    void aNativeAddonFailsTheBuildClearly() {
        String gyp = unique("native-gyp");
        npm.publish(
                gyp,
                "1.0.0",
                Map.of(),
                Map.of(
                        "index.js",
                        "module.exports = require('./build/Release/x.node');",
                        "binding.gyp",
                        "{\"targets\":[{\"target_name\":\"x\",\"sources\":[\"x.cc\"]}]}"));
        JsonPath failed = deployed(deps(gyp, "1.0.0"), "failed");
        assertThat(failed.getString("errors[0].id")).isEqualTo("dependency_native_addon");
        assertThat(failed.getString("errors[0].msg")).contains(gyp + "@1.0.0").contains("binding.gyp");

        String prebuilt = unique("native-prebuilt");
        String dependent = unique("uses-native");
        npm.publish(
                prebuilt,
                "1.0.0",
                Map.of(),
                Map.of("index.js", "module.exports = require('./addon.node');", "addon.node", "\u007fELF not really"));
        npm.publish(
                dependent, "1.0.0", Map.of(prebuilt, "1.0.0"), index("module.exports = require('" + prebuilt + "');"));
        JsonPath transitive = deployed(deps(dependent, "1.0.0"), "failed");
        assertThat(transitive.getString("errors[0].msg"))
                .contains(prebuilt + "@1.0.0")
                .contains("addon.node");
    }

    @Test
    void optionalDependenciesThatCannotBeHadAreLeftOutAndPeersAreNotInstalled() {
        String host = unique("opt-host");
        String missing = unique("opt-missing");
        String nativeOpt = unique("opt-native");
        String peer = unique("peer");
        npm.publish(nativeOpt, "1.0.0", Map.of(), Map.of("index.js", "", "binding.gyp", "{}"));
        npm.publish(peer, "1.0.0", Map.of(), index("module.exports = 'peer';"));
        String manifest = "{\"name\":\"" + host + "\",\"version\":\"1.0.0\",\"main\":\"index.js\","
                + "\"optionalDependencies\":{\"" + missing + "\":\"^1.0.0\",\"" + nativeOpt + "\":\"1.0.0\"},"
                + "\"peerDependencies\":{\"" + peer + "\":\"1.0.0\"}}";
        npm.publish(host, "1.0.0", Map.of(), Map.of("package.json", manifest, "index.js", "module.exports = 'host';"));

        DependencyBundle bundle = fetchBundle(bundleHashOf(deployed(deps(host, "1.0.0"), "built")));
        assertThat(bundle.files()).containsKey("node_modules/" + host + "/index.js");
        assertThat(bundle.files().keySet())
                .noneMatch(p -> p.contains(missing) || p.contains(nativeOpt) || p.contains(peer));
    }

    @Test
    void aPackageThatRequiresFsAtLoadTimeResolvesLikeAnyOther() {
        String name = unique("reads-files");
        npm.publish(
                name,
                "1.0.0",
                Map.of(),
                index("const fs = require('fs');\nmodule.exports = { exists: fs.existsSync };"));
        JsonPath built = deployed(deps(name, "1.0.0"), "built");
        assertThat(fetchBundle(bundleHashOf(built)).files()).containsKey("node_modules/" + name + "/index.js");
    }

    @Test
    void aTreeOverTheSizeLimitFailsTheBuild() {
        String name = unique("huge");
        npm.publish(name, "1.0.0", Map.of(), index("module.exports = '" + "x".repeat(11 * 1024 * 1024) + "';"));
        JsonPath failed = deployed(deps(name, "1.0.0"), "failed");
        assertThat(failed.getString("errors[0].id")).isEqualTo("dependency_limit_exceeded");
        assertThat(failed.getString("errors[0].msg")).contains("10485760 bytes").contains(name + "@1.0.0");
    }

    @Test
    void onlyLoaderReadableFilesAreKeptAndNoInstallScriptRuns() {
        String name = unique("scripted");
        String manifest = "{\"name\":\"" + name + "\",\"version\":\"1.0.0\",\"main\":\"lib/entry\","
                + "\"scripts\":{\"install\":\"touch /tmp/" + name + "-installed\",\"postinstall\":\"touch /tmp/" + name
                + "-post\"}}";
        npm.publish(
                name,
                "1.0.0",
                Map.of(),
                Map.of(
                        "package.json",
                        manifest,
                        "lib/entry",
                        "module.exports = 'no extension';",
                        "lib/util.cjs",
                        "module.exports = 2;",
                        "README.md",
                        "# docs",
                        "types.d.ts",
                        "export {};",
                        "data.json",
                        "{\"a\":1}",
                        "lib/esm.mjs",
                        "export default 1;"));
        DependencyBundle bundle = fetchBundle(bundleHashOf(deployed(deps(name, "1.0.0"), "built")));
        String dir = "node_modules/" + name + "/";
        assertThat(bundle.files().keySet().stream()
                        .filter(p -> p.startsWith(dir))
                        .map(p -> p.substring(dir.length())))
                .containsExactlyInAnyOrder("package.json", "lib/entry", "lib/util.cjs", "data.json");
        assertThat(new File("/tmp/" + name + "-installed")).doesNotExist();
        assertThat(new File("/tmp/" + name + "-post")).doesNotExist();
    }

    /** The first seed's dependency: the real published node-ses@3.0.3 and its whole tree. */
    @Test
    void theRealNodeSesTreeResolvesToOneStableSharedBundle() {
        JsonPath first = deployed(deps("node-ses", "3.0.3"), "built");
        String hash = bundleHashOf(first);
        DependencyBundle bundle = fetchBundle(hash);
        assertThat(bundle.direct()).isEqualTo(Map.of("node-ses", "3.0.3"));
        assertThat(versionIn(bundle, "node_modules/node-ses")).isEqualTo("3.0.3");
        assertThat(versionIn(bundle, "node_modules/request")).isEqualTo("2.88.2");
        assertThat(bundle.files())
                .containsKeys(
                        "node_modules/aws4/aws4.js",
                        "node_modules/xml2js/lib/xml2js.js",
                        "node_modules/debug/package.json",
                        "node_modules/node-ses/lib/email.js");
        assertThat(bundle.files().keySet())
                .allMatch(p -> p.endsWith(".js")
                        || p.endsWith(".json")
                        || p.endsWith(".cjs")
                        || !p.substring(p.lastIndexOf('/') + 1).contains("."));

        // The same tree from another action, and from another tenant's action: the same one bundle.
        String again = bundleHashOf(deployed(deps("node-ses", "^3.0.0"), "built"));
        assertThat(again).isEqualTo(hash);
        String other = TestTokens.bearer(TestTokens.forTenant("other", "read:actions", "create:actions"));
        String otherAction = given().header("Authorization", other)
                .contentType(ContentType.JSON)
                .body(RegistryApi.createBody(
                        unique("other-tenant"),
                        TRIGGER,
                        RegistryApi.handlerCode(TRIGGER, ""),
                        deps("node-ses", "~3.0.1")))
                .post(ACTIONS)
                .then()
                .statusCode(201)
                .extract()
                .<String>path("id");
        String otherVersion = given().header("Authorization", other)
                .post(ACTIONS + "/" + otherAction + "/deploy")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        Awaitility.await()
                .atMost(RegistryApi.BUILD_TIMEOUT)
                .until(() -> "built"
                        .equals(given().header("Authorization", other)
                                .get(ACTIONS + "/" + otherAction + "/versions/" + otherVersion)
                                .then()
                                .extract()
                                .path("status")));
        assertThat(bundleHashOf(given().header("Authorization", other)
                        .get(ACTIONS + "/" + otherAction + "/versions/" + otherVersion)
                        .then()
                        .extract()
                        .jsonPath()))
                .isEqualTo(hash);
        // npm hoists this whole tree flat: 53 packages, each once.
        assertThat(bundle.files().keySet().stream().filter(p -> p.endsWith("/package.json")))
                .hasSize(53)
                .allMatch(p -> p.indexOf("node_modules/", 1) < 0);
        long stored = QuarkusTransaction.requiringNew()
                .call(() -> Arc.container()
                        .instance(DependencyBundleRepository.class)
                        .get()
                        .count("hash", hash));
        assertThat(stored).isEqualTo(1);
        assertThat(hash).isEqualTo(NODE_SES_TREE);
    }

    /** The address of node-ses@3.0.3's tree as resolved from the test resources: the same files, the same hash, every run. */
    private static final String NODE_SES_TREE = "0767f7c1eadfb535fbd91bf8e31b64d9bf65e0b4e5c9014128000549ccacf250";

    @Test
    void dependenciesAreValidatedAsNpmNames() {
        for (String bad : List.of("../x", "Uppercase", ".hidden", "_under", "a/b", "@scope/../x", "with space", "")) {
            given().contentType(ContentType.JSON)
                    .body(RegistryApi.createBody(
                            unique("bad"), TRIGGER, RegistryApi.handlerCode(TRIGGER, ""), deps(bad, "1.0.0")))
                    .post(ACTIONS)
                    .then()
                    .statusCode(400)
                    .contentType(PROBLEM)
                    .body("errors.field", hasItem("dependencies[0].name"));
        }
        for (String bad : List.of("file:../x", "git+ssh://x", "http://example.com/x.tgz", "a/b")) {
            given().contentType(ContentType.JSON)
                    .body(RegistryApi.createBody(
                            unique("bad"), TRIGGER, RegistryApi.handlerCode(TRIGGER, ""), deps("ok", bad)))
                    .post(ACTIONS)
                    .then()
                    .statusCode(400)
                    .contentType(PROBLEM)
                    .body("errors.field", hasItem("dependencies[0].version"));
        }
        given().contentType(ContentType.JSON)
                .body(
                        RegistryApi.createBody(
                                unique("bad"),
                                TRIGGER,
                                RegistryApi.handlerCode(TRIGGER, ""),
                                "\"dependencies\":[{\"name\":\"ok\",\"version\":\"1.0.0\",\"registry_url\":\"http://169.254.169.254/\"}]"))
                .post(ACTIONS)
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("detail", containsString("dependencies[0].registry_url"));
        String eleven = "\"dependencies\":["
                + IntStream.range(0, 11)
                        .mapToObj(i -> "{\"name\":\"dep" + i + "\",\"version\":\"1.0.0\"}")
                        .collect(Collectors.joining(","))
                + "]";
        given().contentType(ContentType.JSON)
                .body(RegistryApi.createBody(unique("many"), TRIGGER, RegistryApi.handlerCode(TRIGGER, ""), eleven))
                .post(ACTIONS)
                .then()
                .statusCode(422)
                .contentType(PROBLEM)
                .body("detail", containsString("10 dependencies"));
        createWith(deps("@scope/ok-name", "^1.0.0 || >=2.1.0-beta.1", "lodash.isstring", "latest", "x~y", "1.x"));
    }

    @Test
    void theBundleEndpointNeedsTheExecutorsScopeAndNoTenant() {
        String name = unique("guarded");
        npm.publish(name, "1.0.0", Map.of(), index("module.exports = 1;"));
        String hash = bundleHashOf(deployed(deps(name, "1.0.0"), "built"));

        given().header("Authorization", "")
                .get(BUNDLES + hash)
                .then()
                .statusCode(401)
                .contentType(PROBLEM);
        for (AuthorizationMatrix.BadToken bad : List.of(
                AuthorizationMatrix.BadToken.EXPIRED,
                AuthorizationMatrix.BadToken.BAD_SIGNATURE,
                AuthorizationMatrix.BadToken.WRONG_AUDIENCE)) {
            given().header("Authorization", TestTokens.bearer(bad.token("default", List.of("read:dependency-bundles"))))
                    .get(BUNDLES + hash)
                    .then()
                    .statusCode(401)
                    .contentType(PROBLEM)
                    .body(Matchers.not(containsString("node_modules")));
        }
        given().get(BUNDLES + hash).then().statusCode(403).contentType(PROBLEM); // the tenant's management token
        given().header("Authorization", TestTokens.bearer(TestTokens.forService("executor-service", "decrypt:secrets")))
                .get(BUNDLES + hash)
                .then()
                .statusCode(403)
                .contentType(PROBLEM);
        // Bundles are shared across tenants: any tenant's token with the scope reads the same bytes.
        given().header("Authorization", TestTokens.bearer(TestTokens.forTenant("other", "read:dependency-bundles")))
                .get(BUNDLES + hash)
                .then()
                .statusCode(200);
        assertThat(fetchBundle(hash).hash()).isEqualTo(hash);
        String service = TestTokens.bearer(TestTokens.forService("executor-service", "read:dependency-bundles"));
        given().header("Authorization", service)
                .get(BUNDLES + "0".repeat(64))
                .then()
                .statusCode(404)
                .contentType(PROBLEM);
        given().header("Authorization", service)
                .get(BUNDLES + "..%2f..%2fetc")
                .then()
                .statusCode(404);
    }

    @Test
    void aTestRunResolvesTheDraftsDependenciesAndNamesTheTree() {
        String name = unique("tested");
        npm.publish(name, "1.0.0", Map.of(), index("module.exports = 'ok';"));
        String id = createWith(deps(name, "^1.0.0"));
        given().contentType(ContentType.JSON)
                .body("{\"payload\":{\"user\":{\"user_id\":\"u1\"}}}")
                .post(ACTIONS + "/" + id + "/test")
                .then()
                .statusCode(200);
        ExecutorStub.Request run = executor.received("/internal/v1/test-runs").getLast();
        DependencyBundle bundle =
                fetchBundle(run.body().path("dependency_bundle").asText());
        assertThat(bundle.direct()).isEqualTo(Map.of(name, "1.0.0"));

        String missing = unique("gone");
        String broken = createWith(deps(missing, "1.0.0"));
        given().contentType(ContentType.JSON)
                .body("{\"payload\":{}}")
                .post(ACTIONS + "/" + broken + "/test")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("detail", containsString(missing));
    }
}
