package dev.openactions.executor.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /internal/v1/builds}: code to check for one trigger, with its npm dependency
 * bundle ({@code DependencyBundle.hash}; null without dependencies).
 */
public record BuildRequest(
        @NotBlank String triggerId,
        @NotNull @Size(max = 102_400) String code,
        @Pattern(regexp = "[0-9a-f]{64}") String dependencyBundle) {

    /** A build of code without npm dependencies. */
    public BuildRequest(String triggerId, String code) {
        this(triggerId, code, null);
    }
}
