package dev.openactions.executor.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Secrets never leak, in any encoding (docs/security.md): a secret never survives into what is
 * kept or shown, whatever its characters and
 * whichever form it took on the way out. The encodings here are computed independently of the
 * redactor (Jackson, the JDK's URL and base64 encoders, hand-written escapes).
 */
class RedactorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper ASCII_JSON =
            JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    static final String PEM = """
            -----BEGIN PRIVATE KEY-----
            MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj
            MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu
            NMoSfm76oqFvAp8Gy0iz5sxjZmSnXyCdPEovGhLa0VzMaQ8s+CLOyS56YyCFGeJZ
            -----END PRIVATE KEY-----
            """;
    static final String JSON_CREDENTIAL = """
            {
              "type": "service_account",
              "client_email": "svc@project.iam.example.com",
              "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSj\\n-----END PRIVATE KEY-----\\n"
            }""";

    /** The awkward values: quotes, backslashes, newlines, PEM keys, JSON credentials, non-ASCII. */
    static Stream<String> awkwardValues() {
        return Stream.of(
                "plain-api-key-0123456789",
                "with \"double\" and 'single' quotes",
                "back\\slash\\and\\more",
                "line one\nline two\r\nline three\ttabbed",
                PEM,
                JSON_CREDENTIAL,
                "pässwörd-Ünïcødé-€-🙂-日本語",
                "sp ace&amp=eq+plus/slash?q#h%pct",
                "ctl\u0001\u001fchars\u007f",
                "abcd");
    }

    /** The forms a value takes on its way out of an action. */
    static final Map<String, Function<String, String>> FORMS = Map.ofEntries(
            Map.entry("raw", s -> s),
            Map.entry("JSON.stringify / console.log(object)", RedactorTest::json),
            Map.entry("JSON with \\u escapes (Jackson ESCAPE_NON_ASCII, Python)", RedactorTest::asciiJson),
            Map.entry("JSON of JSON", s -> json(json(s))),
            Map.entry("util.inspect, single-quoted", s -> inspect(s, true)),
            Map.entry("util.inspect, double-quoted", s -> inspect(s, false)),
            Map.entry("encodeURIComponent", RedactorTest::encodeUriComponent),
            Map.entry("encodeURIComponent, lower-case hex", s -> lowerHex(encodeUriComponent(s))),
            Map.entry("URLSearchParams / form encoding", s -> URLEncoder.encode(s, StandardCharsets.UTF_8)),
            Map.entry("base64", s -> Base64.getEncoder().encodeToString(utf8(s))),
            Map.entry("base64url", s -> Base64.getUrlEncoder().withoutPadding().encodeToString(utf8(s))),
            Map.entry(
                    "Basic auth header (base64 of user:secret)",
                    s -> "Basic " + Base64.getEncoder().encodeToString(utf8("user:" + s))),
            Map.entry("base64 one byte in", s -> Base64.getEncoder().encodeToString(utf8("x" + s + "yz"))),
            Map.entry("base64url two bytes in", s -> Base64.getUrlEncoder().encodeToString(utf8("ab" + s))),
            Map.entry("hex", s -> HexFormat.of().formatHex(utf8(s))));

    static Stream<Arguments> table() {
        return awkwardValues()
                .flatMap(value -> FORMS.entrySet().stream()
                        .map(form -> Arguments.of(label(value), form.getKey(), value, form.getValue())));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("table")
    void aSecretIsRedactedInEveryForm(String label, String formName, String secret, Function<String, String> form) {
        Redactor redactor = new Redactor(List.of(secret, "another-secret"));
        String encoded = form.apply(secret);
        String line = "before " + encoded + " after";

        String redacted = redactor.redact(line);

        assertThat(redacted).as(formName).contains(Redactor.MARK).doesNotContain(encoded);
        if (secret.length() >= 8) {
            // no recognisable piece of the secret is left either
            assertThat(redacted)
                    .doesNotContain(secret)
                    .doesNotContain(encoded.substring(Math.max(0, encoded.length() / 2 - 4), encoded.length() / 2 + 4));
        }
        assertThat(redacted).startsWith("before ").endsWith(" after");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("awkwardValues")
    void aSecretInsideAnObjectLoggedAsAWholeIsRedacted(String secret) throws Exception {
        Redactor redactor = new Redactor(List.of(secret));
        String logged = JSON.writeValueAsString(Map.of("secrets", Map.of("KEY", secret), "user", "ada"));
        String redacted = redactor.redact(logged);
        assertThat(redacted)
                .contains("\"user\":\"ada\"")
                .contains(Redactor.MARK)
                .doesNotContain(json(secret));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("awkwardValues")
    void jsonTreesAreRedactedValueByValue(String secret) {
        Redactor redactor = new Redactor(List.of(secret));
        var node = JSON.createObjectNode()
                .put("claim", "x-" + secret)
                .set("nested", JSON.createArrayNode().add(secret).add(1));
        assertThat(redactor.redact(node).toString())
                .doesNotContain(json(secret))
                .contains(Redactor.MARK)
                .contains("\"nested\":[");
    }

    @Test
    void thePartsOfAPemKeyAndOfAJsonCredentialAreRedactedOnTheirOwn() {
        Redactor redactor = new Redactor(List.of(PEM, JSON_CREDENTIAL));
        String secondLine = PEM.split("\n")[1];
        assertThat(redactor.redact("line: " + secondLine)).isEqualTo("line: " + Redactor.MARK);
        assertThat(
                        redactor.redact(
                                "key="
                                        + json(
                                                "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSj\n-----END PRIVATE KEY-----\n")))
                .doesNotContain("MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSj");
        assertThat(redactor.redact("email svc@project.iam.example.com")).doesNotContain("svc@project.iam.example.com");
    }

    @Test
    void shortValuesAndUnrelatedTextAreLeftAlone() {
        Redactor redactor = new Redactor(List.of("abc", "s3cr3t-value"));
        assertThat(redactor.redact("abc is not a secret here")).isEqualTo("abc is not a secret here");
        assertThat(redactor.redact("nothing to hide")).isEqualTo("nothing to hide");
    }

    // ---- independent encoders ---------------------------------------------------------------------

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String json(String s) {
        try {
            String quoted = JSON.writeValueAsString(s);
            return quoted.substring(1, quoted.length() - 1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String asciiJson(String s) {
        try {
            String quoted = ASCII_JSON.writeValueAsString(s);
            return quoted.substring(1, quoted.length() - 1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Node's util.inspect string escaping (lib/internal/util/inspect.js strEscape). */
    private static String inspect(String s, boolean singleQuoted) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '\'' && singleQuoted) {
                out.append("\\'");
            } else if (c == '\\') {
                out.append("\\\\");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\b') {
                out.append("\\b");
            } else if (c == '\f') {
                out.append("\\f");
            } else if (c < 0x20 || c == 0x7f) {
                out.append("\\x").append(String.format("%02X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String encodeUriComponent(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("%21", "!")
                .replace("%27", "'")
                .replace("%28", "(")
                .replace("%29", ")")
                .replace("%7E", "~");
    }

    private static String lowerHex(String encoded) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < encoded.length(); i++) {
            if (encoded.charAt(i) == '%') {
                out.append('%').append(encoded.substring(i + 1, i + 3).toLowerCase());
                i += 2;
            } else {
                out.append(encoded.charAt(i));
            }
        }
        return out.toString();
    }

    private static String label(String value) {
        String oneLine = value.replace("\n", "\\n").replace("\r", "\\r");
        return oneLine.length() > 24 ? oneLine.substring(0, 24) + "…" : oneLine;
    }
}
