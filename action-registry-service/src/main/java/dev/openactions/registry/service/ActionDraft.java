package dev.openactions.registry.service;

import dev.openactions.registry.domain.Dependency;
import dev.openactions.registry.domain.SupportedTrigger;
import java.util.List;

/** What a tenant submits for an action's draft; null fields are "not given" (patch semantics). */
public record ActionDraft(String name, List<SupportedTrigger> supportedTriggers, String code, String runtime,
        List<Dependency> dependencies, List<SecretValue> secrets) {

    /** A secret as submitted: a null value keeps the stored value of that name. */
    public record SecretValue(String name, String value) {
        @Override
        public String toString() {
            return "SecretValue[name=" + name + ", value=" + (value == null ? "unchanged" : "***") + "]";
        }
    }
}
