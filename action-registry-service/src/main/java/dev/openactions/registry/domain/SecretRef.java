package dev.openactions.registry.domain;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** The name of a secret stored in secrets-service, and when its value last changed. Never a value. */
public record SecretRef(
        String name, @JsonProperty("updated_at") Instant updatedAt) {}
