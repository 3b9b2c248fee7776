package dev.openactions.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The authorization matrix of a service, generated from its own OpenAPI document: every operation
 * with the scopes its security requirement names, each way a token can be wrong, and the checks that
 * a refusal is a problem+json that carries no data. The service's test supplies what only it knows:
 * path values of a real resource, request bodies, and which tenant owns what.
 */
public final class AuthorizationMatrix {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    /** RFC 9457 fields, and the Auth0 error fields the registry's problems also carry (ADR 14). */
    private static final Set<String> PROBLEM_FIELDS =
            Set.of("type", "title", "status", "detail", "errors", "statusCode", "error", "message", "errorCode");

    /** One operation of the API and the scopes it requires (any one of them). */
    public record Operation(String method, String path, List<String> scopes) {
        @Override
        public String toString() {
            return method + " " + path;
        }

        /** The path with {name} placeholders filled in. */
        public String resolve(Function<String, String> values) {
            String resolved = path;
            int open;
            while ((open = resolved.indexOf('{')) >= 0) {
                int close = resolved.indexOf('}', open);
                String name = resolved.substring(open + 1, close);
                String value = values.apply(name);
                if (value == null) {
                    throw new IllegalArgumentException("no value for {" + name + "} in " + path);
                }
                resolved = resolved.substring(0, open) + value + resolved.substring(close + 1);
            }
            return resolved;
        }
    }

    /** A token that must be refused with 401, whatever its scopes. */
    public enum BadToken {
        NONE,
        EXPIRED,
        BAD_SIGNATURE,
        WRONG_AUDIENCE;

        public String token(String tenant, List<String> scopes) {
            String[] s = scopes.toArray(String[]::new);
            return switch (this) {
                case NONE -> null;
                case EXPIRED -> TestTokens.expired(tenant, s);
                case BAD_SIGNATURE -> TestTokens.badSignature(tenant, s);
                case WRONG_AUDIENCE -> TestTokens.wrongAudience(tenant, s);
            };
        }
    }

    private AuthorizationMatrix() {}

    /** Every operation of the service's OpenAPI document ({@code /q/openapi?format=json}) under a path prefix. */
    public static List<Operation> operations(String pathPrefix) {
        String document = RestAssured.given()
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        JsonNode root;
        try {
            root = JSON.readTree(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith(pathPrefix)) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                List<String> scopes = new ArrayList<>();
                for (JsonNode requirement : op.getValue().path("security")) {
                    requirement
                            .fields()
                            .forEachRemaining(scheme -> scheme.getValue().forEach(scope -> scopes.add(scope.asText())));
                }
                operations.add(new Operation(op.getKey().toUpperCase(Locale.ROOT), path.getKey(), List.copyOf(scopes)));
            }
        }
        return operations;
    }

    /** A request with this bearer token (none when null) and, for writes, a JSON body. */
    public static RequestSpecification request(String token, String body) {
        RequestSpecification request = RestAssured.given().accept("application/json");
        if (token != null) {
            request.header("Authorization", TestTokens.bearer(token));
        }
        if (body != null) {
            request.contentType("application/json").body(body);
        }
        return request;
    }

    public static Response send(Operation operation, String path, String token, String body) {
        return request(token, body).request(operation.method(), path);
    }

    /**
     * A refusal: the status, {@code application/problem+json}, a body of problem fields only, and none
     * of the given markers (names, ids, values of the resource it refused).
     */
    public static void assertRefused(
            Operation operation, String label, Response response, int status, String... markers) {
        String what = operation + " with " + label;
        assertEquals(status, response.statusCode(), what + ": " + response.asString());
        assertTrue(
                response.contentType().startsWith("application/problem+json"),
                what + ": content type " + response.contentType());
        JsonNode body;
        try {
            body = JSON.readTree(response.asString());
        } catch (IOException e) {
            throw new AssertionError(what + ": body is not JSON", e);
        }
        body.fieldNames()
                .forEachRemaining(
                        field -> assertTrue(PROBLEM_FIELDS.contains(field), what + ": unexpected field " + field));
        assertEquals(status, body.path("status").asInt(), what);
        if (status == 401) {
            assertTrue(
                    response.header("WWW-Authenticate") != null
                            && response.header("WWW-Authenticate").startsWith("Bearer"),
                    what + ": no Bearer challenge");
        }
        for (String marker : markers) {
            assertFalse(response.asString().contains(marker), what + ": leaks " + marker);
        }
    }

    /** Allowed: anything but 401 and 403 (a business answer such as 404 or 409 is fine). */
    public static void assertAllowed(Operation operation, Response response) {
        assertNotEquals(401, response.statusCode(), operation + " was refused: " + response.asString());
        assertNotEquals(403, response.statusCode(), operation + " was refused: " + response.asString());
        assertTrue(response.statusCode() < 500, operation + " failed: " + response.asString());
    }
}
