package dev.openactions.executor.security;

import java.util.regex.Pattern;

/** Tenant ids as the platform writes them into keys and paths ({@code {tenant}/{trigger}}). */
final class TenantIds {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}");

    private TenantIds() {
    }

    static boolean isValid(String tenant) {
        return VALID.matcher(tenant).matches();
    }
}
