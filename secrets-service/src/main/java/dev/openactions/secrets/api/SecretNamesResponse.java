package dev.openactions.secrets.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.openactions.secrets.service.SecretName;
import java.time.Instant;
import java.util.List;

/** Secret names with their update times; never values. */
public record SecretNamesResponse(List<Item> secrets) {

    public record Item(
            String name, @JsonProperty("updated_at") Instant updatedAt) {}

    static SecretNamesResponse from(List<SecretName> names) {
        return new SecretNamesResponse(
                names.stream().map(n -> new Item(n.name(), n.updatedAt())).toList());
    }
}
