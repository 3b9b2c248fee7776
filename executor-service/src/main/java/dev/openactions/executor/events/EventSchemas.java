package dev.openactions.executor.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The JSON Schemas of identity events' {@code data}, one per CloudEvent type, as published in the
 * contracts module ({@code schemas/<type>.json}). Validation is networknt's, not hand-written checks.
 */
@ApplicationScoped
public class EventSchemas {
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final Map<String, Optional<JsonSchema>> schemas = new ConcurrentHashMap<>();

    /** The violations of {@code data} against the type's schema, empty if it conforms; empty Optional if no schema exists for the type. */
    public Optional<String> violations(String type, JsonNode data) {
        Optional<JsonSchema> schema = schemas.computeIfAbsent(type, this::load);
        if (schema.isEmpty()) {
            return Optional.of("no schema for event type '" + type + "'");
        }
        Set<ValidationMessage> messages = schema.get().validate(data);
        if (messages.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(messages.stream()
                .map(ValidationMessage::getMessage)
                .sorted()
                .limit(10)
                .collect(Collectors.joining("; ")));
    }

    private Optional<JsonSchema> load(String type) {
        if (!type.matches("[a-z0-9.\\-]+")) {
            return Optional.empty();
        }
        try (InputStream in =
                Thread.currentThread().getContextClassLoader().getResourceAsStream("schemas/" + type + ".json")) {
            return in == null ? Optional.empty() : Optional.of(factory.getSchema(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
