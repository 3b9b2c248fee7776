package dev.openactions.secrets.service;

import java.nio.charset.StandardCharsets;

/**
 * The associated data every ciphertext is sealed with: (tenant, owner, name). Ids and names are
 * validated to exclude NUL, so the NUL-separated form is unambiguous.
 */
record SecretBinding(String tenantId, String ownerId, String name) {
    byte[] bytes() {
        return ("openactions-secret\u0000" + tenantId + "\u0000" + ownerId + "\u0000" + name)
                .getBytes(StandardCharsets.UTF_8);
    }
}
