package dev.openactions.secrets.api;

import java.util.Map;

/** Clear-text values for one execution. {@code toString} masks them so they never reach a log. */
public record DecryptedSecretsResponse(Map<String, String> secrets) {
    @Override
    public String toString() {
        return "DecryptedSecretsResponse[names=" + secrets.keySet() + "]";
    }
}
