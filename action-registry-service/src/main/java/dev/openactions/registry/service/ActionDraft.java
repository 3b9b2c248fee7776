package dev.openactions.registry.service;

import dev.openactions.registry.domain.Dependency;
import dev.openactions.registry.domain.SupportedTrigger;
import java.util.List;

/**
 * What a tenant submits for an action; null fields are "not given" (patch semantics). Everything but
 * {@code debug} belongs to the draft; {@code debug} is a switch on the action itself that takes effect
 * at once, without a deploy.
 */
public record ActionDraft(
        String name,
        List<SupportedTrigger> supportedTriggers,
        String code,
        String runtime,
        List<Dependency> dependencies,
        List<SecretValue> secrets,
        Boolean debug) {

    /** A secret as submitted: a null value keeps the stored value of that name. */
    public record SecretValue(String name, String value) {
        @Override
        public String toString() {
            return "SecretValue[name=" + name + ", value=" + (value == null ? "unchanged" : "***") + "]";
        }
    }
}
