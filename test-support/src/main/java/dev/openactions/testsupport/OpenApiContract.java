package dev.openactions.testsupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.restassured.RestAssured;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A service's own OpenAPI document ({@code /q/openapi}), used to check that real requests and
 * responses are what it says: each body is validated against the operation's JSON Schema (OpenAPI
 * 3.1 schemas are JSON Schema 2020-12) with networknt's json-schema-validator, references resolved
 * within the document. A client generated from the document then reads and writes the real wire.
 */
public final class OpenApiContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private final JsonNode document;

    private OpenApiContract(JsonNode document) {
        this.document = document;
    }

    /** The document the running service serves (RestAssured's base URI and port, as the tests use). */
    public static OpenApiContract served() {
        return of(RestAssured.given()
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .asString());
    }

    public static OpenApiContract of(String documentJson) {
        try {
            return new OpenApiContract(JSON.readTree(documentJson));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the OpenAPI document is not JSON", e);
        }
    }

    public JsonNode document() {
        return document;
    }

    /** The operation object of {@code method} on the path template that matches {@code path}. */
    public Optional<JsonNode> operation(String method, String path) {
        String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        for (Iterator<Map.Entry<String, JsonNode>> it = document.path("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String regex = Pattern.quote(entry.getKey()).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q");
            if (bare.matches(regex) && entry.getValue().has(method.toLowerCase(Locale.ROOT))) {
                return Optional.of(entry.getValue().get(method.toLowerCase(Locale.ROOT)));
            }
        }
        return Optional.empty();
    }

    /** What is wrong with a request body for this operation (empty: it conforms). */
    public List<String> requestViolations(String method, String path, String body) {
        JsonNode operation = operation(method, path).orElse(null);
        if (operation == null) {
            return List.of(method + " " + path + " is not in the document");
        }
        JsonNode schema = firstSchema(operation.path("requestBody").path("content"));
        return schema == null ? List.of() : violations(schema, body, "request of " + method + " " + path);
    }

    /** What is wrong with a response for this operation: an undocumented 2xx status, or a body that breaks its schema. */
    public List<String> responseViolations(String method, String path, int status, String body) {
        JsonNode operation = operation(method, path).orElse(null);
        if (operation == null) {
            return List.of(method + " " + path + " is not in the document");
        }
        JsonNode responses = operation.path("responses");
        JsonNode response = responses.has(Integer.toString(status))
                ? responses.get(Integer.toString(status))
                : responses.get("default");
        if (response == null) {
            return status < 300
                    ? List.of(method + " " + path + " answered " + status + ", which the document does not list")
                    : List.of();
        }
        JsonNode schema = firstSchema(response.path("content"));
        if (schema == null || body == null || body.isEmpty()) {
            return List.of();
        }
        return violations(schema, body, status + " response of " + method + " " + path);
    }

    private static JsonNode firstSchema(JsonNode content) {
        for (Iterator<Map.Entry<String, JsonNode>> it = content.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> media = it.next();
            if (media.getKey().contains("json") && media.getValue().has("schema")) {
                return media.getValue().get("schema");
            }
        }
        return null;
    }

    private List<String> violations(JsonNode schema, String body, String what) {
        JsonNode value;
        try {
            value = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return List.of(what + " is not JSON");
        }
        // the whole document is the root, so that #/components/schemas/... references resolve
        ObjectNode root = JSON.createObjectNode();
        root.set("components", document.path("components"));
        root.putObject("$defs").set("target", schema);
        root.put("$ref", "#/$defs/target");
        JsonSchema validator = SCHEMAS.getSchema(root);
        List<String> problems = new ArrayList<>();
        for (ValidationMessage message : validator.validate(value)) {
            problems.add(what + ": " + message.getMessage());
        }
        return problems;
    }
}
