package dev.openactions.registry.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Makes every string of a JSON tree storable in PostgreSQL: a NUL character (U+0000, which neither
 * {@code text} nor {@code jsonb} accepts) and a lone UTF-16 surrogate (not valid Unicode, refused by
 * {@code jsonb}) become U+FFFD, the replacement character. Action logs are free text that an action
 * controls, so any of these can reach an execution record.
 */
final class JsonSanitizer {
    static final char REPLACEMENT = '\uFFFD';

    private JsonSanitizer() {}

    /** Cleans {@code node} in place (values and field names); returns whether anything changed. */
    static boolean sanitize(JsonNode node) {
        boolean changed = false;
        if (node instanceof ObjectNode object) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(object.properties());
            for (Map.Entry<String, JsonNode> field : fields) {
                String clean = clean(field.getKey());
                JsonNode value = field.getValue();
                if (value.isTextual()) {
                    String text = clean(value.textValue());
                    if (!text.equals(value.textValue())) {
                        value = TextNode.valueOf(text);
                        changed = true;
                    }
                } else {
                    changed |= sanitize(value);
                }
                if (!clean.equals(field.getKey())) {
                    object.remove(field.getKey());
                    changed = true;
                }
                object.set(clean, value);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode value = array.get(i);
                if (value.isTextual()) {
                    String text = clean(value.textValue());
                    if (!text.equals(value.textValue())) {
                        array.set(i, TextNode.valueOf(text));
                        changed = true;
                    }
                } else {
                    changed |= sanitize(value);
                }
            }
        }
        return changed;
    }

    /** {@code text} with NULs and lone surrogates replaced by U+FFFD (the same instance if there were none). */
    static String clean(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean bad;
            if (c == '\0') {
                bad = true;
            } else if (Character.isHighSurrogate(c)) {
                bad = i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
            } else if (Character.isLowSurrogate(c)) {
                bad = i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
            } else {
                bad = false;
            }
            if (bad && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(bad ? REPLACEMENT : c);
            }
        }
        return out == null ? text : out.toString();
    }
}
