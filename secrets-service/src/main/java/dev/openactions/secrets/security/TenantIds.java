package dev.openactions.secrets.security;

import jakarta.json.JsonString;
import java.util.Optional;
import java.util.regex.Pattern;

/** Tenant ids as the platform writes them into keys and paths ({@code {tenant}/{trigger}}). */
final class TenantIds {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}");

    private TenantIds() {}

    static boolean isValid(String tenant) {
        return VALID.matcher(tenant).matches();
    }

    /**
     * The tenant a claim value names, taken verbatim: only a JSON string that is a valid tenant id.
     * Nothing is stripped or converted (an array, an object, a number, {@code "\"acme\""} name no tenant).
     */
    static Optional<String> of(Object claim) {
        String text =
                claim instanceof JsonString json ? json.getString() : claim instanceof String plain ? plain : null;
        return text != null && isValid(text) ? Optional.of(text) : Optional.empty();
    }
}
