package dev.openactions.registry.marketplace;

import dev.openactions.registry.domain.RegistryException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Checks a customer's values against a manifest: a missing required field and an unknown field are
 * each a 400 naming the field; a select's value must be one of its options. Configuration gets the
 * manifest's defaults for fields left out.
 */
final class InstallValues {
    private InstallValues() {}

    /** The configuration to store: given values checked, defaults filled in. */
    static Map<String, String> configuration(Manifest manifest, Map<String, String> given) {
        Map<String, String> values = given == null ? Map.of() : given;
        Set<String> known =
                manifest.configuration().stream().map(Manifest.Field::name).collect(Collectors.toSet());
        rejectUnknown("configuration", values.keySet(), known);
        Map<String, String> result = new LinkedHashMap<>();
        for (Manifest.Field field : manifest.configuration()) {
            String value = values.containsKey(field.name()) ? values.get(field.name()) : field.defaultValue();
            if (value == null || value.isEmpty()) {
                if (field.mandatory()) {
                    throw new RegistryException.Invalid("configuration field " + field.name() + " is required");
                }
                continue;
            }
            checkOption("configuration", field, value);
            result.put(field.name(), value);
        }
        return result;
    }

    /**
     * Checks secrets: {@code given} are the new values, {@code stored} the names that already have a
     * value (kept when not given again). Returns nothing: the values go to secrets-service as they are.
     */
    static void secrets(Manifest manifest, Map<String, String> given, Set<String> stored) {
        Map<String, String> values = given == null ? Map.of() : given;
        Set<String> known =
                manifest.secrets().stream().map(Manifest.Field::name).collect(Collectors.toSet());
        rejectUnknown("secret", values.keySet(), known);
        for (Manifest.Field field : manifest.secrets()) {
            String value = values.get(field.name());
            boolean present = (value != null && !value.isEmpty())
                    || (!values.containsKey(field.name()) && stored.contains(field.name()));
            if (field.mandatory() && !present) {
                throw new RegistryException.Invalid("secret " + field.name() + " is required");
            }
            if (value != null) {
                checkOption("secret", field, value);
            }
        }
    }

    private static void rejectUnknown(String kind, Set<String> given, Set<String> known) {
        Set<String> unknown = new TreeSet<>(given);
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new RegistryException.Invalid("unknown " + kind + " field" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + ": the integration version does not declare "
                    + (unknown.size() > 1 ? "them" : "it"));
        }
    }

    private static void checkOption(String kind, Manifest.Field field, String value) {
        if (field.options() != null && !field.options().contains(value)) {
            throw new RegistryException.Invalid(kind + " field " + field.name() + " must be one of " + field.options());
        }
    }
}
