package dev.openactions.registry.api;

import dev.openactions.contracts.TriggerId;
import dev.openactions.registry.domain.Dependency;
import dev.openactions.registry.domain.SupportedTrigger;
import dev.openactions.registry.service.ActionDraft;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Body of {@code POST /api/v2/actions/actions}. */
public record CreateActionRequest(
        @NotBlank @Size(max = 255) String name,
        @NotEmpty List<@NotNull @Valid TriggerRef> supportedTriggers,
        @NotNull String code,
        String runtime,
        List<@NotNull @Valid DependencyRef> dependencies,
        List<@NotNull @Valid SecretInput> secrets,
        Boolean deploy,
        Boolean debug) {

    public record TriggerRef(@NotBlank String id, String version) {
        /** Auth0 wants a version; one left out means the trigger's current version (an unknown id is refused later). */
        SupportedTrigger toSupportedTrigger() {
            String given = version != null
                    ? version
                    : TriggerId.fromId(id).map(TriggerId::version).orElse(null);
            return new SupportedTrigger(id, given);
        }
    }

    /**
     * An npm dependency. {@code name} follows npm's rules for new packages (lower case, URL-safe, an
     * optional {@code @scope/}, no leading dot or underscore: {@code ../x} is refused); {@code version}
     * is an exact version, a range or a dist-tag (no URLs, paths or git specs); {@code registry_url}
     * must be one of {@code registry.npm.allowed-registries}.
     */
    public record DependencyRef(
            @NotBlank
            @Size(max = 214)
            @Pattern(
                    regexp = NPM_NAME,
                    message = "must be a valid npm package name (lower case, optionally @scope/name)")
            String name,

            @NotBlank
            @Size(max = 64)
            @Pattern(regexp = NPM_VERSION, message = "must be a version, a version range or a dist-tag")
            String version,

            @Size(max = 2048) String registryUrl) {

        Dependency toDependency() {
            return new Dependency(name, version, registryUrl == null || registryUrl.isBlank() ? null : registryUrl);
        }
    }

    /** validate-npm-package-name's rules for new packages. */
    static final String NPM_NAME = "(?:@[a-z0-9~-][a-z0-9._~-]*/)?[a-z0-9~-][a-z0-9._~-]*";
    /** Ranges ({@code ^1.2.0}, {@code >=1 <2 || 3.x}, {@code 1.0.0 - 2.0.0}) and dist-tags ({@code latest}, {@code next}). */
    static final String NPM_VERSION = "[0-9A-Za-z.^~<>=|*+ _-]+";

    /** A secret: name and value. Write-only: no response ever contains the value. */
    public record SecretInput(
            @NotNull
            @Pattern(
                    regexp = "[A-Za-z_][A-Za-z0-9_]{0,127}",
                    message = "must match [A-Za-z_][A-Za-z0-9_]* and be at most 128 characters")
            String name,

            @Size(max = 4096) String value) {
        @Override
        public String toString() {
            return "SecretInput[name=" + name + ", value=" + (value == null ? "unchanged" : "***") + "]";
        }
    }

    ActionDraft toDraft() {
        return new ActionDraft(
                name,
                supportedTriggers.stream().map(TriggerRef::toSupportedTrigger).toList(),
                code,
                runtime,
                dependencies == null
                        ? List.of()
                        : dependencies.stream().map(DependencyRef::toDependency).toList(),
                secrets == null
                        ? List.of()
                        : secrets.stream()
                                .map(s -> new ActionDraft.SecretValue(s.name(), s.value()))
                                .toList(),
                debug);
    }
}
