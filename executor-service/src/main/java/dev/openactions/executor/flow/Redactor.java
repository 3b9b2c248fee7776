package dev.openactions.executor.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Removes known secret values from what an action produced (console lines, error messages and
 * stacks, a test run's commands) before it is kept or shown, in every form the value can take on its
 * way out: as it is; JSON-escaped (as {@code JSON.stringify} and {@code console.log} of an object
 * write it, once or twice, with non-ASCII raw or as {@code \\uXXXX}); escaped as a JavaScript string
 * literal ({@code util.inspect}); URL-encoded (component and form encoding, either hex case); base64
 * and base64url at any alignment inside a longer encoded text; hex. A multi-line value (a PEM key)
 * also has each of its long lines redacted, and a JSON value (a service credential) its compact form
 * and its long string members.
 */
final class Redactor {
    static final String MARK = "[REDACTED]";
    private static final int MIN_LENGTH = 4; // shorter values would redact ordinary words
    private static final int MIN_FRAGMENT = 16; // lines of a PEM key, members of a JSON credential
    private static final int MIN_BASE64_CORE = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> forms;

    Redactor(Collection<String> secretValues) {
        if (secretValues.isEmpty()) { // most actions declare no secrets: nothing to build
            this.forms = List.of();
            return;
        }
        Set<String> all = new LinkedHashSet<>();
        for (String secret : secretValues) {
            if (secret == null || secret.length() < MIN_LENGTH) {
                continue;
            }
            Set<String> values = new LinkedHashSet<>();
            values.add(secret);
            fragments(secret, values);
            for (String value : values) {
                formsOf(value, all);
            }
        }
        this.forms = all.stream()
                .filter(f -> f.length() >= MIN_LENGTH)
                .sorted((a, b) -> b.length() - a.length())
                .toList();
    }

    String redact(String text) {
        if (text == null || forms.isEmpty()) {
            return text;
        }
        String result = text;
        for (String form : forms) {
            if (result.contains(form)) {
                result = result.replace(form, MARK);
            }
        }
        return result;
    }

    /** A copy of {@code node} with every string (and member name) redacted. */
    JsonNode redact(JsonNode node) {
        if (node == null || forms.isEmpty()) {
            return node;
        }
        if (node.isTextual()) {
            return JsonNodeFactory.instance.textNode(redact(node.asText()));
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(e -> copy.set(redact(e.getKey()), redact(e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(redact(element)));
            return copy;
        }
        return node;
    }

    /** Parts of a secret that leak it on their own: long lines of a multi-line value, long members of a JSON value. */
    private static void fragments(String secret, Set<String> values) {
        if (secret.indexOf('\n') >= 0) {
            for (String line : secret.split("\r?\n")) {
                if (line.strip().length() >= MIN_FRAGMENT && !line.strip().startsWith("-----")) {
                    values.add(line.strip());
                }
            }
        }
        String trimmed = secret.strip();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                JsonNode parsed = JSON.readTree(trimmed);
                values.add(parsed.toString()); // compact, as JSON.stringify(JSON.parse(secret)) writes it
                collectStrings(parsed, values);
            } catch (IOException | RuntimeException notJson) {
                // an ordinary secret that happens to start with a brace
            }
        }
    }

    private static void collectStrings(JsonNode node, Set<String> values) {
        if (node.isTextual() && node.asText().length() >= MIN_FRAGMENT) {
            values.add(node.asText());
            fragmentsOfLines(node.asText(), values);
        }
        node.forEach(child -> collectStrings(child, values));
    }

    private static void fragmentsOfLines(String value, Set<String> values) {
        if (value.indexOf('\n') >= 0) {
            for (String line : value.split("\r?\n")) {
                if (line.strip().length() >= MIN_FRAGMENT && !line.strip().startsWith("-----")) {
                    values.add(line.strip());
                }
            }
        }
    }

    private static void formsOf(String value, Set<String> out) {
        Set<String> forms = new LinkedHashSet<>();
        encodings(value, forms);
        for (String form : forms) {
            out.add(form);
            if (form.contains("\\u")) {
                out.add(upperUnicodeEscapes(form)); // Jackson and others write \u001F, JSON.stringify \u001f
            }
        }
    }

    private static void encodings(String value, Set<String> out) {
        out.add(value);
        String json = jsonEscape(value, false);
        out.add(json);
        out.add(jsonEscape(value, true));
        out.add(jsonEscape(json, false)); // JSON of JSON: a stringified object logged as a string inside another
        out.add(jsEscape(value, true));
        out.add(jsEscape(value, false));
        String component = encodeUriComponent(value);
        out.add(component);
        out.add(lowerPercent(component));
        String form = URLEncoder.encode(value, StandardCharsets.UTF_8);
        out.add(form);
        out.add(lowerPercent(form));
        out.add(form.replace("+", "%20"));
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (int offset = 0; offset < 3; offset++) {
            String core = base64Core(bytes, offset);
            if (core.length() >= MIN_BASE64_CORE || offset == 0) {
                out.add(core);
                out.add(core.replace('+', '-').replace('/', '_'));
            }
        }
        out.add(Base64.getEncoder().encodeToString(bytes));
        out.add(Base64.getUrlEncoder().encodeToString(bytes));
        String hex = HexFormat.of().formatHex(bytes);
        out.add(hex);
        out.add(hex.toUpperCase(Locale.ROOT));
    }

    /** As {@code JSON.stringify} escapes a string (without the quotes); {@code asciiOnly}: non-ASCII as \\uXXXX. */
    static String jsonEscape(String value, boolean asciiOnly) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20
                            || (asciiOnly && c > 0x7f)
                            || Character.isSurrogate(c) && !asciiOnly && !validPair(value, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static boolean validPair(String value, int i) {
        char c = value.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
    }

    private static String upperUnicodeEscapes(String escaped) {
        StringBuilder out = new StringBuilder(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            if (escaped.startsWith("\\u", i) && i + 6 <= escaped.length()) {
                out.append("\\u").append(escaped.substring(i + 2, i + 6).toUpperCase(Locale.ROOT));
                i += 5;
            } else {
                out.append(escaped.charAt(i));
            }
        }
        return out.toString();
    }

    /** As Node's {@code util.inspect} writes a string inside its quotes ({@code quoted}: the single quote escaped too). */
    static String jsEscape(String value, boolean quoted) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\'' -> out.append(quoted ? "\\'" : "'");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** {@code encodeURIComponent}: UTF-8, upper-case hex, A-Z a-z 0-9 - _ . ! ~ * ' ( ) left as they are. */
    static String encodeUriComponent(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "-_.!~*'()".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    private static String lowerPercent(String encoded) {
        StringBuilder out = new StringBuilder(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%' && i + 2 < encoded.length()) {
                out.append('%').append(encoded.substring(i + 1, i + 3).toLowerCase(Locale.ROOT));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The base64 characters that depend only on the secret when it starts {@code offset} bytes into a
     * longer encoded text (e.g. {@code base64("user:" + secret)}): the characters mixing in neighbouring
     * bytes are left out, so the core matches wherever the secret sits.
     */
    static String base64Core(byte[] secret, int offset) {
        byte[] shifted = new byte[offset + secret.length];
        System.arraycopy(secret, 0, shifted, offset, secret.length);
        String encoded = Base64.getEncoder().withoutPadding().encodeToString(shifted);
        int from = (8 * offset + 5) / 6;
        int to = (8 * (offset + secret.length)) / 6;
        if (offset == 0) {
            return Base64.getEncoder().withoutPadding().encodeToString(secret).substring(0, Math.max(0, to));
        }
        return to <= from ? "" : encoded.substring(from, Math.min(to, encoded.length()));
    }

    List<String> formsForTest() {
        return new ArrayList<>(forms);
    }
}
