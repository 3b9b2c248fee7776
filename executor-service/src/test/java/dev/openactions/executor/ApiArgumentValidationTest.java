package dev.openactions.executor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.openactions.contracts.TriggerId;
import dev.openactions.testsupport.HttpSinkResource;
import dev.openactions.testsupport.KafkaResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Argument validation and effects of single api methods, as Auth0's throw inside the action, run over
 * HTTP through the executor's test-run endpoint (the real engine, prelude and merge rules).
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(
        value = HttpSinkResource.class,
        initArgs = @ResourceArg(name = "property", value = "quarkus.rest-client.secrets-service.url"))
class ApiArgumentValidationTest {

    private static ValidatableResponse testRun(TriggerId trigger, String body, String eventJson) {
        String code = "exports." + trigger.handler() + " = async (event, api) => {\n" + body + "\n};";
        String request = """
                {"tenant_id":"default","trigger_id":"%s","action_id":"validation","action_name":"validation",
                 "code":%s,"event":%s}""".formatted(trigger.id(), InternalApiTest.quote(code), eventJson);
        return given().contentType(ContentType.JSON)
                .body(request)
                .post("/internal/v1/test-runs")
                .then()
                .statusCode(200);
    }

    static Stream<Arguments> refusedCalls() {
        return Stream.of(
                Arguments.of(TriggerId.POST_LOGIN, "api.accessToken.setCustomClaim('iss', 'me')", "reserved claim"),
                Arguments.of(TriggerId.POST_LOGIN, "api.idToken.setCustomClaim('nonce', 'n')", "reserved claim"),
                Arguments.of(TriggerId.POST_LOGIN, "api.accessToken.setCustomClaim(42, 'x')", "non-empty string"),
                Arguments.of(TriggerId.POST_LOGIN, "api.user.setUserMetadata('', 1)", "non-empty string"),
                Arguments.of(TriggerId.POST_LOGIN, "api.user.setAppMetadata(undefined, 1)", "non-empty string"),
                Arguments.of(
                        TriggerId.POST_LOGIN, "api.transaction.setMetadata('k', [1])", "string, number or boolean"),
                Arguments.of(TriggerId.POST_LOGIN, "api.redirect.sendUserTo('javascript:alert(1)')", "http(s)"),
                Arguments.of(TriggerId.POST_LOGIN, "api.redirect.encodeToken({ payload: {} })", "secret is required"),
                Arguments.of(
                        TriggerId.POST_LOGIN,
                        "api.redirect.encodeToken({ secret: 's', expiresInSeconds: -1 })",
                        "positive integer"),
                Arguments.of(TriggerId.POST_LOGIN, "api.redirect.validateToken({ secret: 's' })", "no session_token"),
                Arguments.of(TriggerId.POST_LOGIN, "api.authentication.challengeWithAny([])", "non-empty array"),
                Arguments.of(TriggerId.POST_LOGIN, "api.authentication.enrollWith({})", "needs a type"),
                Arguments.of(TriggerId.POST_LOGIN, "api.authentication.setPrimaryUser('')", "non-empty string"),
                Arguments.of(
                        TriggerId.CREDENTIALS_EXCHANGE,
                        "api.access.deny('invalid_client', 'x')",
                        "code must be one of"),
                Arguments.of(
                        TriggerId.CREDENTIALS_EXCHANGE, "api.accessToken.setCustomClaim('aud', 'x')", "reserved claim"),
                Arguments.of(
                        TriggerId.PRE_USER_REGISTRATION,
                        "api.validation.error('code', 'm'.repeat(101))",
                        "at most 100 characters"),
                Arguments.of(TriggerId.PRE_USER_REGISTRATION, "api.validation.error(1, 'x')", "at most 100 characters"),
                Arguments.of(TriggerId.POST_LOGIN, "setTimeout('not a function', 1)", "must be of type function"),
                Arguments.of(
                        TriggerId.POST_LOGIN,
                        "require('crypto').createHash('whirlpool')",
                        "Digest method not supported"),
                Arguments.of(TriggerId.POST_LOGIN, "require('crypto').randomBytes(1e9)", "size must be"),
                Arguments.of(TriggerId.SEND_PHONE_MESSAGE, "api.access.deny('x')", "Cannot read"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("refusedCalls")
    void refusesBadArgumentsInsideTheAction(TriggerId trigger, String call, String message) {
        testRun(
                        trigger,
                        call + ";",
                        "{\"user\":{\"user_id\":\"u1\"},\"client\":{\"client_id\":\"c\"},\"request\":{\"query\":{}}}")
                .body("status", equalTo("failed"))
                .body("error.message", containsString(message));
    }

    static Stream<Arguments> effects() {
        return Stream.of(
                Arguments.of(
                        "api.multifactor.enable('duo', { allowRememberBrowser: true })",
                        "effects.multifactor.provider",
                        "duo"),
                Arguments.of("api.samlResponse.setAttribute('dept', 'eng')", "effects.saml_attributes.dept", "eng"),
                Arguments.of(
                        "api.accessToken.addScope('x'); api.accessToken.removeScope('x'); api.accessToken.addScope('x')",
                        "effects.access_token.scopes.add[0]",
                        "x"),
                Arguments.of(
                        "api.cache.set('k', 'v', { ttl: -5 }).type === 'error' && api.idToken.setCustomClaim('r', api.cache.set('k', 'v', { ttl: -5 }).code)",
                        "effects.id_token.claims.r",
                        "InvalidExpiry"),
                Arguments.of(
                        "api.authentication.setPrimaryUser('auth0|primary')",
                        "effects.authentication.primary_user_id",
                        "auth0|primary"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("effects")
    void mergesTheEffectOfEachMethod(String call, String path, String expected) {
        testRun(TriggerId.POST_LOGIN, call + ";", "{\"user\":{\"user_id\":\"u1\"}}")
                .body("status", equalTo("completed"))
                .body(path, equalTo(expected));
    }
}
