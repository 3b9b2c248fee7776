package dev.openactions.executor.npm;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openactions.contracts.DependencyBundle;
import dev.openactions.localstack.HttpSink;
import dev.openactions.testsupport.HttpSinkResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real npm packages (the published tarballs in test-support) and the loader's rules, through the
 * executor's test-run endpoint: the bundle is served by a registry stand-in on 127.0.0.1, fetched by
 * hash, verified, and each action's result is checked.
 */
@QuarkusTest
@WithTestResource(BundleRegistryResource.class)
@WithTestResource(
        value = HttpSinkResource.class,
        initArgs = @ResourceArg(name = "property", value = "quarkus.rest-client.secrets-service.url"))
class NpmPackagesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @HttpSinkResource.InjectHttpSink
    HttpSink secretsService;

    @BeforeEach
    void noSecrets() {
        secretsService.respondWith(200, "{\"secrets\":{}}");
    }

    /** Runs {@code body} (the inside of an async post-login handler) and returns the test run's JSON. */
    static JsonNode run(DependencyBundle bundle, String body) {
        String hash = bundle == null ? null : BundleRegistryResource.publish(bundle);
        String code = "exports.onExecutePostLogin = async (event, api) => {\n" + body + "\n};";
        String request;
        try {
            request = JSON.writeValueAsString(Map.of(
                    "tenant_id",
                    "default",
                    "trigger_id",
                    "post-login",
                    "action_id",
                    "npm-act",
                    "action_name",
                    "npm-action",
                    "code",
                    code,
                    "event",
                    Map.of("user", Map.of("user_id", "u1")),
                    "dependency_bundle",
                    hash == null ? "" : hash));
            if (hash == null) {
                request = request.replace(",\"dependency_bundle\":\"\"", "").replace("\"dependency_bundle\":\"\",", "");
            }
            String response = given().contentType(ContentType.JSON)
                    .body(request)
                    .post("/internal/v1/test-runs")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            return JSON.readTree(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value the action passed to {@code api.idToken.setCustomClaim('result', …)}. */
    static JsonNode result(JsonNode run) {
        assertThat(run.path("error").isNull() || run.path("error").isMissingNode())
                .as("the action failed: %s", run.path("error"))
                .isTrue();
        for (JsonNode command : run.path("commands")) {
            if (command.path("args").path("name").asText().equals("result")) {
                return command.path("args").path("value");
            }
        }
        throw new AssertionError("no result claim in " + run);
    }

    static String error(JsonNode run) {
        return run.path("error").path("message").asText();
    }

    private static final String RESULT = "api.idToken.setCustomClaim('result', ";

    @Test
    void ms() {
        JsonNode run = run(NpmBundles.tree("ms@2.1.3"), RESULT + "[require('ms')('2h'), require('ms')(60000)]);");
        assertThat(result(run).toString()).isEqualTo("[7200000,\"1m\"]");
    }

    @Test
    void uuid() {
        JsonNode run = run(NpmBundles.tree("uuid@9.0.1"), """
                const { v4, v5, validate } = require('uuid');
                const id = v4();
                api.idToken.setCustomClaim('result', [validate(id), id[14], v5('hello', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')]);""");
        // v5 of 'hello' in the DNS namespace, as Node's uuid computes it
        assertThat(result(run).toString()).isEqualTo("[true,\"4\",\"9342d47a-1bab-5709-9869-c840b2eac501\"]");
    }

    @Test
    void lodashAndAPathInsideAPackage() {
        JsonNode run = run(NpmBundles.tree("lodash@4.18.1"), """
                const _ = require('lodash');
                const fp = require('lodash/fp');
                const get = require('lodash/get');
                api.idToken.setCustomClaim('result', [_.chunk([1, 2, 3, 4, 5], 2), fp.map((x) => x * 2)([1, 2]), get({ a: { b: 7 } }, 'a.b')]);""");
        assertThat(result(run).toString()).isEqualTo("[[[1,2],[3,4],[5]],[2,4],7]");
    }

    @Test
    void qs() {
        JsonNode run = run(NpmBundles.tree("qs@6.17.1"), """
                const qs = require('qs');
                api.idToken.setCustomClaim('result', [qs.parse('a[b]=c&d[]=1&d[]=2'), qs.stringify({ x: { y: 'z w' } })]);""");
        assertThat(result(run).toString()).isEqualTo("[{\"a\":{\"b\":\"c\"},\"d\":[\"1\",\"2\"]},\"x%5By%5D=z%20w\"]");
    }

    @Test
    void jsonwebtoken() {
        JsonNode run = run(NpmBundles.tree("jsonwebtoken@9.0.3"), """
                const jwt = require('jsonwebtoken');
                const token = jwt.sign({ sub: 'u1', role: 'admin' }, 'shared-secret', { algorithm: 'HS256', noTimestamp: true });
                const claims = jwt.verify(token, 'shared-secret');
                let refused = null;
                try { jwt.verify(token, 'another-secret'); } catch (e) { refused = e.message; }
                api.idToken.setCustomClaim('result', [token, claims.role, refused]);""");
        // HS256 of {"alg":"HS256","typ":"JWT"}.{"sub":"u1","role":"admin"} with 'shared-secret' (as Node's jsonwebtoken
        // signs it)
        assertThat(result(run).get(0).asText())
                .isEqualTo(
                        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1MSIsInJvbGUiOiJhZG1pbiJ9.tWOA2zx2ZK9lDoRvT_nT-kbzTDwBNuNl9VD6oPx9Kl0");
        assertThat(result(run).get(1).asText()).isEqualTo("admin");
        assertThat(result(run).get(2).asText()).isEqualTo("invalid signature");
    }

    @Test
    void jsonwebtokenRs256WithPemKeysOnTheJdk() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        String privatePem = pem("PRIVATE KEY", pair.getPrivate().getEncoded());
        String publicPem = pem("PUBLIC KEY", pair.getPublic().getEncoded());
        JsonNode run = run(NpmBundles.tree("jsonwebtoken@9.0.3"), """
                const jwt = require('jsonwebtoken');
                const token = jwt.sign({ sub: 'u1' }, %s, { algorithm: 'RS256', expiresIn: '5m' });
                const claims = jwt.verify(token, %s, { algorithms: ['RS256'] });
                let refused = null;
                try { jwt.verify(token.slice(0, -4) + 'AAAA', %s); } catch (e) { refused = e.message; }
                api.idToken.setCustomClaim('result', [token.split('.')[0], claims.sub, refused]);""".formatted(
                        JSON.writeValueAsString(privatePem),
                        JSON.writeValueAsString(publicPem),
                        JSON.writeValueAsString(publicPem)));
        String token = result(run).get(0).asText();
        assertThat(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8))
                .isEqualTo("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        assertThat(result(run).get(1).asText()).isEqualTo("u1");
        assertThat(result(run).get(2).asText()).isEqualTo("invalid signature");
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der) + "\n-----END " + label + "-----\n";
    }

    @Test
    void cryptoPbkdf2AndCiphersMatchNode() {
        // expected values computed by Node 20's crypto with the same inputs; Node's crypto is that of npm contexts
        JsonNode run = run(NpmBundles.tree("ms@2.1.3"), """
                const crypto = require('crypto');
                const key = Buffer.alloc(32, 7);
                const gcm = crypto.createCipheriv('aes-256-gcm', key, Buffer.alloc(12, 1));
                gcm.setAAD(Buffer.from('aad'));
                const sealed = gcm.update('secret message', 'utf8', 'hex') + gcm.final('hex');
                const tag = gcm.getAuthTag();
                const open = crypto.createDecipheriv('aes-256-gcm', key, Buffer.alloc(12, 1));
                open.setAAD(Buffer.from('aad')); open.setAuthTag(tag);
                const opened = open.update(sealed, 'hex', 'utf8') + open.final('utf8');
                const cbc = crypto.createCipheriv('aes-256-cbc', key, Buffer.alloc(16, 2));
                api.idToken.setCustomClaim('result', [crypto.pbkdf2Sync('password', 'salt', 1000, 32, 'sha256').toString('hex'),
                  sealed, tag.toString('hex'), opened, cbc.update('secret message', 'utf8', 'base64') + cbc.final('base64')]);""");
        assertThat(result(run).toString())
                .isEqualTo(
                        "[\"632c2812e46d4604102ba7618e9d6d7d2f8128f6266b4a03264d2a0460b7dcb3\","
                                + "\"0584eac5f5cbcc63b4a7af401752\",\"e458131c72ba43a2a645eaace0b2d3ac\",\"secret message\",\"0S3y8wP10AtQ4ryyz+rQ/g==\"]");
    }

    @Test
    void xml2js() {
        JsonNode run = run(NpmBundles.tree("xml2js@0.6.2"), """
                const xml2js = require('xml2js');
                const parsed = await xml2js.parseStringPromise('<user id="7"><name>Ada</name><role>admin</role><role>dev</role></user>');
                const xml = new xml2js.Builder({ headless: true, renderOpts: { pretty: false } }).buildObject({ ok: { value: 'yes' } });
                api.idToken.setCustomClaim('result', [parsed, xml]);""");
        assertThat(result(run).toString())
                .isEqualTo(
                        "[{\"user\":{\"$\":{\"id\":\"7\"},\"name\":[\"Ada\"],\"role\":[\"admin\",\"dev\"]}},\"<ok><value>yes</value></ok>\"]");
    }

    @Test
    void axiosCallsAServerThroughThePlatformsFetch() {
        try (HttpSink api = HttpSink.start()) {
            api.respondWith(200, "{\"plan\":\"pro\"}", Map.of("Content-Type", "application/json"));
            JsonNode run = run(NpmBundles.tree("axios@1.21.1"), """
                    const axios = require('axios');
                    const response = await axios.post('%s/users?x=1', { id: 'u1' }, { headers: { 'X-Trace': 't-1' } });
                    api.idToken.setCustomClaim('result', [response.status, response.data]);""".formatted(api.url()));
            assertThat(result(run).toString()).isEqualTo("[200,{\"plan\":\"pro\"}]");
            HttpSink.Received received = api.received().get(0);
            assertThat(received.method()).isEqualTo("POST");
            assertThat(received.path()).isEqualTo("/users?x=1");
            assertThat(received.body()).isEqualTo("{\"id\":\"u1\"}");
            assertThat(received.header("X-Trace")).isEqualTo("t-1");
        }
    }

    @Test
    void nodeSesTreeLoads() {
        JsonNode run = run(NpmBundles.tree("node-ses@3.0.3"), """
                const ses = require('node-ses');
                const client = ses.createClient({ key: 'k', secret: 's' });
                api.idToken.setCustomClaim('result', [typeof client.sendEmail, typeof require('request')]);""");
        assertThat(result(run).toString()).isEqualTo("[\"function\",\"function\"]");
    }

    // ---- the loader's rules, on hand-written packages --------------------------------------------

    private static final DependencyBundle EDGE = NpmBundles.of(Map.ofEntries(
            Map.entry("node_modules/exp/package.json", """
                    {"name":"exp","version":"1.0.0","exports":{".":{"import":"./esm.mjs","require":"./cjs.js"},"./feature":"./lib/feature.js","./data/*":"./data/*.json","./package.json":"./package.json"}}"""),
            Map.entry(
                    "node_modules/exp/cjs.js",
                    "exports.kind = 'cjs'; exports.file = __filename; exports.dir = __dirname;"),
            Map.entry(
                    "node_modules/exp/lib/feature.js", "module.exports = { feature: require('../data/one.json').n };"),
            Map.entry("node_modules/exp/data/one.json", "{\"n\": 1}"),
            Map.entry("node_modules/cyc/package.json", "{\"name\":\"cyc\",\"main\":\"lib/a\"}"),
            Map.entry(
                    "node_modules/cyc/lib/a.js",
                    "exports.early = 'a-early'; const b = require('./b'); exports.seenByB = b.seen; exports.done = true;"),
            Map.entry(
                    "node_modules/cyc/lib/b.js",
                    "const a = require('./a.js'); exports.seen = [a.early, a.done === true];"),
            Map.entry("node_modules/needs-fs/index.js", """
                    const fs = require('fs'); const net = require('node:net'); require('child_process'); require('tls'); require('dns');
                    module.exports = () => fs.readFileSync('/etc/passwd', 'utf8');"""),
            Map.entry("node_modules/escaper/index.js", "module.exports = (p) => require(p);"),
            Map.entry("node_modules/@scope/pkg/package.json", "{\"name\":\"@scope/pkg\",\"version\":\"2.0.0\"}"),
            Map.entry(
                    "node_modules/@scope/pkg/index.js",
                    "module.exports = 'scoped ' + require('./package.json').version;"),
            Map.entry("node_modules/dep-a/index.js", "module.exports = require('shared');"),
            Map.entry("node_modules/dep-a/node_modules/shared/index.js", "module.exports = 'nested';"),
            Map.entry("node_modules/shared/index.js", "module.exports = 'hoisted';")));

    @Test
    void exportsMapsWithTheRequireCondition() {
        JsonNode run = run(EDGE, """
                const exp = require('exp');
                let hidden = null;
                try { require('exp/lib/feature.js'); } catch (e) { hidden = e.code; }
                api.idToken.setCustomClaim('result', [exp.kind, exp.file, exp.dir, require('exp/feature').feature, require('exp/data/one').n,
                  require('exp/package.json').version, hidden]);""");
        assertThat(result(run).toString())
                .isEqualTo(
                        "[\"cjs\",\"/node_modules/exp/cjs.js\",\"/node_modules/exp\",1,1,\"1.0.0\",\"ERR_PACKAGE_PATH_NOT_EXPORTED\"]");
    }

    @Test
    void cyclesSeePartialExportsAndModulesAreEvaluatedOnce() {
        JsonNode run = run(EDGE, """
                const a = require('cyc');
                api.idToken.setCustomClaim('result', [a.seenByB, a.done, require('cyc/lib/a') === a, require('cyc/lib/b.js').seen.length]);""");
        assertThat(result(run).toString()).isEqualTo("[[\"a-early\",false],true,true,2]");
    }

    @Test
    void scopedPackagesJsonAndNestedVersions() {
        JsonNode run = run(EDGE, RESULT + "[require('@scope/pkg'), require('dep-a'), require('shared')]);");
        assertThat(result(run).toString()).isEqualTo("[\"scoped 2.0.0\",\"nested\",\"hoisted\"]");
    }

    @Test
    void modulesWithoutRealAccessLoadButTheirOperationsFail() {
        JsonNode run = run(EDGE, """
                const read = require('needs-fs');
                let message = null;
                try { read(); } catch (e) { message = e.message; }
                api.idToken.setCustomClaim('result', message);""");
        assertThat(result(run).asText()).isEqualTo("fs.readFileSync is not available in actions (no fs access)");
    }

    @Test
    void nothingOutsideTheBundleIsReachable() {
        JsonNode run = run(EDGE, """
                const escape = require('escaper');
                const tries = ['../../x', '/etc/passwd', '../../../../../../etc/passwd', '/node_modules/../../../etc/hosts',
                  'exp/../../../etc/passwd', '..', '@scope/../../etc/passwd', 'missing-package'];
                const outcomes = [];
                for (const t of tries) {
                  for (const req of [require, escape]) {
                    try { req(t); outcomes.push('loaded ' + t); } catch (e) { outcomes.push(e.code); }
                  }
                }
                api.idToken.setCustomClaim('result', [...new Set(outcomes)]);""");
        // nothing loads; a path through a package with an exports map is refused by the map itself
        assertThat(result(run))
                .extracting(JsonNode::asText)
                .containsOnly("MODULE_NOT_FOUND", "ERR_PACKAGE_PATH_NOT_EXPORTED");
    }

    @Test
    void aBundleWhoseFilesDoNotMatchItsHashIsRefused() {
        DependencyBundle honest = NpmBundles.tree("ms@2.1.3");
        Map<String, String> tampered = new HashMap<>(honest.files());
        tampered.put("node_modules/ms/index.js", "module.exports = () => 'tampered';");
        String hash = "0".repeat(63) + "1";
        try {
            BundleRegistryResource.serveRaw(
                    hash,
                    JSON.writeValueAsString(new DependencyBundle(hash, Map.of(), tampered))
                            .getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String request = """
                {"tenant_id":"default","trigger_id":"post-login","action_id":"npm-act","action_name":"npm-action",
                 "code":"exports.onExecutePostLogin = async (event, api) => { api.idToken.setCustomClaim('result', require('ms')(1000)); };",
                 "event":{},"dependency_bundle":"%s"}""".formatted(hash);
        given().contentType(ContentType.JSON)
                .body(request)
                .post("/internal/v1/test-runs")
                .then()
                .statusCode(200)
                .body("status", Matchers.equalTo("failed"))
                .body("error.message", Matchers.containsString("integrity check"));
        assertThat(BundleRegistryResource.AUTHORIZATIONS).allMatch(h -> h.startsWith("Bearer "));
    }

    @Test
    void buildsLoadTheDependenciesToo() {
        String hash = BundleRegistryResource.publish(NpmBundles.tree("ms@2.1.3"));
        given().contentType(ContentType.JSON)
                .body(
                        "{\"trigger_id\":\"post-login\",\"dependency_bundle\":\"" + hash + "\",\"code\":"
                                + "\"const ms = require('ms'); if (ms('1s') !== 1000) throw new Error('wrong ms'); exports.onExecutePostLogin = async () => {};\"}")
                .post("/internal/v1/builds")
                .then()
                .statusCode(200)
                .body("built", Matchers.equalTo(true));
        given().contentType(ContentType.JSON)
                .body(
                        "{\"trigger_id\":\"post-login\",\"code\":\"require('ms'); exports.onExecutePostLogin = async () => {};\"}")
                .post("/internal/v1/builds")
                .then()
                .statusCode(200)
                .body("built", Matchers.equalTo(false))
                .body("errors[0].msg", Matchers.containsString("Cannot find module 'ms'"));
    }
}
