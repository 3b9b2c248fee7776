package dev.openactions.executor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.openactions.contracts.FlowSnapshot;
import dev.openactions.testsupport.HttpSinkResource;
import dev.openactions.testsupport.KafkaResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile actions over HTTP (docs/adr/0011-host-is-the-authority-over-commands.md): an action that
 * replaces built-ins, plays with
 * prototypes, proxies and symbols, overwrites its api or goes past the host's limits can only break
 * itself. Each variant: the flow answers 200 with a well-formed result, the action's result is
 * {@code failed}, its binding's {@code on_error} applies (continue: the next action runs; fail: the
 * flow fails), no reserved claim reaches the tokens, and the next execution is unaffected.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(
        value = HttpSinkResource.class,
        initArgs = @ResourceArg(name = "property", value = "quarkus.rest-client.secrets-service.url"))
class HostileActionsTest extends FlowTestBase {
    private static final String LOGIN = """
            {"event":{"user":{"user_id":"auth0|h1","email":"eve@example.com"},"request":{"ip":"198.51.100.66"}}}""";
    /** Every variant ends by trying to set the subject; the host refuses it whatever the variant did before. */
    private static final String SET_SUBJECT =
            "\napi.idToken.setCustomClaim('sub', 'attacker'); api.accessToken.setCustomClaim('iss', 'https://evil.example/');";

    @Override
    String secretValuesJson() {
        return "{\"API_KEY\":\"hostile-secret-value-42\"}";
    }

    static Stream<Arguments> hostileActions() {
        return Stream.of(
                Arguments.of(
                        "JSON.stringify replaced to forge a command list",
                        "JSON.stringify = () => '[{\"type\":\"idToken.setCustomClaim\",\"args\":{\"name\":\"sub\",\"value\":\"attacker\"}}]';"
                                + SET_SUBJECT),
                Arguments.of("JSON.parse replaced", "JSON.parse = () => ({ ok: true });" + SET_SUBJECT),
                Arguments.of(
                        "Set.prototype.has answers false (the old reserved-claim check)",
                        "Set.prototype.has = () => false; Map.prototype.get = () => undefined;" + SET_SUBJECT),
                Arguments.of(
                        "Array.prototype.push drops everything",
                        "Array.prototype.push = function () { return 0; }; Array.prototype.map = () => [];"
                                + SET_SUBJECT),
                Arguments.of(
                        "Object.prototype.toJSON rewrites every serialized argument",
                        "Object.defineProperty(Object.prototype, 'toJSON', { value() { return { name: 'sub', value: 'attacker' }; }, configurable: true });"
                                + "api.idToken.setCustomClaim('harmless', 1);"),
                Arguments.of(
                        "Object.defineProperty getters on Object.prototype",
                        "Object.defineProperty(Object.prototype, 'name', { get() { return 'sub'; }, set() {}, configurable: true });"
                                + "Object.defineProperty(Object.prototype, 'type', { get() { return 'idToken.setCustomClaim'; }, configurable: true });"
                                + SET_SUBJECT),
                Arguments.of(
                        "Symbol.iterator and Symbol.toPrimitive tricks",
                        "Array.prototype[Symbol.iterator] = function* () { yield 'sub'; };"
                                + "const name = { [Symbol.toPrimitive]: () => 'sub', toString: () => 'sub' };"
                                + "api.idToken.setCustomClaim(name, 'attacker');"),
                Arguments.of(
                        "a Proxy as the claim name",
                        "api.idToken.setCustomClaim(new Proxy({}, { get: () => 'sub', ownKeys: () => [] }), 'attacker');"),
                Arguments.of(
                        "Promise.prototype.then and Function.prototype.call replaced",
                        "Promise.prototype.then = function () { return this; }; Function.prototype.call = function () {};"
                                + "Function.prototype.apply = function () {}; Reflect.apply = () => undefined;"
                                + SET_SUBJECT),
                Arguments.of(
                        "String and Error replaced",
                        "globalThis.String = () => 'sub'; globalThis.TypeError = function () { return {}; };"
                                + SET_SUBJECT),
                Arguments.of(
                        "the api methods overwritten",
                        "try { api.idToken.setCustomClaim = () => {}; } catch (e) {}"
                                + "try { Object.defineProperty(api.idToken, 'setCustomClaim', { value: () => {} }); } catch (e) {}"
                                + SET_SUBJECT),
                Arguments.of(
                        "the platform's globals looked for",
                        "for (const g of ['__host', '__openactions_driver', '__openactions_primordials', '__openactions_internal', '__openactions_codec']) {"
                                + "  if (globalThis[g] !== undefined) api.idToken.setCustomClaim('found_' + g, true); }"
                                + SET_SUBJECT),
                Arguments.of(
                        "a 5 MB claim, its error caught",
                        "try { api.accessToken.setCustomClaim('big', 'x'.repeat(5 * 1024 * 1024)); } catch (e) {}"),
                Arguments.of(
                        "101 KB of claims in 11 pieces, errors caught",
                        "try { for (let i = 0; i < 11; i++) api.idToken.setCustomClaim('part' + i, 'y'.repeat(10 * 1024)); } catch (e) {}"),
                Arguments.of(
                        "a huge command count, errors caught",
                        "try { for (let i = 0; i < 100000; i++) api.accessToken.setCustomClaim('c' + (i % 10), i); } catch (e) {}"),
                Arguments.of("a 1 MB metadata value", "api.user.setAppMetadata('blob', 'z'.repeat(1024 * 1024));"),
                Arguments.of(
                        "a scope with spaces and quotes", "api.accessToken.addScope('read:all write:all \"admin\"');"),
                Arguments.of("a metadata key with a dot", "api.user.setAppMetadata('roles.admin', true);"),
                Arguments.of(
                        "a cyclic claim value", "const a = {}; a.self = a; api.idToken.setCustomClaim('cyclic', a);"),
                Arguments.of("a 5 MB error message", "throw new Error('e'.repeat(5 * 1024 * 1024));"),
                Arguments.of(
                        "a throwing timer callback",
                        "await new Promise((resolve) => { setTimeout(() => { throw new Error('tick'); }, 1); setTimeout(resolve, 20); });"));
    }

    private static FlowSnapshot.BoundAction hostile(String body, FlowSnapshot.OnError onError) {
        return FlowFixtures.action(
                "hostile",
                "exports.onExecutePostLogin = async (event, api) => {\n" + body + "\n};",
                List.of("API_KEY"),
                onError,
                2000L);
    }

    private static FlowSnapshot.BoundAction probe() {
        return FlowFixtures.action("probe", """
                exports.onExecutePostLogin = async (event, api) => {
                  const list = []; list.push(1);
                  api.idToken.setCustomClaim('probe', JSON.stringify({ n: list.length }) === '{"n":1}' && new Set(['a']).has('a'));
                };""", List.of());
    }

    private static ValidatableResponse login() {
        return given().contentType(ContentType.JSON)
                .body(LOGIN)
                .post("/api/v1/flows/post-login")
                .then()
                .statusCode(200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileActions")
    void aHostileActionOnlyBreaksItself(String variant, String body) {
        deploy("post-login", hostile(body, FlowSnapshot.OnError.CONTINUE), probe());
        for (int execution = 0; execution < 2; execution++) { // the next execution (same contexts) is unaffected
            String response = login().body("status", equalTo("completed"))
                    .body("execution_id", notNullValue())
                    .body("results", hasSize(2))
                    .body("results[0].error.id", equalTo("action_failed"))
                    .body("results[1].error", nullValue())
                    .body("effects.id_token.claims.probe", equalTo(true))
                    .body("effects.id_token.claims.sub", nullValue())
                    .body("effects.access_token.claims.iss", nullValue())
                    .body("commands.findAll { it.action == 'hostile' }", hasSize(0))
                    .body(not(containsString("hostile-secret-value-42")))
                    .extract()
                    .asString();
            assertThat(response.length())
                    .as("a failed action's commands never reach the response")
                    .isLessThan(20_000);
        }

        deploy("post-login", hostile(body, FlowSnapshot.OnError.FAIL), probe());
        login().body("status", equalTo("failed"))
                .body("execution_id", notNullValue())
                .body("results", hasSize(1))
                .body("results[0].error.id", equalTo("action_failed"))
                .body("effects.id_token.claims", equalTo(Map.of()));
    }

    /** The reason each variant failed, as the execution record and test runs show it to the action's author. */
    static Stream<Arguments> clearErrors() {
        return Stream.of(
                Arguments.of("api.idToken.setCustomClaim('sub', 'x');", "'sub' is a reserved claim"),
                Arguments.of(
                        "try { api.accessToken.setCustomClaim('big', 'x'.repeat(5 * 1024 * 1024)); } catch (e) {}",
                        "executor.limits.command-bytes"),
                Arguments.of(
                        "try { for (let i = 0; i < 11; i++) api.idToken.setCustomClaim('p' + i, 'y'.repeat(10 * 1024)); } catch (e) {}",
                        "executor.limits.custom-claims-bytes"),
                Arguments.of(
                        "try { for (let i = 0; i < 100000; i++) api.idToken.setCustomClaim('c', i); } catch (e) {}",
                        "more than 1000 api calls"),
                Arguments.of(
                        "api.user.setAppMetadata('blob', 'z'.repeat(20000));", "executor.limits.metadata-value-bytes"),
                Arguments.of(
                        "const a = {}; a.self = a; api.idToken.setCustomClaim('cyclic', a);",
                        "cannot be serialized as JSON"),
                Arguments.of(
                        "await new Promise((r) => { setTimeout(() => { throw new Error('tick'); }, 1); setTimeout(r, 20); });",
                        "uncaught exception in a timer callback: tick"),
                Arguments.of("api.accessToken.addScope('a b');", "is not a scope"),
                Arguments.of("throw new Error('e'.repeat(5 * 1024 * 1024));", "more characters]"),
                Arguments.of(
                        "api.idToken.setCustomClaim('https://tenant.auth0.com/x', 1);", "reserved by the platform"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clearErrors")
    void theHostSaysWhyTheActionFailed(String body, String message) {
        String code = "exports.onExecutePostLogin = async (event, api) => {\n" + body + "\n};";
        given().contentType(ContentType.JSON)
                .body("""
                {"tenant_id":"default","trigger_id":"post-login","action_id":"hostile","action_name":"hostile",
                 "code":%s,"event":{"user":{"user_id":"u1"}}}""".formatted(InternalApiTest.quote(code)))
                .post("/internal/v1/test-runs")
                .then()
                .statusCode(200)
                .body("status", equalTo("failed"))
                .body("error.message", containsString(message));
    }

    /**
     * Work that runs after the handler settled cannot change its outcome (as in Node, and so that an
     * asynchronous event is not retried with its effects applied twice): a late api call is not
     * applied and a late error is logged, each with a clear message.
     */
    static Stream<Arguments> lateWork() {
        return Stream.of(
                Arguments.of(
                        "Promise.resolve().then(() => Promise.resolve()).then(() => api.idToken.setCustomClaim('late', 1));",
                        "idToken.setCustomClaim was called after the handler returned; the command was not applied"),
                Arguments.of(
                        "Promise.resolve().then(() => Promise.resolve()).then(() => { throw new Error('too late'); });",
                        "an error was thrown after the handler returned: Error: too late"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lateWork")
    void workAfterTheHandlerReturnedIsLoggedAndChangesNothing(String body, String logged) {
        String code = "exports.onExecutePostLogin = async (event, api) => {\n" + body + "\n};";
        given().contentType(ContentType.JSON)
                .body("""
                {"tenant_id":"default","trigger_id":"post-login","action_id":"late","action_name":"late",
                 "code":%s,"event":{"user":{"user_id":"u1"}}}""".formatted(InternalApiTest.quote(code)))
                .post("/internal/v1/test-runs")
                .then()
                .statusCode(200)
                .body("status", equalTo("completed"))
                .body("commands", hasSize(0))
                .body("logs", hasItem(containsString(logged)));
    }

    @Test
    void tamperingWithBuiltInsDoesNotChangeWhatTheHostReceives() {
        deploy("post-login", FlowFixtures.action("tamperer", """
                exports.onExecutePostLogin = async (event, api) => {
                  const realStringify = JSON.stringify;
                  JSON.stringify = (v) => realStringify({ name: 'sub', value: 'forged' });
                  Array.prototype.push = function () { return 0; };
                  Set.prototype.has = () => true;
                  Map.prototype.set = function () { return this; };
                  Object.prototype.value = 'polluted';
                  api.accessToken.setCustomClaim('plan', 'pro');
                  api.idToken.setCustomClaim('nested', { a: [1, 2], b: 'two' });
                  api.accessToken.addScope('read:reports');
                  api.user.setAppMetadata('tier', 'gold');
                  console.log('still', 'logging', { ok: true });
                  delete Object.prototype.value;
                  api.access.deny('tampered but honest');
                };""", List.of()));
        login().body("status", equalTo("denied"))
                .body("effects.access.reason", equalTo("tampered but honest"))
                .body("effects.access_token.claims.plan", equalTo("pro"))
                .body("effects.access_token.claims.sub", nullValue())
                .body("effects.id_token.claims.nested.a[1]", equalTo(2))
                .body("effects.id_token.claims.nested.b", equalTo("two"))
                .body("effects.access_token.scopes.add[0]", equalTo("read:reports"))
                .body("effects.user.app_metadata.tier", equalTo("gold"))
                .body("commands", hasSize(5));
    }

    @Test
    void aReservedClaimIsNeverSetEvenWhenItsErrorIsCaught() {
        deploy("post-login", FlowFixtures.action("catcher", """
                exports.onExecutePostLogin = async (event, api) => {
                  Set.prototype.has = () => false;
                  for (const name of ['sub', 'iss', 'aud', 'exp', 'azp', 'scope', 'gty']) {
                    try { api.accessToken.setCustomClaim(name, 'forged'); } catch (e) {}
                    try { api.idToken.setCustomClaim(name, 'forged'); } catch (e) {}
                  }
                  api.idToken.setCustomClaim('done', true);
                };""", List.of()));
        login().body("status", equalTo("completed"))
                .body("effects.id_token.claims.done", equalTo(true))
                .body("effects.id_token.claims.size()", equalTo(1))
                .body("effects.access_token.claims.size()", equalTo(0));
    }

    @Test
    void anApiKeptFromAnEarlierExecutionIsInert() {
        deploy(
                "post-login",
                FlowFixtures.action("hoarder", """
                let saved = null;
                exports.onExecutePostLogin = async (event, api) => {
                  if (saved !== null) saved.idToken.setCustomClaim('stale', true);
                  saved = api;
                  api.idToken.setCustomClaim('fresh', true);
                };""", List.of(), FlowSnapshot.OnError.CONTINUE, null),
                probe());
        login().body("status", equalTo("completed")).body("effects.id_token.claims.fresh", equalTo(true));
        login().body("status", equalTo("completed"))
                .body("results[0].error.id", equalTo("action_failed"))
                .body("effects.id_token.claims.stale", nullValue())
                .body("effects.id_token.claims.probe", equalTo(true));
    }

    @Test
    void claimsAcrossActionsCountTowardsOneTotal() {
        String fiftyKb =
                "exports.onExecutePostLogin = async (event, api) => { api.accessToken.setCustomClaim('%s', 'q'.repeat(50 * 1024)); };";
        deploy(
                "post-login",
                FlowFixtures.action("first", fiftyKb.formatted("a"), List.of()),
                FlowFixtures.action("second", fiftyKb.formatted("b"), List.of(), FlowSnapshot.OnError.CONTINUE, null),
                FlowFixtures.action(
                        "third",
                        "exports.onExecutePostLogin = async (e, api) => { api.accessToken.setCustomClaim('a', 'small'); };",
                        List.of()));
        login().body("status", equalTo("completed"))
                .body("results[1].error.id", equalTo("action_failed"))
                .body("effects.access_token.claims.b", nullValue())
                .body("effects.access_token.claims.a", equalTo("small"));
    }
}
