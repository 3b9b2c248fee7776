package dev.openactions.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Validates a value against a CRD {@code openAPIV3Schema} the way the API server does with strict
 * field validation: types, required fields, enums, bounds, patterns, oneOf/anyOf/allOf/not, and
 * unknown fields. A field is unknown when its object's schema neither lists it nor allows other
 * fields ({@code additionalProperties} or {@code x-kubernetes-preserve-unknown-fields}).
 *
 * <p>{@code x-openactions-kubernetes-model: <model>} (used by the vendored subsets only) hands the
 * value to the Kubernetes model validation instead.
 */
final class StructuralSchemaValidator {

    static final String KUBERNETES_MODEL = "x-openactions-kubernetes-model";

    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    private final BiFunction<String, JsonNode, List<String>> modelValidator;

    /** @param modelValidator (model name, value) to violations, for {@link #KUBERNETES_MODEL} nodes */
    StructuralSchemaValidator(BiFunction<String, JsonNode, List<String>> modelValidator) {
        this.modelValidator = modelValidator;
    }

    List<String> validate(JsonNode schema, JsonNode value, String path) {
        List<String> out = new ArrayList<>();
        check(schema, value, path, out, true);
        return out;
    }

    /**
     * @param structural false inside allOf/anyOf/oneOf/not branches: they only add value constraints,
     *     so fields they do not mention are not "unknown" there
     */
    private void check(JsonNode schema, JsonNode value, String path, List<String> out, boolean structural) {
        if (schema.has(KUBERNETES_MODEL)) {
            String model = schema.get(KUBERNETES_MODEL).asText();
            for (String violation : modelValidator.apply(model, value)) {
                out.add(at(path) + violation);
            }
            return;
        }
        if (value.isNull()) {
            if (!schema.path("nullable").asBoolean(false)) {
                out.add(at(path) + "null is not allowed");
            }
            return;
        }
        boolean intOrString = schema.path("x-kubernetes-int-or-string").asBoolean(false);
        String type = schema.path("type").asText("");
        if (intOrString) {
            if (!value.isIntegralNumber() && !value.isTextual()) {
                out.add(at(path) + "must be an integer or a string, found " + describe(value));
                return;
            }
        } else if (!type.isEmpty() && !hasType(value, type)) {
            out.add(at(path) + "must be " + type + ", found " + describe(value));
            return;
        }
        checkValue(schema, value, path, out);
        if (value.isObject()) {
            checkObject(schema, value, path, out, structural);
        } else if (value.isArray()) {
            checkArray(schema, value, path, out, structural);
        }
        checkCombinators(schema, value, path, out);
    }

    private void checkObject(JsonNode schema, JsonNode value, String path, List<String> out, boolean structural) {
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.get("additionalProperties");
        boolean preserveUnknown =
                schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        boolean embedded = schema.path("x-kubernetes-embedded-resource").asBoolean(false);
        for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            String fieldPath = path.isEmpty() ? name : path + "." + name;
            if (path.isEmpty() && name.equals("metadata")) {
                continue; // a custom resource's metadata is an ObjectMeta, validated as such by the caller
            }
            if (properties.has(name)) {
                check(properties.get(name), field.getValue(), fieldPath, out, structural);
            } else if (additional != null && additional.isObject()) {
                check(additional, field.getValue(), fieldPath, out, structural);
            } else if (!structural
                    || preserveUnknown
                    || (additional != null && additional.asBoolean(false))
                    || (embedded && (name.equals("apiVersion") || name.equals("kind") || name.equals("metadata")))) {
                // allowed
            } else {
                out.add(at(fieldPath) + "unknown field");
            }
        }
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                String missing = path.isEmpty() ? required.asText() : path + "." + required.asText();
                out.add(at(missing) + "required field is missing");
            }
        }
        int size = value.size();
        if (schema.has("minProperties") && size < schema.get("minProperties").asInt()) {
            out.add(at(path) + "needs at least " + schema.get("minProperties").asInt() + " properties");
        }
        if (schema.has("maxProperties") && size > schema.get("maxProperties").asInt()) {
            out.add(at(path) + "allows at most " + schema.get("maxProperties").asInt() + " properties");
        }
    }

    private void checkArray(JsonNode schema, JsonNode value, String path, List<String> out, boolean structural) {
        JsonNode items = schema.get("items");
        if (items != null && items.isObject()) {
            for (int i = 0; i < value.size(); i++) {
                check(items, value.get(i), path + "[" + i + "]", out, structural);
            }
        }
        if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
            out.add(at(path) + "needs at least " + schema.get("minItems").asInt() + " items");
        }
        if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
            out.add(at(path) + "allows at most " + schema.get("maxItems").asInt() + " items");
        }
    }

    /** enum, numeric bounds, string length and pattern. */
    private static void checkValue(JsonNode schema, JsonNode value, String path, List<String> out) {
        JsonNode enumeration = schema.get("enum");
        if (enumeration != null && enumeration.isArray()) {
            boolean found = false;
            for (JsonNode allowed : enumeration) {
                found |= equalValues(allowed, value);
            }
            if (!found) {
                out.add(at(path) + describe(value) + " is not one of " + enumeration);
            }
        }
        if (value.isNumber()) {
            BigDecimal number = value.decimalValue();
            if (schema.has("minimum")) {
                BigDecimal min = schema.get("minimum").decimalValue();
                boolean exclusive = schema.path("exclusiveMinimum").asBoolean(false);
                if (exclusive ? number.compareTo(min) <= 0 : number.compareTo(min) < 0) {
                    out.add(at(path) + value + " is below the minimum " + min);
                }
            }
            if (schema.has("maximum")) {
                BigDecimal max = schema.get("maximum").decimalValue();
                boolean exclusive = schema.path("exclusiveMaximum").asBoolean(false);
                if (exclusive ? number.compareTo(max) >= 0 : number.compareTo(max) > 0) {
                    out.add(at(path) + value + " is above the maximum " + max);
                }
            }
        }
        if (value.isTextual()) {
            String text = value.asText();
            if (schema.has("minLength")
                    && text.codePointCount(0, text.length())
                            < schema.get("minLength").asInt()) {
                out.add(at(path) + "is shorter than " + schema.get("minLength").asInt());
            }
            if (schema.has("maxLength")
                    && text.codePointCount(0, text.length())
                            > schema.get("maxLength").asInt()) {
                out.add(at(path) + "is longer than " + schema.get("maxLength").asInt());
            }
            if (schema.has("pattern")) {
                String regex = schema.get("pattern").asText();
                if (!PATTERNS.computeIfAbsent(regex, Pattern::compile)
                        .matcher(text)
                        .find()) {
                    out.add(at(path) + "\"" + text + "\" does not match " + regex);
                }
            }
        }
    }

    private void checkCombinators(JsonNode schema, JsonNode value, String path, List<String> out) {
        for (JsonNode branch : schema.path("allOf")) {
            check(branch, value, path, out, false);
        }
        if (schema.has("anyOf") && passing(schema.get("anyOf"), value, path) == 0) {
            out.add(at(path) + "matches none of the anyOf alternatives " + summary(schema.get("anyOf")));
        }
        if (schema.has("oneOf")) {
            int passing = passing(schema.get("oneOf"), value, path);
            if (passing != 1) {
                out.add(at(path) + "must match exactly one of the oneOf alternatives " + summary(schema.get("oneOf"))
                        + ", matches " + passing);
            }
        }
        if (schema.has("not") && branchPasses(schema.get("not"), value, path)) {
            out.add(at(path) + "must not match " + schema.get("not"));
        }
    }

    private int passing(JsonNode branches, JsonNode value, String path) {
        int passing = 0;
        for (JsonNode branch : branches) {
            if (branchPasses(branch, value, path)) {
                passing++;
            }
        }
        return passing;
    }

    private boolean branchPasses(JsonNode branch, JsonNode value, String path) {
        List<String> violations = new ArrayList<>();
        check(branch, value, path, violations, false);
        return violations.isEmpty();
    }

    private static String summary(JsonNode branches) {
        String text = branches.toString();
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "boolean" -> value.isBoolean();
            case "integer" ->
                value.isIntegralNumber()
                        || (value.isNumber()
                                && value.decimalValue().stripTrailingZeros().scale() <= 0);
            case "number" -> value.isNumber();
            default -> true;
        };
    }

    private static boolean equalValues(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private static String describe(JsonNode value) {
        String kind = value.isObject()
                ? "object"
                : value.isArray()
                        ? "array"
                        : value.isTextual()
                                ? "string"
                                : value.isBoolean() ? "boolean" : value.isNumber() ? "number" : "null";
        return value.isContainerNode() ? kind : kind + " " + value;
    }

    private static String at(String path) {
        return path.isEmpty() ? "" : path + ": ";
    }
}
