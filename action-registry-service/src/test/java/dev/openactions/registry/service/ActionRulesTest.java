package dev.openactions.registry.service;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openactions.registry.config.ConfigMappings;
import dev.openactions.registry.dependencies.Registries;
import dev.openactions.registry.domain.Dependency;
import dev.openactions.registry.domain.RegistryException;
import dev.openactions.registry.domain.SupportedTrigger;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The product's rules for an action draft, with small configured limits; no Quarkus boot. */
class ActionRulesTest {
    private static final String PRIVATE_REGISTRY = "https://npm.internal.example/";

    private final ActionRules rules = new ActionRules(
            ConfigMappings.registry(Map.of(
                    "registry.limits.max-code-bytes",
                    "10",
                    "registry.limits.max-dependencies",
                    "2",
                    "registry.limits.max-secrets-per-action",
                    "2",
                    "registry.limits.max-actions-per-tenant",
                    "3",
                    "registry.limits.max-bindings-per-trigger",
                    "4")),
            Registries.allowed(Map.of("registry.npm.allowed-registries", PRIVATE_REGISTRY)));

    private static final List<SupportedTrigger> POST_LOGIN = List.of(new SupportedTrigger("post-login", "v3"));

    private static ActionDraft draft(
            List<SupportedTrigger> triggers,
            String code,
            String runtime,
            List<Dependency> dependencies,
            List<ActionDraft.SecretValue> secrets) {
        return new ActionDraft("a", triggers, code, runtime, dependencies, secrets, null);
    }

    private static ActionDraft code(String code) {
        return draft(POST_LOGIN, code, null, List.of(), List.of());
    }

    @Test
    void aDraftWithinTheRulesPasses() {
        assertThatCode(() -> rules.checkDraft(draft(
                        POST_LOGIN,
                        "x=1",
                        "node22",
                        List.of(
                                new Dependency("lodash", "^4.17.0"),
                                new Dependency("@acme/util", "1.0.0", PRIVATE_REGISTRY)),
                        List.of(new ActionDraft.SecretValue("KEY", "v")))))
                .doesNotThrowAnyException();
    }

    @Test
    void aPatchChecksOnlyTheFieldsItGives() {
        assertThatCode(() -> rules.checkDraft(new ActionDraft(null, null, null, null, null, null, true)))
                .doesNotThrowAnyException();
    }

    @Test
    void codeIsLimitedInUtf8Bytes() {
        assertThatCode(() -> rules.checkDraft(code("1234567890"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> rules.checkDraft(code("12345678901")))
                .isInstanceOf(RegistryException.TooLarge.class)
                .hasMessage("code is larger than 10 bytes");
        // five characters, ten bytes
        assertThatCode(() -> rules.checkDraft(code("ééééé"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> rules.checkDraft(code("éééééx"))).isInstanceOf(RegistryException.TooLarge.class);
    }

    @Test
    void theRuntimeIsNode18OrNode22() {
        assertThatCode(() -> rules.checkDraft(draft(POST_LOGIN, "x", "node18", null, null)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> rules.checkDraft(draft(POST_LOGIN, "x", "node16", null, null)))
                .isInstanceOf(RegistryException.Invalid.class)
                .hasMessage("runtime must be one of [node18, node22]");
    }

    @Test
    void exactlyOneKnownTriggerAtItsCurrentVersion() {
        assertThatThrownBy(() -> rules.checkDraft(draft(List.of(), "x", null, null, null)))
                .isInstanceOf(RegistryException.Invalid.class)
                .hasMessage("supported_triggers must name exactly one trigger");
        assertThatThrownBy(() -> rules.checkDraft(draft(
                        List.of(
                                new SupportedTrigger("post-login", "v3"),
                                new SupportedTrigger("credentials-exchange", "v2")),
                        "x",
                        null,
                        null,
                        null)))
                .isInstanceOf(RegistryException.Invalid.class)
                .hasMessage("supported_triggers must name exactly one trigger");
        assertThatThrownBy(() -> rules.checkDraft(
                        draft(List.of(new SupportedTrigger("pre-login", "v1")), "x", null, null, null)))
                .isInstanceOf(RegistryException.Invalid.class)
                .hasMessage("unknown trigger 'pre-login'");
        assertThatThrownBy(() -> rules.checkDraft(
                        draft(List.of(new SupportedTrigger("post-login", "v2")), "x", null, null, null)))
                .isInstanceOf(RegistryException.Invalid.class)
                .hasMessage("trigger 'post-login' is at version v3, not v2");
        assertThatCode(() -> rules.checkDraft(
                        draft(List.of(new SupportedTrigger("post-login", null)), "x", null, null, null)))
                .doesNotThrowAnyException();
    }

    @Test
    void dependenciesAreCountedNamedOnceAndComeFromAllowedRegistries() {
        assertThatThrownBy(() -> rules.checkDraft(draft(
                        POST_LOGIN,
                        "x",
                        null,
                        List.of(new Dependency("a", "1"), new Dependency("b", "1"), new Dependency("c", "1")),
                        null)))
                .isInstanceOf(RegistryException.LimitExceeded.class)
                .hasMessage("at most 2 dependencies per action");
        assertThatThrownBy(() -> rules.checkDraft(draft(
                        POST_LOGIN, "x", null, List.of(new Dependency("a", "1"), new Dependency("a", "2")), null)))
                .isInstanceOf(RegistryException.Invalid.class)
                .hasMessage("dependencies[1].name: 'a' is given twice");
        assertThatThrownBy(() -> rules.checkDraft(draft(
                        POST_LOGIN, "x", null, List.of(new Dependency("a", "1", "https://elsewhere.example/")), null)))
                .isInstanceOf(RegistryException.Invalid.class)
                .hasMessageStartingWith("dependencies[0].registry_url: not one of");
        assertThatThrownBy(() -> rules.checkDraft(
                        draft(POST_LOGIN, "x", null, List.of(new Dependency("a", "1", "not a url")), null)))
                .isInstanceOf(RegistryException.Invalid.class)
                .hasMessageStartingWith("dependencies[0].registry_url: not one of");
        // the allowed registry matches with or without its trailing slash
        assertThatCode(() -> rules.checkDraft(draft(
                        POST_LOGIN,
                        "x",
                        null,
                        List.of(new Dependency("a", "1", "https://npm.internal.example")),
                        null)))
                .doesNotThrowAnyException();
    }

    @Test
    void secretsAreCountedAndNamedOnce() {
        assertThatThrownBy(() -> rules.checkDraft(draft(
                        POST_LOGIN,
                        "x",
                        null,
                        null,
                        IntStream.range(0, 3)
                                .mapToObj(i -> new ActionDraft.SecretValue("S" + i, "v"))
                                .toList())))
                .isInstanceOf(RegistryException.LimitExceeded.class)
                .hasMessage("at most 2 secrets per action");
        assertThatThrownBy(() -> rules.checkDraft(draft(
                        POST_LOGIN,
                        "x",
                        null,
                        null,
                        List.of(new ActionDraft.SecretValue("S", "v"), new ActionDraft.SecretValue("S", null)))))
                .isInstanceOf(RegistryException.Invalid.class)
                .hasMessage("secret 'S' is given twice");
        assertThatCode(() -> rules.checkDraft(draft(POST_LOGIN, "x", null, null, List.of())))
                .doesNotThrowAnyException();
    }

    @Test
    void aTenantHasAtMostTheConfiguredNumberOfActions() {
        assertThatCode(() -> rules.checkActionCount(2)).doesNotThrowAnyException();
        assertThatThrownBy(() -> rules.checkActionCount(3))
                .isInstanceOf(RegistryException.LimitExceeded.class)
                .hasMessage("at most 3 actions per tenant");
    }
}
