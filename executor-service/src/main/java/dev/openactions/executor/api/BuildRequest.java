package dev.openactions.executor.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /internal/v1/builds}: code to check for one trigger. */
public record BuildRequest(@NotBlank String triggerId, @NotNull @Size(max = 102_400) String code) {
}
