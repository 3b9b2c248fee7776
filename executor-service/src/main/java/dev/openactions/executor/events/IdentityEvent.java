package dev.openactions.executor.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * An identity event from the auth server, as a CloudEvent 1.0 in either Kafka mode: structured (the
 * value is the whole event as JSON) or binary ({@code ce_*} headers, the value is {@code data}). The
 * tenant is the key's prefix ({@code {tenant}/{user_id}}).
 */
public record IdentityEvent(String id, String type, String tenantId, ObjectNode data) {

    /** A record that cannot be an identity event; goes to the dead-letter topic with this reason. */
    public static final class Malformed extends RuntimeException {
        public Malformed(String reason) {
            super(reason);
        }
    }

    public static IdentityEvent parse(ObjectMapper json, String key, String value, Headers headers) {
        if (key == null || key.indexOf('/') <= 0) {
            throw new Malformed("the record key must be {tenant}/{user_id}");
        }
        String tenantId = key.substring(0, key.indexOf('/'));
        if (value == null) {
            throw new Malformed("the record has no value");
        }
        JsonNode body;
        try {
            body = json.readTree(value);
        } catch (IOException e) {
            throw new Malformed("the value is not JSON");
        }
        String binaryId = header(headers, "ce_id");
        if (binaryId != null) {
            if (!body.isObject()) {
                throw new Malformed("data must be a JSON object");
            }
            return new IdentityEvent(binaryId, header(headers, "ce_type"), tenantId, (ObjectNode) body);
        }
        if (!body.isObject() || !body.path("specversion").isTextual()) {
            throw new Malformed("neither a structured CloudEvent (no specversion) nor a binary one (no ce_id header)");
        }
        if (!body.path("id").isTextual() || !body.path("data").isObject()) {
            throw new Malformed("a CloudEvent needs a string id and an object data");
        }
        return new IdentityEvent(
                body.get("id").asText(), body.path("type").asText(null), tenantId, (ObjectNode) body.get("data"));
    }

    private static String header(Headers headers, String name) {
        Header header = headers == null ? null : headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
