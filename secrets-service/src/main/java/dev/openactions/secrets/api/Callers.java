package dev.openactions.secrets.api;

/**
 * Who is calling, for the audit trail: the {@value #HEADER} header until token authentication
 * (issue 7) replaces it with the token's identity. Restricted to a safe alphabet so it can neither
 * forge log lines nor carry much.
 */
final class Callers {
    static final String HEADER = "X-OpenActions-Caller";
    static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9_.:@/-]{0,127}";
    static final String MESSAGE = "must match " + PATTERN;
    static final String UNKNOWN = "unknown";

    private Callers() {
    }

    static String of(String header) {
        return header == null || header.isBlank() ? UNKNOWN : header;
    }
}
