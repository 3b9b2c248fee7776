package dev.openactions.testsupport.contract;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openactions.testsupport.HostileTokens;
import dev.openactions.testsupport.TestTokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The same refusals in every service's {@code security/TokenRules} and the same answer to them: a
 * 401 problem with a Bearer challenge (RFC 6750) for no token, a token that does not verify, and a
 * correctly signed token that breaks a rule ({@link HostileTokens}: the tenant claim not taken
 * verbatim, {@code iat} ahead beyond the clock skew, a lifetime over 24 h); a token at the limits is
 * accepted. Each service runs it by extending this class in a {@code @QuarkusTest}.
 */
public abstract class ServiceTokenContract {

    /** The tenant the tokens are for (the service's own tenant-id rules apply to it). */
    protected abstract String tenant();

    /** Scopes that grant {@link #call}. */
    protected abstract String[] scopes();

    /** An operation the scopes grant, answered 2xx to a valid token. */
    protected abstract Response call(RequestSpecification request);

    @BeforeEach
    protected void noDefaultToken() {
        RestAssured.replaceFiltersWith(List.of());
    }

    @Test
    void refusesSignedTokensThatBreakARule() {
        for (Map.Entry<String, String> token :
                HostileTokens.refused(tenant(), scopes()).entrySet()) {
            try {
                assertUnauthorized(
                        call(given().header("Authorization", TestTokens.bearer(token.getValue()))),
                        "Bearer error=\"invalid_token\"");
            } catch (AssertionError e) {
                throw new AssertionError("token with " + token.getKey() + ": " + e.getMessage(), e);
            }
        }
    }

    @Test
    void refusesTokensThatDoNotVerify() {
        assertUnauthorized(
                call(given().header("Authorization", "Bearer not.a.token")), "Bearer error=\"invalid_token\"");
        String valid = HostileTokens.acceptedAtTheLimits(tenant(), scopes());
        String tampered = valid.substring(0, valid.length() - 4) + (valid.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertUnauthorized(
                call(given().header("Authorization", TestTokens.bearer(tampered))), "Bearer error=\"invalid_token\"");
    }

    @Test
    void asksForATokenWhenThereIsNone() {
        assertUnauthorized(call(given()), "Bearer");
    }

    @Test
    void acceptsATokenAtTheLimits() {
        int status = call(given().header(
                                "Authorization",
                                TestTokens.bearer(HostileTokens.acceptedAtTheLimits(tenant(), scopes()))))
                .statusCode();
        assertTrue(status >= 200 && status < 300, "a token at the limits got " + status);
    }

    private static void assertUnauthorized(Response response, String challenge) {
        assertEquals(401, response.statusCode(), () -> "status of " + response.asString());
        assertTrue(
                response.contentType().startsWith("application/problem+json"),
                "content type " + response.contentType());
        assertEquals(401, response.jsonPath().getInt("status"));
        assertEquals(challenge, response.header("WWW-Authenticate"));
    }

    /** A JSON body for {@link #call} implementations that send one. */
    protected static RequestSpecification json(RequestSpecification request, String body) {
        return request.contentType(ContentType.JSON).body(body);
    }
}
