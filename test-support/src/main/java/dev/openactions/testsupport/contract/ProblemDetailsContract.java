package dev.openactions.testsupport.contract;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * One shape for every error of every service (RFC 9457, {@code application/problem+json}): the
 * {@code status} member equals the HTTP status, {@code type} is one of ours, {@code title} and
 * {@code detail} are present, member names and the fields named in {@code errors} are snake_case as
 * on the wire, and nothing carries a stack trace or a class name. It covers the framework's own
 * answers (404, 405, 406, 413, 415), JSON the service cannot read (400), validation (400), and what
 * the HTTP codec limits (request line: 414, headers: 431), sent over a raw socket because no client
 * library sends them. Each service runs it by extending this class in a {@code @QuarkusTest} with
 * the test resources it needs, naming its own operations.
 */
public abstract class ProblemDetailsContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> RFC_9457 = Set.of("type", "title", "status", "detail", "instance", "errors");
    private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern FIELD_PATH =
            Pattern.compile("[a-z][a-z0-9_]*(\\[\\d+])*(\\.[a-z][a-z0-9_]*(\\[\\d+])*)*");

    /** An HTTP method and a path. */
    public record Call(String method, String path) {}

    /** An operation that reads a JSON object body with the module's default test token. */
    protected abstract Call readsJson();

    /** Well-formed JSON for {@link #readsJson()} that bean validation refuses. */
    protected abstract String invalidBody();

    /** The field {@link #invalidBody()} breaks, as the wire names it. */
    protected abstract String invalidField();

    /** Well-formed JSON for {@link #readsJson()} with a value of the wrong JSON type. */
    protected abstract String wronglyTypedBody();

    /** The field {@link #wronglyTypedBody()} gets wrong, as the wire names it. */
    protected abstract String wronglyTypedField();

    /** A route that exists but does not take this method. */
    protected abstract Call methodNotAllowed();

    /** An operation that answers JSON only (asked for XML: 406). */
    protected abstract Call producesJson();

    /** Members beyond RFC 9457's that this service's problems carry on purpose (the registry's Auth0 fields). */
    protected Set<String> extraMembers() {
        return Set.of();
    }

    @Test
    void unknownPathsAre404() {
        assertProblem(given().get("/no/such/path-" + UUID.randomUUID()), 404);
        assertProblem(given().contentType(ContentType.JSON).body("{}").post("/no/such/path"), 404);
    }

    @Test
    void aMethodTheRouteDoesNotTakeIs405() {
        Call call = methodNotAllowed();
        assertProblem(given().request(call.method(), call.path()), 405);
    }

    @Test
    void anAcceptTheOperationCannotProduceIs406() {
        Call call = producesJson();
        assertProblem(given().accept("application/xml").request(call.method(), call.path()), 406);
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        Call call = readsJson();
        assertProblem(given().contentType(ContentType.TEXT).body("hello").request(call.method(), call.path()), 415);
    }

    @Test
    void aBodyOverTheLimitIs413() {
        Call call = readsJson();
        String body = "{\"padding\":\"" + "x".repeat((int) limit("quarkus.http.limits.max-body-size", "10M")) + "\"}";
        assertProblem(given().contentType(ContentType.JSON).body(body).request(call.method(), call.path()), 413);
    }

    @Test
    void jsonThatDoesNotParseIs400() {
        Call call = readsJson();
        assertProblem(given().contentType(ContentType.JSON).body("{not json").request(call.method(), call.path()), 400);
        assertProblem(
                given().contentType(ContentType.JSON).body("{\"a\":1} {}").request(call.method(), call.path()), 400);
    }

    @Test
    void aValueOfTheWrongTypeIs400NamingTheField() {
        Call call = readsJson();
        JsonNode problem = assertProblem(
                given().contentType(ContentType.JSON).body(wronglyTypedBody()).request(call.method(), call.path()),
                400);
        assertTrue(
                fields(problem).contains(wronglyTypedField()), "errors name " + wronglyTypedField() + ": " + problem);
    }

    @Test
    void anInvalidFieldIs400NamingItAsTheWireDoes() {
        Call call = readsJson();
        JsonNode problem = assertProblem(
                given().contentType(ContentType.JSON).body(invalidBody()).request(call.method(), call.path()), 400);
        assertTrue(fields(problem).contains(invalidField()), "errors name " + invalidField() + ": " + problem);
    }

    @Test
    void aRequestLineOverTheLimitIs414Problem() {
        int limit = (int) limit("quarkus.http.limits.max-initial-line-length", "4096");
        RawHttp.Answer answer = RawHttp.exchange(
                RestAssured.port,
                "GET /" + "a".repeat(limit + limit / 2) + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertRawProblem(answer, 414);
    }

    @Test
    void headersOverTheLimitAre431Problem() {
        int limit = (int) limit("quarkus.http.limits.max-header-size", "20K");
        RawHttp.Answer answer = RawHttp.exchange(
                RestAssured.port,
                "GET / HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "p".repeat(limit + limit / 2)
                        + "\r\nConnection: close\r\n\r\n");
        assertRawProblem(answer, 431);
    }

    /**
     * Far over the limits the HTTP codec refuses the request itself, before any handler (memory stays
     * bounded): the status still holds, the body may be empty (ADR 14).
     */
    @Test
    void farOverTheLimitsTheCodecStillRefuses() {
        int line = (int) limit("quarkus.http.limits.max-initial-line-length", "4096");
        assertEquals(
                414,
                RawHttp.exchange(
                                RestAssured.port,
                                "GET /" + "a".repeat(Math.max(100_000, line * 8))
                                        + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                        .status());
        int headers = (int) limit("quarkus.http.limits.max-header-size", "20K");
        assertEquals(
                431,
                RawHttp.exchange(
                                RestAssured.port,
                                "GET / HTTP/1.1\r\nHost: localhost\r\nX-Padding: "
                                        + "p".repeat(Math.max(100_000, headers * 8)) + "\r\n\r\n")
                        .status());
    }

    /** Bytes that are not HTTP: refused (400) or the connection closed, never a 5xx. */
    @Test
    void garbageIsRefusedWithoutA5xx() {
        for (String garbage : List.of(
                "\u0001\u0002\u0003 garbage\r\n\r\n",
                "GET / HTTP/9.9\r\n\r\n",
                "GET\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: localhost\r\nBad Header Without Colon\r\n\r\n")) {
            int status = RawHttp.exchange(RestAssured.port, garbage).status();
            assertTrue(
                    status == 0 || (status >= 400 && status < 500),
                    "garbage " + garbage.strip() + " answered " + status);
        }
    }

    /** The checks every error of every service passes; returns the problem. */
    protected JsonNode assertProblem(Response response, int status) {
        assertEquals(status, response.statusCode(), () -> "status of " + response.asString());
        String contentType = response.contentType();
        assertTrue(
                contentType != null && contentType.startsWith("application/problem+json"),
                "content type " + contentType);
        return checkBody(response.asString(), status);
    }

    private void assertRawProblem(RawHttp.Answer answer, int status) {
        assertEquals(status, answer.status(), () -> "raw answer " + answer);
        String contentType = answer.header("content-type");
        assertTrue(
                contentType != null && contentType.startsWith("application/problem+json"),
                "content type " + contentType);
        checkBody(answer.body(), status);
    }

    private JsonNode checkBody(String body, int status) {
        JsonNode problem;
        try {
            problem = JSON.readTree(body);
        } catch (IOException e) {
            return fail("not JSON: " + body);
        }
        assertTrue(problem != null && problem.isObject(), "not a JSON object: " + body);
        assertEquals(status, problem.path("status").asInt(-1), "status member of " + body);
        assertTrue(problem.path("type").asText("").startsWith("https://openactions.dev/problems/"), "type of " + body);
        assertFalse(problem.path("title").asText("").isBlank(), "title of " + body);
        assertFalse(problem.path("detail").asText("").isBlank(), "detail of " + body);
        problem.fieldNames().forEachRemaining(name -> {
            if (!extraMembers().contains(name)) {
                assertTrue(
                        RFC_9457.contains(name) && SNAKE_CASE.matcher(name).matches(),
                        "member " + name + " in " + body);
            }
        });
        for (String field : fields(problem)) {
            assertTrue(FIELD_PATH.matcher(field).matches(), "field " + field + " is not named as on the wire: " + body);
        }
        for (String leak :
                List.of("Exception", "\tat ", "java.", "dev.openactions.", "jakarta.", "io.quarkus", "io.vertx")) {
            assertFalse(body.contains(leak), "the problem shows " + leak + ": " + body);
        }
        assertNotEquals("", body.strip());
        return problem;
    }

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(error -> fields.add(error.path("field").asText()));
        return fields;
    }

    /** A size limit of the running service's configuration ("4096", "20K", "1M"). */
    private static long limit(String key, String fallback) {
        String value = ConfigProvider.getConfig()
                .getOptionalValue(key, String.class)
                .orElse(fallback)
                .strip()
                .toUpperCase(Locale.ROOT);
        long unit = switch (value.charAt(value.length() - 1)) {
            case 'K' -> 1024L;
            case 'M' -> 1024L * 1024;
            case 'G' -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        return unit == 1 ? Long.parseLong(value) : Long.parseLong(value.substring(0, value.length() - 1)) * unit;
    }
}
