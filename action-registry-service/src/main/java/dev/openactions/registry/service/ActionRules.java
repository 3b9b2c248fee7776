package dev.openactions.registry.service;

import dev.openactions.contracts.TriggerId;
import dev.openactions.npm.AllowedRegistries;
import dev.openactions.registry.config.RegistryConfig;
import dev.openactions.registry.domain.Dependency;
import dev.openactions.registry.domain.RegistryException;
import dev.openactions.registry.domain.SupportedTrigger;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The product's rules for an action draft, with the configured limits. */
@ApplicationScoped
public class ActionRules {
    static final Set<String> RUNTIMES = Set.of("node18", "node22");
    static final String DEFAULT_RUNTIME = "node22";

    private final RegistryConfig config;
    private final AllowedRegistries registries;

    ActionRules(RegistryConfig config, AllowedRegistries registries) {
        this.config = config;
        this.registries = registries;
    }

    void checkDraft(ActionDraft draft) {
        if (draft.code() != null
                && draft.code().getBytes(StandardCharsets.UTF_8).length
                        > config.limits().maxCodeBytes()) {
            throw new RegistryException.TooLarge(
                    "code is larger than " + config.limits().maxCodeBytes() + " bytes");
        }
        if (draft.runtime() != null && !RUNTIMES.contains(draft.runtime())) {
            throw new RegistryException.Invalid(
                    "runtime must be one of " + RUNTIMES.stream().sorted().toList());
        }
        if (draft.supportedTriggers() != null) {
            checkTriggers(draft.supportedTriggers());
        }
        if (draft.dependencies() != null
                && draft.dependencies().size() > config.limits().maxDependencies()) {
            throw new RegistryException.LimitExceeded(
                    "at most " + config.limits().maxDependencies() + " dependencies per action");
        }
        if (draft.dependencies() != null) {
            checkDependencies(draft.dependencies());
        }
        if (draft.secrets() != null) {
            if (draft.secrets().size() > config.limits().maxSecretsPerAction()) {
                throw new RegistryException.LimitExceeded(
                        "at most " + config.limits().maxSecretsPerAction() + " secrets per action");
            }
            Set<String> names = new HashSet<>();
            draft.secrets().forEach(s -> {
                if (!names.add(s.name())) {
                    throw new RegistryException.Invalid("secret '" + s.name() + "' is given twice");
                }
            });
        }
    }

    /** Names once each; a registry_url only if the operator allowed it (the registry must not fetch from any address). */
    private void checkDependencies(List<Dependency> dependencies) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < dependencies.size(); i++) {
            Dependency dependency = dependencies.get(i);
            if (!names.add(dependency.name())) {
                throw new RegistryException.Invalid(
                        "dependencies[" + i + "].name: '" + dependency.name() + "' is given twice");
            }
            if (dependency.registryUrl() != null && !registries.allows(dependency.registryUrl())) {
                throw new RegistryException.Invalid(
                        "dependencies[" + i + "].registry_url: not one of the registries this "
                                + "platform allows (registry.npm.allowed-registries)");
            }
        }
    }

    private static void checkTriggers(List<SupportedTrigger> triggers) {
        if (triggers.size() != 1) {
            // Auth0 binds an action to exactly one trigger; compatible_triggers are not supported here.
            throw new RegistryException.Invalid("supported_triggers must name exactly one trigger");
        }
        SupportedTrigger trigger = triggers.get(0);
        TriggerId known = TriggerId.fromId(trigger.id())
                .orElseThrow(() -> new RegistryException.Invalid("unknown trigger '" + trigger.id() + "'"));
        if (trigger.version() != null && !known.version().equals(trigger.version())) {
            throw new RegistryException.Invalid(
                    "trigger '" + trigger.id() + "' is at version " + known.version() + ", not " + trigger.version());
        }
    }

    void checkActionCount(long existing) {
        if (existing >= config.limits().maxActionsPerTenant()) {
            throw new RegistryException.LimitExceeded(
                    "at most " + config.limits().maxActionsPerTenant() + " actions per tenant");
        }
    }

    int maxBindingsPerTrigger() {
        return config.limits().maxBindingsPerTrigger();
    }
}
