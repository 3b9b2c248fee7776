package dev.openactions.executor.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * The wire writes a property without a value as {@code null} (Jackson's default), so the document
 * says so: every property a schema does not list as required also admits {@code null} — a type
 * gains {@code "null"}, a reference becomes {@code anyOf: [ref, null]}. Without it a generated client
 * refuses real responses (an action with no deployed version, an audit event without detail).
 */
public class NullableProperties implements OASFilter {
    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        openAPI.getComponents().getSchemas().values().forEach(NullableProperties::admitNull);
    }

    static void admitNull(Schema schema) {
        if (schema.getProperties() == null) {
            return;
        }
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        for (Map.Entry<String, Schema> property : new LinkedHashMap<>(schema.getProperties()).entrySet()) {
            Schema value = property.getValue();
            if (required.contains(property.getKey()) || value == null) {
                continue;
            }
            if (value.getType() != null && !value.getType().isEmpty()) {
                if (!value.getType().contains(Schema.SchemaType.NULL)) {
                    value.addType(Schema.SchemaType.NULL);
                    if (value.getEnumeration() != null
                            && !value.getEnumeration().contains(null)) {
                        value.addEnumeration(null);
                    }
                }
            } else if (value.getRef() != null || value.getAllOf() != null || value.getOneOf() != null) {
                Schema nullable = OASFactory.createSchema()
                        .addAnyOf(value)
                        .addAnyOf(OASFactory.createSchema().addType(Schema.SchemaType.NULL));
                schema.addProperty(property.getKey(), nullable);
            }
        }
    }
}
