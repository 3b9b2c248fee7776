package dev.openactions.registry.api;

import dev.openactions.contracts.FlowSnapshot.OnError;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Body of {@code PATCH /api/v2/actions/triggers/{triggerId}/bindings}: the whole ordered list. */
public record UpdateBindingsRequest(@NotNull List<@NotNull @Valid Binding> bindings) {

    public record Binding(
            @NotNull @Valid Ref ref,
            @Size(max = 255) String displayName,
            OnError onError,
            @Min(1) @Max(20000) Long timeoutMs) {}

    /** How a binding names its action: by id, by name, or by an existing binding's id. */
    public record Ref(
            @NotNull
            @Pattern(
                    regexp = "action_id|action_name|binding_id",
                    message = "must be action_id, action_name or binding_id")
            String type,

            @NotBlank @Size(max = 255) String value) {}
}
