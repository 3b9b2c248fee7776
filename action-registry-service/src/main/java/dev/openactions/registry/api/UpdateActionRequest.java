package dev.openactions.registry.api;

import dev.openactions.registry.api.CreateActionRequest.DependencyRef;
import dev.openactions.registry.api.CreateActionRequest.SecretInput;
import dev.openactions.registry.api.CreateActionRequest.TriggerRef;
import dev.openactions.registry.service.ActionDraft;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Body of {@code PATCH /api/v2/actions/actions/{id}}: every field is optional and changes only the
 * draft. {@code secrets} replaces the whole set: names left out are deleted; a name given without
 * a value keeps its stored value. {@code debug} is the exception: it switches full console capture in
 * execution records on or off for the deployed action right away.
 */
public record UpdateActionRequest(
        @Size(min = 1, max = 255) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
        String name,

        List<@NotNull @Valid TriggerRef> supportedTriggers,
        String code,
        String runtime,
        List<@NotNull @Valid DependencyRef> dependencies,
        List<@NotNull @Valid SecretInput> secrets,
        Boolean debug) {

    ActionDraft toDraft() {
        return new ActionDraft(
                name,
                supportedTriggers == null
                        ? null
                        : supportedTriggers.stream()
                                .map(TriggerRef::toSupportedTrigger)
                                .toList(),
                code,
                runtime,
                dependencies == null
                        ? null
                        : dependencies.stream().map(DependencyRef::toDependency).toList(),
                secrets == null
                        ? null
                        : secrets.stream()
                                .map(s -> new ActionDraft.SecretValue(s.name(), s.value()))
                                .toList(),
                debug);
    }
}
