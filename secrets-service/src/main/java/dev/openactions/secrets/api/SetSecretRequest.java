package dev.openactions.secrets.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The new value of one secret. */
public record SetSecretRequest(@NotNull @Size(max = 4096) String value) {
    @Override
    public String toString() {
        return "SetSecretRequest[value=***]";
    }
}
