package dev.openactions.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.JSON;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Validates Kubernetes core objects (and core types embedded in custom resources) with the models of
 * the official Kubernetes Java client, which are generated from the Kubernetes OpenAPI document.
 *
 * <p>Two checks per value: the model's own {@code validateJsonElement} (rejects any field the API does
 * not define and missing required fields, recursively), then a round trip through the model's Gson
 * adapters, which catches wrong value types that Gson would otherwise coerce (a quoted port number,
 * for instance): the value must come back unchanged.
 */
final class KubernetesModels {

    private static final String MODELS = "io.kubernetes.client.openapi.models.";

    /** API groups whose kinds are Kubernetes built-ins. */
    private static final Set<String> CORE_GROUPS = Set.of(
            "",
            "apps",
            "batch",
            "policy",
            "autoscaling",
            "networking.k8s.io",
            "rbac.authorization.k8s.io",
            "scheduling.k8s.io",
            "storage.k8s.io",
            "coordination.k8s.io",
            "discovery.k8s.io",
            "node.k8s.io");

    private KubernetesModels() {}

    static boolean isCoreGroup(String group) {
        return CORE_GROUPS.contains(group);
    }

    /** The model class for a built-in kind, e.g. autoscaling/v2 HorizontalPodAutoscaler -> V2HorizontalPodAutoscaler. */
    static Optional<Class<?>> modelFor(String group, String version, String kind) {
        if (!isCoreGroup(group) || version.isEmpty() || kind.isEmpty()) {
            return Optional.empty();
        }
        return model(Character.toUpperCase(version.charAt(0)) + version.substring(1) + kind);
    }

    static Optional<Class<?>> model(String simpleName) {
        try {
            return Optional.of(Class.forName(MODELS + simpleName));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Violations of {@code value} against model {@code modelClass}; {@code path} prefixes messages. */
    static List<String> validate(Class<?> modelClass, JsonNode value, String path) {
        List<String> violations = new ArrayList<>();
        JsonElement element = JsonParser.parseString(value.toString());
        try {
            Method validate = modelClass.getMethod("validateJsonElement", JsonElement.class);
            validate.invoke(null, element);
        } catch (InvocationTargetException e) {
            violations.add(where(path) + modelClass.getSimpleName() + ": "
                    + clip(e.getCause().getMessage()));
            return violations;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("not a generated Kubernetes model: " + modelClass, e);
        }
        JsonElement roundTrip;
        try {
            roundTrip = JSON.getGson().toJsonTree(JSON.getGson().fromJson(element, modelClass));
        } catch (RuntimeException e) {
            violations.add(where(path) + modelClass.getSimpleName() + ": " + clip(String.valueOf(e.getMessage())));
            return violations;
        }
        compare(element, roundTrip, path.isEmpty() ? "" : path, violations);
        return violations;
    }

    /** Reports where {@code after} (the model's reading) differs from {@code before} (the manifest). */
    private static void compare(JsonElement before, JsonElement after, String path, List<String> out) {
        if (before.isJsonObject() && after != null && after.isJsonObject()) {
            JsonObject b = before.getAsJsonObject();
            JsonObject a = after.getAsJsonObject();
            Set<String> keys = new TreeSet<>(b.keySet());
            for (String key : keys) {
                JsonElement bv = b.get(key);
                if (bv.isJsonNull()) {
                    continue;
                }
                compare(bv, a.get(key), path.isEmpty() ? key : path + "." + key, out);
            }
        } else if (before.isJsonArray() && after != null && after.isJsonArray()) {
            JsonArray b = before.getAsJsonArray();
            JsonArray a = after.getAsJsonArray();
            for (int i = 0; i < b.size(); i++) {
                compare(b.get(i), i < a.size() ? a.get(i) : null, path + "[" + i + "]", out);
            }
        } else if (!sameValue(before, after)) {
            out.add(where(path) + "value " + before + " is not of the type the API defines (read back as "
                    + (after == null ? "nothing" : after) + ")");
        }
    }

    private static boolean sameValue(JsonElement before, JsonElement after) {
        if (after == null) {
            return before.isJsonObject() && before.getAsJsonObject().isEmpty();
        }
        if (before.equals(after)) {
            return true;
        }
        if (before.isJsonPrimitive() && after.isJsonPrimitive()) {
            JsonPrimitive b = before.getAsJsonPrimitive();
            JsonPrimitive a = after.getAsJsonPrimitive();
            if (b.isNumber() && a.isNumber()) {
                return b.getAsBigDecimal().compareTo(a.getAsBigDecimal()) == 0;
            }
            if (b.isString() && a.isString()) {
                // Quantities come back in canonical form ("1000m" -> "1"): same amount, same value.
                try {
                    return Quantity.fromString(b.getAsString())
                                    .getNumber()
                                    .compareTo(
                                            Quantity.fromString(a.getAsString()).getNumber())
                            == 0;
                } catch (RuntimeException notAQuantity) {
                    return false;
                }
            }
        }
        return false;
    }

    private static String where(String path) {
        return path.isEmpty() ? "" : path + ": ";
    }

    private static String clip(String message) {
        int json = message.indexOf(" JSON: ");
        return json < 0 ? message : message.substring(0, json);
    }
}
