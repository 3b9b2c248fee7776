package dev.openactions.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What a tenant's CI and an auth server do with the platform, over its real interfaces: the
 * registry's Management API, the executor's flow endpoint, and identity events on Kafka. Used by the
 * demo and by the end-to-end tests.
 */
public final class PlatformClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A response: status and parsed JSON body (null when the body is not JSON). */
    public record Reply(int status, JsonNode body, String raw) {
        public Reply expect(int expected) {
            if (status != expected) {
                throw new IllegalStateException("expected HTTP " + expected + " but got " + status + ": " + raw);
            }
            return this;
        }
    }

    /** Scopes of a tenant's CI on the Management API, and of the auth server on the executor. */
    public static final List<String> MANAGEMENT_SCOPES =
            List.of("read:actions", "create:actions", "update:actions", "delete:actions");

    public static final List<String> FLOW_SCOPES = List.of("execute:flows");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String registryUrl;
    private final String executorUrl;
    private final String managementToken;
    private final String flowsToken;
    private final KafkaProducer<String, String> producer;

    /**
     * A client acting for one tenant: its CI's token on the registry, its auth server's token on the
     * executor, both minted with the local signing key.
     */
    public PlatformClient(
            String registryUrl, String executorUrl, String bootstrapServers, TokenMint tokens, String tenant) {
        this.registryUrl = registryUrl;
        this.executorUrl = executorUrl;
        this.managementToken = tokens.mint(tenant + "-ci", tenant, MANAGEMENT_SCOPES, Duration.ofHours(12));
        this.flowsToken = tokens.mint(tenant + "-auth-server", tenant, FLOW_SCOPES, Duration.ofHours(12));
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** The JSON of an action for {@code POST /api/v2/actions/actions}. */
    public static ObjectNode actionJson(String name, String trigger, String code, List<String[]> secrets) {
        ObjectNode action = JSON.createObjectNode();
        action.put("name", name);
        action.putArray("supported_triggers").addObject().put("id", trigger);
        action.put("code", code);
        action.put("runtime", "node22");
        ArrayNode secretArray = action.putArray("secrets");
        secrets.forEach(s -> secretArray.addObject().put("name", s[0]).put("value", s[1]));
        return action;
    }

    public Reply createAction(ObjectNode action) {
        return send("POST", registryUrl + "/api/v2/actions/actions", action.toString());
    }

    public Reply deploy(String actionId) {
        return send("POST", registryUrl + "/api/v2/actions/actions/" + actionId + "/deploy", null);
    }

    /** Deploys and waits until the new version is built and live (deploys are asynchronous). */
    public JsonNode deployAndAwaitBuilt(String actionId, Duration timeout) {
        JsonNode version = deploy(actionId).expect(202).body();
        String versionId = version.path("id").asText();
        return Poll.until(timeout, Duration.ofMillis(100), "version " + versionId + " to be built", () -> {
            JsonNode current = send(
                            "GET", registryUrl + "/api/v2/actions/actions/" + actionId + "/versions/" + versionId, null)
                    .expect(200)
                    .body();
            String status = current.path("status").asText();
            if ("failed".equals(status)) {
                throw new Poll.Abort("version " + versionId + " failed to build: " + current.path("errors"));
            }
            return "built".equals(status) && current.path("deployed").asBoolean() ? current : null;
        });
    }

    public Reply bind(String trigger, List<String> actionIds) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode bindings = body.putArray("bindings");
        actionIds.forEach(id ->
                bindings.addObject().putObject("ref").put("type", "action_id").put("value", id));
        return send("PATCH", registryUrl + "/api/v2/actions/triggers/" + trigger + "/bindings", body.toString());
    }

    public Reply runFlow(String trigger, JsonNode event) {
        ObjectNode body = JSON.createObjectNode();
        body.set("event", event);
        return send("POST", executorUrl + "/api/v1/flows/" + trigger, body.toString());
    }

    /** Publishes a structured-mode CloudEvent for a user, keyed {@code {tenant}/{user_id}}. */
    public void publishIdentityEvent(String topic, String type, String eventId, String tenant, JsonNode data) {
        String userId = data.path("user").path("user_id").asText();
        ObjectNode event = JSON.createObjectNode();
        event.put("specversion", "1.0")
                .put("id", eventId)
                .put("source", "/openactions/demo-auth-server")
                .put("type", type)
                .put("time", Instant.now().toString())
                .put("datacontenttype", "application/json");
        event.set("data", data);
        try {
            producer.send(new ProducerRecord<>(topic, tenant + "/" + userId, event.toString()))
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }

    /** Sends with the tenant's executor token to the executor, with its Management API token elsewhere. */
    public Reply send(String method, String url, String body) {
        return send(method, url, body, url.startsWith(executorUrl) ? flowsToken : managementToken);
    }

    /** Sends with this bearer token (none when null). */
    public Reply send(String method, String url, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), parse(response.body()), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
