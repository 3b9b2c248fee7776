package dev.openactions.executor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openactions.executor.runtime.ActionCode;
import dev.openactions.executor.runtime.ActionSandbox;
import dev.openactions.executor.runtime.ExecutionOutcome;
import dev.openactions.testsupport.HttpSinkResource;
import dev.openactions.testsupport.KafkaResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** The globals and built-in modules actions get, and the sandbox's limits, run in the real engine. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(
        value = HttpSinkResource.class,
        initArgs = @ResourceArg(name = "property", value = "quarkus.rest-client.secrets-service.url"))
class SandboxRuntimeTest {
    @Inject
    ActionSandbox sandbox;

    private ExecutionOutcome run(String tenant, String body) {
        String code = "exports.onExecutePostLogin = async (event, api) => {\n" + body + "\n};";
        return sandbox.run(
                new ActionCode("a1", "test", 1, code),
                "onExecutePostLogin",
                tenant,
                "post-login",
                "{\"user\":{\"user_id\":\"u1\"}}",
                Duration.ofSeconds(5));
    }

    /** Runs the body and returns the claims it set with {@code api.accessToken.setCustomClaim}. */
    private Map<String, JsonNode> claims(String body) {
        ExecutionOutcome outcome = run("tenant-a", body);
        assertThat(outcome.failure()).as("failure").isNull();
        Map<String, JsonNode> claims = new LinkedHashMap<>();
        outcome.commands()
                .forEach(
                        c -> claims.put(c.args().path("name").asText(), c.args().path("value")));
        return claims;
    }

    private static String claim(String name, String expression) {
        return "api.accessToken.setCustomClaim('" + name + "', " + expression + ");\n";
    }

    @Test
    void nodeCryptoHashesAndHmacsLikeNode() {
        Map<String, JsonNode> c = claims(
                "const crypto = require('crypto');\n"
                        + claim("sha256", "crypto.createHash('sha256').update('abc').digest('hex')")
                        + claim(
                                "hmac",
                                "crypto.createHmac('sha256', 'key').update('The quick brown fox jumps over the lazy dog').digest('hex')")
                        + claim(
                                "sha1b64",
                                "require('node:crypto').createHash('sha1').update(Buffer.from('abc')).digest('base64')")
                        + claim("random", "crypto.randomBytes(16).length")
                        + claim(
                                "uuid",
                                "/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(crypto.randomUUID())")
                        + claim(
                                "safeEqual",
                                "crypto.timingSafeEqual(Buffer.from('abc'), Buffer.from('abc')) && !crypto.timingSafeEqual(Buffer.from('abc'), Buffer.from('abd'))"));
        assertThat(c.get("sha256").asText())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(c.get("hmac").asText())
                .isEqualTo("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
        assertThat(c.get("sha1b64").asText()).isEqualTo("qZk+NkcGgWq6PiVxeFDCbJzQ2J0=");
        assertThat(c.get("random").asInt()).isEqualTo(16);
        assertThat(c.get("uuid").asBoolean()).isTrue();
        assertThat(c.get("safeEqual").asBoolean()).isTrue();
    }

    @Test
    void encodingGlobalsRoundTrip() {
        Map<String, JsonNode> c = claims(
                ""
                        + claim("b64", "Buffer.from('hello').toString('base64')")
                        + claim("fromB64", "Buffer.from('aGVsbG8=', 'base64').toString()")
                        + claim("hex", "Buffer.from('hi').toString('hex')")
                        + claim("btoa", "btoa('hello')")
                        + claim("atob", "atob('aGVsbG8=')")
                        + claim("utf8", "new TextDecoder().decode(new TextEncoder().encode('héllo €🙂'))")
                        + claim("utf8Bytes", "new TextEncoder().encode('€').length")
                        + claim(
                                "clone",
                                "(() => { const o = {a: {b: [1, 2]}}; const k = structuredClone(o); k.a.b.push(3); return o.a.b.length; })()"));
        assertThat(c.get("b64").asText()).isEqualTo("aGVsbG8=");
        assertThat(c.get("fromB64").asText()).isEqualTo("hello");
        assertThat(c.get("hex").asText()).isEqualTo("6869");
        assertThat(c.get("btoa").asText()).isEqualTo("aGVsbG8=");
        assertThat(c.get("atob").asText()).isEqualTo("hello");
        assertThat(c.get("utf8").asText()).isEqualTo("héllo €🙂");
        assertThat(c.get("utf8Bytes").asInt()).isEqualTo(3);
        assertThat(c.get("clone").asInt()).isEqualTo(2);
    }

    @Test
    void urlQuerystringAndUtil() {
        Map<String, JsonNode> c = claims("const u = new URL('https://Example.com:8443/a/b?x=1&y=two#frag');\n"
                + claim("host", "u.hostname + '|' + u.port + '|' + u.pathname + '|' + u.hash")
                + claim("param", "u.searchParams.get('y')")
                + claim(
                        "rebuilt",
                        "(() => { const v = new URL('/cb?state=1', 'https://idp.example'); v.searchParams.set('code', 'a b'); return v.href; })()")
                + claim("qs", "require('querystring').stringify({a: 1, b: ['x', 'y']})")
                + claim("qsParse", "require('querystring').parse('a=1&b=x&b=y').b.join(',')")
                + claim("format", "require('util').format('%s=%d', 'n', 5)")
                + claim(
                        "invalid",
                        "(() => { try { new URL('not a url'); return 'parsed'; } catch (e) { return e.name; } })()"));
        assertThat(c.get("host").asText()).isEqualTo("example.com|8443|/a/b|#frag");
        assertThat(c.get("param").asText()).isEqualTo("two");
        assertThat(c.get("rebuilt").asText()).isEqualTo("https://idp.example/cb?state=1&code=a+b");
        assertThat(c.get("qs").asText()).isEqualTo("a=1&b=x&b=y");
        assertThat(c.get("qsParse").asText()).isEqualTo("x,y");
        assertThat(c.get("format").asText()).isEqualTo("n=5");
        assertThat(c.get("invalid").asText()).isEqualTo("TypeError");
    }

    @Test
    void timersRunAndTheHandlerAwaitsThem() {
        Map<String, JsonNode> c = claims("""
                const start = Date.now();
                await new Promise((resolve) => setTimeout(resolve, 50));
                let ticks = 0;
                await new Promise((resolve) => { const id = setInterval(() => { if (++ticks === 3) { clearInterval(id); resolve(); } }, 5); });
                const cancelled = setTimeout(() => api.accessToken.setCustomClaim('cancelled', 'ran'), 1);
                clearTimeout(cancelled);
                """ + claim("waited", "Date.now() - start >= 50") + claim("ticks", "ticks"));
        assertThat(c.get("waited").asBoolean()).isTrue();
        assertThat(c.get("ticks").asInt()).isEqualTo(3);
        assertThat(c).doesNotContainKey("cancelled");
    }

    @Test
    void hostAndEngineInternalsAreNotReachable() {
        Map<String, JsonNode> c = claims(
                claim(
                                "globals",
                                "[typeof Java, typeof Polyglot, typeof load, typeof print, typeof Graal, typeof process, typeof __host, typeof __hostCrypto].join(',')")
                        + claim(
                                "missingModule",
                                "(() => { try { require('child_process'); return 'loaded'; } catch (e) { return e.code; } })()"));
        assertThat(c.get("globals").asText())
                .isEqualTo("undefined,undefined,undefined,undefined,undefined,undefined,undefined,undefined");
        assertThat(c.get("missingModule").asText()).isEqualTo("MODULE_NOT_FOUND");
    }

    @Test
    void apiCacheKeepsValuesPerTenantWithAuth0Limits() {
        Map<String, JsonNode> first = claims(claim("set", "api.cache.set('greeting', 'hi', {ttl: 60000}).type")
                + claim("tooLongKey", "api.cache.set('k'.repeat(65), 'v').code")
                + claim("tooBigValue", "api.cache.set('big', 'v'.repeat(4097)).code")
                + claim("expired", "api.cache.set('old', 'v', {expires_at: Date.now() - 1}).code")
                + claim("tooLong", "api.cache.set('long', 'v', {ttl: 25 * 3600 * 1000}).code"));
        assertThat(first.get("set").asText()).isEqualTo("success");
        assertThat(first.get("tooLongKey").asText()).isEqualTo("CacheKeySizeExceeded");
        assertThat(first.get("tooBigValue").asText()).isEqualTo("CacheValueSizeExceeded");
        assertThat(first.get("expired").asText()).isEqualTo("ItemAlreadyExpired");
        assertThat(first.get("tooLong").asText()).isEqualTo("InvalidExpiry");

        Map<String, JsonNode> later = claims(
                claim("value", "api.cache.get('greeting').value")
                        + claim("missing", "api.cache.get('nothing') === undefined")
                        + claim(
                                "full",
                                "(() => { let r; for (let i = 0; i < 25; i++) { r = api.cache.set('k' + i, 'v'); if (r.type === 'error') return r.code; } return 'never full'; })()"));
        assertThat(later.get("value").asText()).isEqualTo("hi");
        assertThat(later.get("missing").asBoolean()).isTrue();
        assertThat(later.get("full").asText()).isEqualTo("CacheSizeExceeded");

        ExecutionOutcome otherTenant = run("tenant-b", claim("seen", "api.cache.get('greeting') === undefined"));
        assertThat(otherTenant.commands().get(0).args().path("value").asBoolean())
                .isTrue();
    }

    @Test
    void moduleScopeCarriesOverBetweenExecutionsOfOneVersionButNeverAcrossTenantsOrVersions() {
        String code =
                "let count = 0;\nexports.onExecutePostLogin = async (event, api) => { count++; api.idToken.setCustomClaim('count', count); };";
        BiFunction<String, Integer, Integer> runAs = (tenant, version) -> sandbox.run(
                        new ActionCode("counter", "counter", version, code),
                        "onExecutePostLogin",
                        tenant,
                        "post-login",
                        "{\"user\":{}}",
                        Duration.ofSeconds(5))
                .commands()
                .get(0)
                .args()
                .path("value")
                .asInt();
        assertThat(runAs.apply("tenant-x", 1)).isEqualTo(1);
        assertThat(runAs.apply("tenant-x", 1)).isEqualTo(2);
        assertThat(runAs.apply("tenant-y", 1))
                .as("another tenant, same action id and code")
                .isEqualTo(1);
        assertThat(runAs.apply("tenant-x", 2)).as("another version").isEqualTo(1);
        assertThat(runAs.apply("tenant-x", 1)).isEqualTo(3);
    }

    @Test
    void aContextStoppedByItsWatchdogIsNeverReused() {
        String code =
                "let runs = 0;\nexports.onExecutePostLogin = async (event, api) => { runs++; api.idToken.setCustomClaim('runs', runs); if (event.spin) { while (true) {} } };";
        ActionCode action = new ActionCode("spinner", "spinner", 1, code);
        assertThat(sandbox.run(action, "onExecutePostLogin", "tenant-s", "post-login", "{}", Duration.ofSeconds(5))
                        .commands()
                        .get(0)
                        .args()
                        .path("value")
                        .asInt())
                .isEqualTo(1);
        ExecutionOutcome spun = sandbox.run(
                action, "onExecutePostLogin", "tenant-s", "post-login", "{\"spin\":true}", Duration.ofMillis(300));
        assertThat(spun.failure().kind()).isEqualTo(ExecutionOutcome.Failure.Kind.TIMEOUT);
        assertThat(sandbox.run(action, "onExecutePostLogin", "tenant-s", "post-login", "{}", Duration.ofSeconds(5))
                        .commands()
                        .get(0)
                        .args()
                        .path("value")
                        .asInt())
                .as("a fresh context: module scope starts over")
                .isEqualTo(1);
    }

    @Test
    void topLevelErrorsFailEveryExecutionOfThatVersion() {
        ActionCode broken = new ActionCode(
                "broken-top",
                "broken-top",
                1,
                "throw new Error('missing config');\nexports.onExecutePostLogin = async () => {};");
        for (int i = 0; i < 2; i++) {
            ExecutionOutcome outcome =
                    sandbox.run(broken, "onExecutePostLogin", "tenant-t", "post-login", "{}", Duration.ofSeconds(5));
            assertThat(outcome.failure().message()).contains("missing config");
        }
    }

    @Test
    void anAllocationBombEndsThatExecutionOnly() {
        ExecutionOutcome bomb =
                run("tenant-a", "const hoard = []; while (true) { hoard.push(new Array(10000).fill('x')); }");
        assertThat(bomb.failure()).isNotNull();
        assertThat(bomb.failure().kind()).isEqualTo(ExecutionOutcome.Failure.Kind.LIMIT);
        assertThat(claims(claim("alive", "true")).get("alive").asBoolean()).isTrue();
    }
}
