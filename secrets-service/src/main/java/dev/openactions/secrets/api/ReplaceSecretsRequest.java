package dev.openactions.secrets.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The whole set of an owner's secrets. */
public record ReplaceSecretsRequest(
        @NotNull @Size(max = 100) List<@NotNull @Valid Item> secrets) {

    /** A name and, optionally, a new value (absent: keep the stored value). */
    public record Item(
            @NotNull
            @Pattern(
                    regexp = "[A-Za-z_][A-Za-z0-9_]{0,127}",
                    message = "must match [A-Za-z_][A-Za-z0-9_]* and be at most 128 characters")
            String name,

            @Size(max = 4096) String value) {
        @Override
        public String toString() {
            return "Item[name=" + name + ", value=" + (value == null ? "unchanged" : "***") + "]";
        }
    }
}
