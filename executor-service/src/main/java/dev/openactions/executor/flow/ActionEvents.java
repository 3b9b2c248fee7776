package dev.openactions.executor.flow;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * The event each action of one flow sees, as the JSON that crosses into its context: the flow's event
 * (the caller's, without a caller-supplied {@code secrets}, with the tenant) plus that action's
 * {@code secrets} and {@code configuration} — for an installed marketplace integration its customer's
 * configuration from the flow snapshot, otherwise the event's own or an empty object.
 *
 * <p>The flow's event is serialized once and each action's members are appended to it, instead of a
 * deep copy of the event tree and a serialization per action (issue 16). When the flow's event
 * changes ({@code transaction.setMetadata}), {@link #changed()} makes the next action serialize it
 * again.
 */
final class ActionEvents {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final String CONFIGURATION = "configuration";

    private final ObjectNode flowEvent;
    /** The flow's event without {@code configuration}, as JSON without its closing brace; null: stale. */
    private String opening;

    private boolean hasMembers;
    /** The flow's event's own {@code configuration} as JSON, or null. */
    private String ownConfiguration;

    /** @param flowEvent the flow's event, read again after {@link #changed()} (not copied) */
    ActionEvents(ObjectNode flowEvent) {
        this.flowEvent = flowEvent;
    }

    /** The flow's event was changed: the next action's event is serialized from it again. */
    void changed() {
        opening = null;
    }

    /** One action's event, with its secrets and, for an installed integration, its configuration. */
    String forAction(Map<String, String> secretValues, Map<String, String> installConfiguration) {
        if (opening == null) {
            serializeFlowEvent();
        }
        try {
            String configuration = installConfiguration != null
                    ? JSON.writeValueAsString(installConfiguration)
                    : ownConfiguration != null ? ownConfiguration : "{}";
            // most actions declare no secrets
            String secrets = secretValues.isEmpty() ? "{}" : JSON.writeValueAsString(secretValues);
            return new StringBuilder(opening.length() + secrets.length() + configuration.length() + 32)
                    .append(opening)
                    .append(hasMembers ? "," : "")
                    .append("\"secrets\":")
                    .append(secrets)
                    .append(",\"" + CONFIGURATION + "\":")
                    .append(configuration)
                    .append('}')
                    .toString();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void serializeFlowEvent() {
        StringWriter out = new StringWriter(1024);
        boolean members = false;
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            for (Iterator<Map.Entry<String, JsonNode>> fields = flowEvent.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!field.getKey().equals(CONFIGURATION)) {
                    json.writeFieldName(field.getKey());
                    JSON.writeTree(json, field.getValue());
                    members = true;
                }
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String whole = out.toString();
        opening = whole.substring(0, whole.length() - 1); // without the closing brace
        hasMembers = members;
        JsonNode own = flowEvent.get(CONFIGURATION);
        ownConfiguration = own == null ? null : own.toString();
    }
}
