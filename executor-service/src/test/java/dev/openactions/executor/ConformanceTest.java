package dev.openactions.executor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.openactions.contracts.FlowSnapshot;
import dev.openactions.localstack.HttpSink;
import dev.openactions.testsupport.HttpSinkResource;
import dev.openactions.testsupport.KafkaResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * Trigger conformance over HTTP against the running service: api methods with their argument
 * validation, chain semantics, the redirect round trip, and hostile code.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(
        value = HttpSinkResource.class,
        initArgs = @ResourceArg(name = "property", value = "quarkus.rest-client.secrets-service.url"))
class ConformanceTest extends FlowTestBase {
    private static final String USER = "{\"user_id\":\"auth0|7\",\"email\":\"grace@example.com\"}";
    private static final String LOGIN = "{\"event\":{\"user\":" + USER
            + ",\"request\":{\"ip\":\"198.51.100.9\",\"hostname\":\"login.example.com\",\"query\":{\"state\":\"st-1\"}}}}";

    @Override
    String secretValuesJson() {
        return "{\"TOKEN_SECRET\":\"redirect-signing-secret-0123456789\"}";
    }

    private void deployLogin(String body) {
        deploy(
                "post-login",
                FlowFixtures.action(
                        "under-test",
                        "exports.onExecutePostLogin = async (event, api) => {\n" + body + "\n};",
                        List.of("TOKEN_SECRET")));
    }

    private static ValidatableResponse call(String trigger, String body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/flows/" + trigger)
                .then()
                .statusCode(200);
    }

    private static ValidatableResponse login() {
        return call("post-login", LOGIN);
    }

    /** Runs {@code expression} inside a try and records the error message (or 'no error') as claim 'caught'. */
    private static String catching(String statement) {
        return "try { " + statement + "; api.accessToken.setCustomClaim('caught', 'no error'); } "
                + "catch (e) { api.accessToken.setCustomClaim('caught', e.name + ': ' + e.message); }";
    }

    // ---- post-login --------------------------------------------------------------------------

    @Test
    void redirectSuspendsAndContinueResumesTheSameActionThenTheRest() {
        deploy(
                "post-login",
                FlowFixtures.action("mfa-redirect", """
                        exports.onExecutePostLogin = async (event, api) => {
                          api.accessToken.setCustomClaim('before', 1);
                          api.transaction.setMetadata('step', 'redirected');
                          const token = api.redirect.encodeToken({ secret: event.secrets.TOKEN_SECRET, payload: { state: event.request.query.state, level: 'high' } });
                          api.redirect.sendUserTo('https://verify.example.com/start', { query: { session_token: token } });
                        };
                        exports.onContinuePostLogin = async (event, api) => {
                          const claims = api.redirect.validateToken({ secret: event.secrets.TOKEN_SECRET });
                          api.accessToken.setCustomClaim('level', claims.level);
                          api.accessToken.setCustomClaim('meta_after_resume', event.transaction.metadata.step);
                          api.authentication.recordMethod('https://verify.example.com');
                        };""", List.of("TOKEN_SECRET")),
                FlowFixtures.action(
                        "after",
                        "exports.onExecutePostLogin = async (event, api) => { api.idToken.setCustomClaim('after', true); };",
                        List.of()));

        var suspended = login().body("status", equalTo("suspended"))
                .body("effects.redirect.url", equalTo("https://verify.example.com/start"))
                .body("effects.redirect.query.session_token", notNullValue())
                .body("continuation.token", notNullValue())
                .body("results", hasSize(1))
                .extract();
        String token = suspended.path("effects.redirect.query.session_token");
        String continuation = suspended.path("continuation.token");

        String resumeBody = "{\"continuation_token\":\"" + continuation + "\",\"event\":{\"user\":" + USER
                + ",\"request\":{\"ip\":\"198.51.100.9\",\"query\":{\"state\":\"st-1\",\"session_token\":\"" + token
                + "\"}}}}";
        given().contentType(ContentType.JSON)
                .body(resumeBody)
                .post("/api/v1/flows/post-login/continue")
                .then()
                .statusCode(200)
                .body("status", equalTo("completed"))
                .body("effects.access_token.claims.before", equalTo(1))
                .body("effects.access_token.claims.level", equalTo("high"))
                .body("effects.access_token.claims.meta_after_resume", equalTo("redirected"))
                .body("effects.id_token.claims.after", equalTo(true))
                .body("effects.authentication.recorded_methods[0]", equalTo("https://verify.example.com"))
                .body("execution_id", equalTo(suspended.path("execution_id")));

        // a continuation token resumes once: the replay is refused and runs nothing
        given().contentType(ContentType.JSON)
                .body(resumeBody)
                .post("/api/v1/flows/post-login/continue")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("already been used"));

        String tampered =
                continuation.substring(0, continuation.length() - 2) + (continuation.endsWith("AA") ? "BB" : "AA");
        given().contentType(ContentType.JSON)
                .body(resumeBody.replace(continuation, tampered))
                .post("/api/v1/flows/post-login/continue")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("not valid"));
    }

    @Test
    void validateTokenRefusesAForgedSessionToken() {
        deploy("post-login", FlowFixtures.action("strict", """
                exports.onExecutePostLogin = async (event, api) => { api.redirect.sendUserTo('https://verify.example.com/x'); };
                exports.onContinuePostLogin = async (event, api) => {
                  try { api.redirect.validateToken({ secret: event.secrets.TOKEN_SECRET }); api.accessToken.setCustomClaim('caught', 'accepted'); }
                  catch (e) { api.accessToken.setCustomClaim('caught', e.message); }
                };""", List.of("TOKEN_SECRET")));
        String continuation =
                login().body("status", equalTo("suspended")).extract().path("continuation.token");
        String forged = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhdXRoMHw3IiwiZXhwIjo5OTk5OTk5OTk5fQ.AAAA";
        given().contentType(ContentType.JSON)
                .body("{\"continuation_token\":\"" + continuation + "\",\"event\":{\"user\":" + USER
                        + ",\"request\":{\"query\":{\"session_token\":\"" + forged + "\"}}}}")
                .post("/api/v1/flows/post-login/continue")
                .then()
                .statusCode(200)
                .body("effects.access_token.claims.caught", containsString("invalid signature"));
    }

    @Test
    void sendUserToNeedsAnAbsoluteUrl() {
        deployLogin(catching("api.redirect.sendUserTo('/relative')"));
        login().body("status", equalTo("completed"))
                .body("effects.access_token.claims.caught", containsString("absolute URL"));
    }

    @Test
    void challengeWithSuspendsForMfaAndValidatesFactors() {
        deployLogin("""
                try { api.authentication.challengeWith({ type: 'carrier-pigeon' }); } catch (e) { api.idToken.setCustomClaim('bad_factor', e.name); }
                api.authentication.challengeWith({ type: 'otp' }, { additionalFactors: [{ type: 'push-notification' }] });""");
        login().body("status", equalTo("suspended"))
                .body("effects.id_token.claims.bad_factor", equalTo("TypeError"))
                .body("effects.authentication.type", equalTo("challengeWith"))
                .body("effects.authentication.factor.type", equalTo("otp"))
                .body("effects.authentication.additional_factors[0].type", equalTo("push-notification"))
                .body("continuation.token", notNullValue());
    }

    @Test
    void recordMethodOnlyWorksWhenContinuing() {
        deployLogin(catching("api.authentication.recordMethod('https://idp.example')"));
        login().body("effects.access_token.claims.caught", containsString("only available in onContinuePostLogin"));
    }

    @Test
    void scopesMergePerScopeWithTheLastDecisionWinning() {
        deploy(
                "post-login",
                FlowFixtures.action(
                        "one",
                        "exports.onExecutePostLogin = async (e, api) => { api.accessToken.addScope('read:a'); api.accessToken.addScope('write:a'); };",
                        List.of()),
                FlowFixtures.action(
                        "two",
                        "exports.onExecutePostLogin = async (e, api) => { api.accessToken.removeScope('write:a'); api.accessToken.removeScope('admin'); };",
                        List.of()));
        login().body("effects.access_token.scopes.add", equalTo(List.of("read:a")))
                .body("effects.access_token.scopes.remove", equalTo(List.of("write:a", "admin")));
    }

    @Test
    void metadataMergesPerKeyAndNullDeletes() {
        deploy(
                "post-login",
                FlowFixtures.action(
                        "one",
                        "exports.onExecutePostLogin = async (e, api) => { api.user.setUserMetadata('theme', 'dark'); api.user.setUserMetadata('old', 'x'); };",
                        List.of()),
                FlowFixtures.action(
                        "two",
                        "exports.onExecutePostLogin = async (e, api) => { api.user.setUserMetadata('theme', 'light'); api.user.setUserMetadata('old', null); };",
                        List.of()));
        login().body("effects.user.user_metadata.theme", equalTo("light"))
                .body("effects.user.user_metadata", Matchers.hasKey("old"))
                .body("effects.user.user_metadata.old", nullValue());
    }

    @Test
    void transactionMetadataAcceptsOnlyScalars() {
        deployLogin(catching("api.transaction.setMetadata('obj', { nested: true })"));
        login().body("effects.access_token.claims.caught", containsString("string, number or boolean"));
    }

    @Test
    void claimNamesMustBeNonEmptyStrings() {
        deployLogin(catching("api.idToken.setCustomClaim('', 1)"));
        login().body("effects.access_token.claims.caught", containsString("TypeError"));
    }

    @Test
    void sessionRevokeAndValidationErrorStopTheChain() {
        deploy(
                "post-login",
                FlowFixtures.action(
                        "revoker",
                        "exports.onExecutePostLogin = async (e, api) => { api.session.revoke('compromised'); };",
                        List.of()),
                FlowFixtures.action(
                        "never",
                        "exports.onExecutePostLogin = async (e, api) => { api.idToken.setCustomClaim('ran', true); };",
                        List.of()));
        login().body("status", equalTo("denied"))
                .body("effects.session.revoked", equalTo(true))
                .body("effects.session.reason", equalTo("compromised"))
                .body("results", hasSize(1));
    }

    @Test
    void mutatingTheEventDoesNotLeakIntoLaterActions() {
        deploy(
                "post-login",
                FlowFixtures.action(
                        "mutator",
                        "exports.onExecutePostLogin = async (event) => { event.user.email = 'evil@example.com'; event.secrets.TOKEN_SECRET = 'x'; };",
                        List.of("TOKEN_SECRET")),
                FlowFixtures.action(
                        "reader",
                        "exports.onExecutePostLogin = async (event, api) => { api.idToken.setCustomClaim('email', event.user.email); };",
                        List.of()));
        login().body("effects.id_token.claims.email", equalTo("grace@example.com"));
    }

    @Test
    void callerSuppliedSecretsAreIgnored() {
        deployLogin("api.idToken.setCustomClaim('has_injected', event.secrets.INJECTED !== undefined);");
        call("post-login", "{\"event\":{\"user\":" + USER + ",\"secrets\":{\"INJECTED\":\"from caller\"}}}")
                .body("effects.id_token.claims.has_injected", equalTo(false));
    }

    // ---- credentials-exchange, pre-user-registration, send-phone-message ------------------------

    @Test
    void credentialsExchangeDenyNeedsAKnownCode() {
        deploy("credentials-exchange", FlowFixtures.action("m2m", """
                exports.onExecuteCredentialsExchange = async (event, api) => {
                  try { api.access.deny('nope', 'x'); } catch (e) { api.accessToken.setCustomClaim('bad_code', e.name); }
                  api.accessToken.setCustomClaim('client', event.client.client_id);
                  api.access.deny('invalid_scope', 'scope not allowed for ' + event.client.client_id);
                };""", List.of()));
        call(
                        "credentials-exchange",
                        "{\"event\":{\"client\":{\"client_id\":\"svc-1\"},\"accessToken\":{\"scope\":[\"read\"]}}}")
                .body("status", equalTo("denied"))
                .body("effects.access.code", equalTo("invalid_scope"))
                .body("effects.access.reason", equalTo("scope not allowed for svc-1"))
                .body("effects.access_token.claims.bad_code", equalTo("TypeError"))
                .body("effects.access_token.claims.client", equalTo("svc-1"));
    }

    @Test
    void preUserRegistrationValidatesLengthsAndStops() {
        deploy(
                "pre-user-registration",
                FlowFixtures.action("gate", """
                exports.onExecutePreUserRegistration = async (event, api) => {
                  try { api.validation.error('x'.repeat(101), 'm'); } catch (e) { api.user.setAppMetadata('long_code', e.name); }
                  api.user.setUserMetadata('signup_ip', event.request.ip);
                  api.access.deny('disposable_email', 'Please use a permanent email address.');
                };""", List.of()),
                FlowFixtures.action(
                        "never",
                        "exports.onExecutePreUserRegistration = async (e, api) => { api.user.setAppMetadata('ran', true); };",
                        List.of()));
        call(
                        "pre-user-registration",
                        "{\"event\":{\"user\":{\"email\":\"x@tempmail.test\"},\"request\":{\"ip\":\"203.0.113.5\"}}}")
                .body("status", equalTo("denied"))
                .body("effects.access.user_message", equalTo("Please use a permanent email address."))
                .body("effects.user.app_metadata.long_code", equalTo("TypeError"))
                .body("effects.user.user_metadata.signup_ip", equalTo("203.0.113.5"))
                .body("effects.user.app_metadata", Matchers.not(Matchers.hasKey("ran")));
    }

    @Test
    void sendPhoneMessageDeliversThroughFetch() {
        HttpSink sms = HttpSink.start();
        try {
            deploy("send-phone-message", FlowFixtures.action("sms", """
                    exports.onExecuteSendPhoneMessage = async (event, api) => {
                      const r = await fetch('%s/sms', { method: 'POST', body: JSON.stringify({ to: event.message_options.recipient, text: event.message_options.text }) });
                      if (!r.ok) throw new Error('sms failed');
                    };""".formatted(sms.url()), List.of()));
            call(
                            "send-phone-message",
                            "{\"event\":{\"message_options\":{\"action\":\"second-factor-authentication\",\"code\":\"123456\",\"message_type\":\"sms\",\"recipient\":\"+15550100\",\"text\":\"Your code is 123456\"}}}")
                    .body("status", equalTo("completed"));
            assertThat(sms.received())
                    .singleElement()
                    .satisfies(r -> assertThat(r.body()).contains("+15550100").contains("123456"));
        } finally {
            sms.close();
        }
    }

    // ---- hostile and broken code -------------------------------------------------------------

    @Test
    void deepRecursionFailsTheActionNotTheService() {
        deployLogin("const dive = (n) => dive(n + 1) + 1; dive(0);");
        login().body("status", equalTo("failed"));
        deployLogin("api.idToken.setCustomClaim('alive', true);");
        login().body("effects.id_token.claims.alive", equalTo(true));
    }

    @Test
    void catastrophicRegexBacktrackingEndsAtTheActionsLimit() {
        // a backreference forces the backtracking engine (no linear-time DFA for this pattern)
        deploy("post-login", FlowFixtures.action("regex", """
                exports.onExecutePostLogin = async (event, api) => {
                  api.idToken.setCustomClaim('match', /^(a+)+\\1$/.test('a'.repeat(40) + '!'));
                };""", List.of(), FlowSnapshot.OnError.FAIL, 500L));
        login().body("status", equalTo("failed"));
        deployLogin("api.idToken.setCustomClaim('alive', true);");
        login().body("effects.id_token.claims.alive", equalTo(true));
    }

    @Test
    void aNeverSettlingPromiseFailsPromptly() {
        deployLogin("await new Promise(() => {});");
        login().body("status", equalTo("failed")).body("results[0].error.id", equalTo("action_failed"));
    }

    @Test
    void aServerThatNeverAnswersCannotHoldTheActionPastItsLimit() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (!silent.isClosed()) {
                        held.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // test over
                }
            });
            deploy(
                    "post-login",
                    FlowFixtures.action(
                            "hanging",
                            """
                    exports.onExecutePostLogin = async (event, api) => { await fetch('http://127.0.0.1:%d/never'); };""".formatted(silent.getLocalPort()),
                            List.of(),
                            FlowSnapshot.OnError.FAIL,
                            700L));
            login().body("status", equalTo("failed"));
            acceptor.interrupt();
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void aLogFloodIsCappedAndTheExecutionCompletes() {
        String body = """
                {"tenant_id":"default","trigger_id":"post-login","action_id":"flood","action_name":"flood",
                 "code":"exports.onExecutePostLogin = async () => { for (let i = 0; i < 2000; i++) console.log('x'.repeat(1000)); };",
                 "event":{"user":{"user_id":"u"}}}""";
        List<String> logs = given().contentType(ContentType.JSON)
                .body(body)
                .post("/internal/v1/test-runs")
                .then()
                .statusCode(200)
                .body("status", equalTo("completed"))
                .extract()
                .path("logs");
        assertThat(logs.size()).isLessThan(300);
        assertThat(logs.get(logs.size() - 1)).isEqualTo("[console output truncated]");
    }

    @Test
    void escapesToTheHostAreRefused() {
        deployLogin("""
                const g = Function('return this')();
                api.idToken.setCustomClaim('java', typeof g.Java + typeof g.Packages + typeof g.Polyglot);
                api.idToken.setCustomClaim('process', ({}).constructor.constructor('return typeof process')());
                for (const m of ['fs', 'child_process', 'net']) {
                  try { require(m); api.idToken.setCustomClaim(m, 'loaded'); } catch (e) { api.idToken.setCustomClaim(m, e.code); }
                }
                try { Polyglot.eval('js', '1'); } catch (e) { api.idToken.setCustomClaim('polyglot', e.name); }
                try { load('http://example.com/x.js'); } catch (e) { api.idToken.setCustomClaim('load', e.name); }""");
        login().body("status", equalTo("completed"))
                .body("effects.id_token.claims.java", equalTo("undefinedundefinedundefined"))
                .body("effects.id_token.claims.process", equalTo("undefined"))
                .body("effects.id_token.claims.fs", equalTo("MODULE_NOT_FOUND"))
                .body("effects.id_token.claims.child_process", equalTo("MODULE_NOT_FOUND"))
                .body("effects.id_token.claims.net", equalTo("MODULE_NOT_FOUND"))
                .body("effects.id_token.claims.polyglot", equalTo("ReferenceError"))
                .body("effects.id_token.claims.load", equalTo("ReferenceError"));
    }

    @Test
    void prototypePollutionDoesNotSurviveIntoTheNextExecution() {
        deploy(
                "post-login",
                FlowFixtures.action(
                        "polluter",
                        "exports.onExecutePostLogin = async () => { Object.prototype.isAdmin = true; Array.prototype.push = () => 0; };",
                        List.of()),
                FlowFixtures.action(
                        "victim",
                        "exports.onExecutePostLogin = async (e, api) => { const a = []; a.push(1); api.idToken.setCustomClaim('admin', ({}).isAdmin === true); api.idToken.setCustomClaim('len', a.length); };",
                        List.of()));
        login().body("effects.id_token.claims.admin", equalTo(false)).body("effects.id_token.claims.len", equalTo(1));
    }

    @Test
    void ssrfTargetsAreRefusedIncludingAfterARedirect() {
        HttpSink redirector = HttpSink.start();
        try {
            redirector.respondWith(302, "", Map.of("Location", "http://169.254.169.254/latest/meta-data/"));
            deployLogin("""
                    const out = [];
                    for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://10.1.2.3/', 'http://[fd00::1]/', 'http://localhost:1/', '%s/hop']) {
                      try { await fetch(url); out.push('reached'); } catch (e) { out.push(e.message.includes('internal addresses') ? 'refused' : e.message); }
                    }
                    api.idToken.setCustomClaim('ssrf', out.join(','));""".formatted(redirector.url()));
            login().body("effects.id_token.claims.ssrf", equalTo("refused,refused,refused,refused,refused"));
            assertThat(redirector.received()).hasSize(1);
        } finally {
            redirector.close();
        }
    }
}
