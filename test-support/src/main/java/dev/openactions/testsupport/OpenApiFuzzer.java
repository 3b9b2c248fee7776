package dev.openactions.testsupport;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.lang.reflect.UndeclaredThrowableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generated hostile requests against every operation of a service's OpenAPI document: hostile path
 * and query values (NUL, huge numbers, invalid UTF-8, very long), malformed and wrongly typed
 * bodies (derived from the operation's request schema), duplicate keys, trailing garbage, deep
 * nesting, odd content types, accept headers, methods and tokens. Seeded (a failure replays with
 * its seed) and bounded by a request count and a time budget. Every answer must be below 500, an
 * error must be {@code application/problem+json}, and no request may take longer than the timeout.
 */
public final class OpenApiFuzzer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] METHODS = {"get", "post", "put", "patch", "delete"};
    private static final String[] HOSTILE_SEGMENTS = {
        "%00",
        "a%00b",
        "%FF%FE",
        "%C0%AF",
        "x".repeat(3000),
        "..",
        "%2e%2e%2f",
        "-1",
        "99999999999999999999",
        "0",
        "%20",
        "%F0%9F%98%80",
        "'%20OR%201=1",
        "%25",
        "null",
        "%7B%7D",
        "a;b=c"
    };
    private static final String[] HOSTILE_QUERY = {
        "%00",
        "-1",
        "2147483647",
        "2147483648",
        "-2147483649",
        "99999999999999999999",
        "1e999",
        "abc",
        "%FF",
        "",
        "true",
        "x".repeat(2000),
        "0x10",
        "NaN",
        "%E2%80%AE"
    };
    private static final String[] CONTENT_TYPES = {
        "application/json",
        "text/plain",
        "application/xml",
        "application/json; charset=latin1",
        "application/merge-patch+json",
        "application/octet-stream",
        "text/json"
    };
    private static final String[] ACCEPTS = {
        "application/json", "*/*", "application/xml", "text/html", "application/problem+json", "image/png"
    };

    /** One answer that broke a rule, with what was sent. */
    public record Failure(String request, int status, String contentType, String body) {
        @Override
        public String toString() {
            return request + " -> " + status + " " + contentType + " "
                    + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
        }
    }

    /** What was sent and what broke. */
    public record Report(long seed, int sent, List<Failure> failures) {}

    private final OpenApiContract contract;
    private final Random random;
    private final long seed;
    private final Function<String, String> knownValues;
    private final RestAssuredConfig config;
    private final List<String> excluded = new ArrayList<>();

    /**
     * @param knownValues a real value for a path parameter name (an existing id), or null to use random ones;
     *        hits on real resources reach deeper code than 404s do
     */
    public OpenApiFuzzer(
            OpenApiContract contract, long seed, Function<String, String> knownValues, Duration requestTimeout) {
        this.contract = contract;
        this.seed = seed;
        this.random = new Random(seed);
        this.knownValues = knownValues;
        int millis = (int) requestTimeout.toMillis();
        this.config = RestAssured.config()
                .httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.socket.timeout", millis)
                        .setParam("http.connection.timeout", millis));
    }

    /** Leaves out operations under these path prefixes (ones with effects on the whole service, such as a key rotation). */
    public OpenApiFuzzer excluding(String... pathPrefixes) {
        excluded.addAll(List.of(pathPrefixes));
        return this;
    }

    /** Sends up to {@code requests} requests, stopping early when {@code budget} is spent. */
    public Report run(int requests, Duration budget) {
        List<Map.Entry<String, String>> operations = operations();
        if (operations.isEmpty()) {
            throw new IllegalStateException("the OpenAPI document lists no operations");
        }
        Instant deadline = Instant.now().plus(budget);
        List<Failure> failures = new ArrayList<>();
        int sent = 0;
        while (sent < requests && Instant.now().isBefore(deadline)) {
            Map.Entry<String, String> operation = operations.get(random.nextInt(operations.size()));
            sendOne(operation.getKey(), operation.getValue(), failures);
            sent++;
        }
        return new Report(seed, sent, failures);
    }

    private List<Map.Entry<String, String>> operations() {
        List<Map.Entry<String, String>> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it =
                        contract.document().path("paths").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            if (excluded.stream().anyMatch(path.getKey()::startsWith)) {
                continue;
            }
            for (String method : METHODS) {
                if (path.getValue().has(method)) {
                    operations.add(Map.entry(method, path.getKey()));
                }
            }
        }
        return operations;
    }

    private void sendOne(String method, String template, List<Failure> failures) {
        JsonNode operation = contract.document().path("paths").path(template).path(method);
        int mutation = random.nextInt(6);
        String path = template;
        for (String name : parameterNames(template)) {
            String value = mutation == 0 && random.nextBoolean() ? pick(HOSTILE_SEGMENTS) : goodValue(name);
            path = path.replace("{" + name + "}", value);
        }
        StringBuilder query = new StringBuilder();
        for (JsonNode parameter : operation.path("parameters")) {
            if ("query".equals(parameter.path("in").asText()) && (mutation == 1 || random.nextInt(4) == 0)) {
                query.append(query.isEmpty() ? "?" : "&")
                        .append(parameter.path("name").asText())
                        .append('=')
                        .append(mutation == 1 ? pick(HOSTILE_QUERY) : "1");
            }
        }
        if (mutation == 1 && random.nextBoolean()) {
            query.append(query.isEmpty() ? "?" : "&").append("page=1&page=2&%00=x");
        }
        String sentMethod = mutation == 5
                ? pick(new String[] {"PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FROB", "GET", "POST"})
                : method.toUpperCase(Locale.ROOT);
        String contentType = mutation == 4 ? pick(CONTENT_TYPES) : "application/json";
        String accept = mutation == 4 && random.nextBoolean() ? pick(ACCEPTS) : "application/json";
        byte[] body = body(operation, mutation);

        RequestSpecification request =
                given().config(config).urlEncodingEnabled(false).accept(accept);
        String authorization = null;
        if (mutation == 4 && random.nextInt(3) == 0) {
            authorization = pick(
                    new String[] {"Bearer", "Bearer x.y.z", "Basic YTpi", "Bearer " + "a".repeat(5000), "bearer %00"});
            request.header("Authorization", authorization);
        }
        if (body != null && !"GET".equals(sentMethod) && !"TRACE".equals(sentMethod)) {
            request.contentType(contentType).body(body);
        }
        String description = "seed " + seed + ": " + sentMethod + " " + path + query
                + (authorization == null ? "" : " [Authorization: " + abbreviate(authorization) + "]")
                + (body == null
                        ? ""
                        : " [" + contentType + "] " + abbreviate(new String(body, StandardCharsets.UTF_8)));
        Response response;
        try {
            response = request.request(sentMethod, path + query);
        } catch (RuntimeException e) {
            // the service did not answer in time or dropped the connection; anything else is the client refusing to
            // send
            if (serverSide(e)) {
                failures.add(new Failure(
                        description, -1, "", "no answer: " + e.getClass().getSimpleName() + " " + e.getMessage()));
            }
            return;
        }
        int status = response.statusCode();
        String type = response.contentType() == null ? "" : response.contentType();
        String answer = response.asString();
        if (status >= 500 || (status >= 400 && !type.startsWith("application/problem+json"))) {
            failures.add(new Failure(description, status, type, answer == null ? "" : answer));
        } else if (status >= 400 && (answer.contains("Exception") || answer.contains("\tat "))) {
            failures.add(new Failure(description + " (leaks internals)", status, type, answer));
        }
    }

    private static boolean serverSide(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException
                    || cause instanceof SocketException
                    || cause.getClass().getName().equals("org.apache.http.NoHttpResponseException")) {
                return true;
            }
            if (cause instanceof UndeclaredThrowableException undeclared
                    && undeclared.getUndeclaredThrowable() != null
                    && serverSide(undeclared.getUndeclaredThrowable())) {
                return true;
            }
        }
        return false;
    }

    private String goodValue(String name) {
        String known = knownValues == null ? null : knownValues.apply(name);
        return known != null && random.nextInt(4) != 0
                ? known
                : UUID.randomUUID().toString();
    }

    private byte[] body(JsonNode operation, int mutation) {
        JsonNode schema = requestSchema(operation);
        if (schema == null && mutation != 2) {
            return null;
        }
        String text = switch (mutation) {
            case 2 ->
                pick(new String[] {
                    "",
                    "{",
                    "[]",
                    "null",
                    "123",
                    "\"text\"",
                    "{\"a\":1,\"a\":2}",
                    "{} trailing",
                    "{}{}",
                    "[".repeat(5000) + "]".repeat(5000),
                    "{\"x\":1e999999}",
                    "{\"x\":" + "9".repeat(2000) + "}",
                    "\u0000",
                    "{\"x\":\"\\ud800\"}",
                    "{\"x\":\"\\u0000\"}",
                    "{'single':'quotes'}",
                    "{\"x\":NaN}",
                    "\uFEFF{}"
                });
            case 3 -> wrongTyped(schema, 0).toString();
            default -> valid(schema, 0).toString();
        };
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (mutation == 2 && random.nextInt(5) == 0) {
            bytes = new byte[] {'{', '"', 'x', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}; // invalid UTF-8
        }
        return bytes;
    }

    private JsonNode requestSchema(JsonNode operation) {
        for (Iterator<Map.Entry<String, JsonNode>> it =
                        operation.path("requestBody").path("content").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> media = it.next();
            if (media.getValue().has("schema")) {
                return media.getValue().get("schema");
            }
        }
        return null;
    }

    private JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int i = 0; i < 10 && current.has("$ref"); i++) {
            String ref = current.get("$ref").asText();
            current = contract.document().at(ref.substring(1));
        }
        if (current.has("allOf") && current.get("allOf").size() == 1) {
            return resolve(current.get("allOf").get(0));
        }
        return current;
    }

    private String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!"null".equals(t.asText())) {
                    return t.asText();
                }
            }
        }
        return type.isMissingNode() ? (schema.has("properties") ? "object" : "string") : type.asText();
    }

    /** A plausible value of the schema, with a chance of a hostile string in every string. */
    private JsonNode valid(JsonNode raw, int depth) {
        JsonNode schema = resolve(raw);
        return switch (type(schema)) {
            case "object" -> {
                ObjectNode object = JSON.createObjectNode();
                if (depth < 4) {
                    for (Iterator<Map.Entry<String, JsonNode>> it =
                                    schema.path("properties").fields();
                            it.hasNext(); ) {
                        Map.Entry<String, JsonNode> property = it.next();
                        if (random.nextInt(5) != 0) {
                            object.set(property.getKey(), valid(property.getValue(), depth + 1));
                        }
                    }
                }
                yield object;
            }
            case "array" -> {
                ArrayNode array = JSON.createArrayNode();
                int size = depth < 4 ? random.nextInt(3) : 0;
                for (int i = 0; i < size; i++) {
                    array.add(valid(schema.path("items"), depth + 1));
                }
                yield array;
            }
            case "integer" ->
                JSON.getNodeFactory().numberNode(pick(new long[] {0, 1, -1, 100, Integer.MAX_VALUE, Long.MAX_VALUE}));
            case "number" -> JSON.getNodeFactory().numberNode(pick(new double[] {0, 1.5, -1, 1e308}));
            case "boolean" -> JSON.getNodeFactory().booleanNode(random.nextBoolean());
            default -> {
                if (schema.has("enum") && random.nextBoolean()) {
                    yield schema.get("enum")
                            .get(random.nextInt(schema.get("enum").size()));
                }
                yield JSON.getNodeFactory().textNode(pick(new String[] {
                    "value",
                    "post-login",
                    "a\u0000b",
                    "x".repeat(200),
                    "\ud83d\ude00",
                    "<script>",
                    "",
                    " ",
                    "../../etc/passwd",
                    "'; drop table x; --"
                }));
            }
        };
    }

    /** The schema's shape with one or more values of the wrong JSON type. */
    private JsonNode wrongTyped(JsonNode raw, int depth) {
        JsonNode value = valid(raw, depth);
        if (value instanceof ObjectNode object && object.size() > 0) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            object.set(name, pick(new JsonNode[] {
                JSON.createArrayNode().add(1),
                JSON.createObjectNode().put("x", 1),
                JSON.getNodeFactory().numberNode(7),
                JSON.getNodeFactory().textNode("str"),
                JSON.getNodeFactory().booleanNode(true),
                JSON.getNodeFactory().nullNode()
            }));
            return object;
        }
        return pick(new JsonNode[] {
            JSON.createArrayNode(),
            JSON.getNodeFactory().numberNode(1),
            JSON.getNodeFactory().textNode("x")
        });
    }

    private static List<String> parameterNames(String template) {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("\\{([^}/]+)}").matcher(template);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private long pick(long[] values) {
        return values[random.nextInt(values.length)];
    }

    private double pick(double[] values) {
        return values[random.nextInt(values.length)];
    }

    private JsonNode pick(JsonNode[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String abbreviate(String text) {
        String printable = text.replace("\u0000", "\\u0000");
        return printable.length() > 200
                ? printable.substring(0, 200) + "…(" + printable.length() + " chars)"
                : printable;
    }
}
