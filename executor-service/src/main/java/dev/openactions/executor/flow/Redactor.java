package dev.openactions.executor.flow;

import java.util.Collection;
import java.util.List;

/** Removes known secret values from text an action produced (logs, error messages) before it is kept. */
final class Redactor {
    private static final int MIN_LENGTH = 4; // shorter values would redact ordinary words

    private final List<String> secrets;

    Redactor(Collection<String> secretValues) {
        this.secrets = secretValues.stream().filter(v -> v != null && v.length() >= MIN_LENGTH)
                .sorted((a, b) -> b.length() - a.length()).toList();
    }

    String redact(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, "[REDACTED]");
        }
        return result;
    }
}
