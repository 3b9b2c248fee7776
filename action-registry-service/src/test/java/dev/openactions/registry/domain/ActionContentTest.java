package dev.openactions.registry.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The draft/version content value: copies, comparison ("all changes deployed") and its trigger helpers. */
class ActionContentTest {
    private static final Instant T1 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T2 = Instant.parse("2026-02-01T00:00:00Z");
    private static final List<SupportedTrigger> POST_LOGIN = List.of(new SupportedTrigger("post-login", "v3"));

    private static ActionContent content(String code, List<Dependency> dependencies, List<SecretRef> secrets) {
        return new ActionContent(POST_LOGIN, code, "node22", dependencies, secrets);
    }

    @Test
    void theSameDraftAndVersionAreTheSameContent() {
        ActionContent draft = content("x", List.of(new Dependency("a", "^1.0.0")), List.of(new SecretRef("K", T1)));
        assertThat(draft.sameAs(draft.copy(), null)).isTrue();
    }

    @Test
    void dependenciesMatchAsPinnedOrAsRequested() {
        ActionContent draft = content("x", List.of(new Dependency("a", "^1.0.0")), List.of());
        ActionContent pinned = draft.withDependencies(List.of(new Dependency("a", "1.4.2")));
        assertThat(draft.sameAs(pinned, List.of(new Dependency("a", "^1.0.0")))).isTrue();
        assertThat(draft.sameAs(pinned, null))
                .as("a version from before pinning")
                .isFalse();
        assertThat(draft.sameAs(pinned, List.of(new Dependency("a", "^2.0.0")))).isFalse();
    }

    @Test
    void secretsCompareByNameAndChangeTimeInAnyOrder() {
        ActionContent draft = content("x", List.of(), List.of(new SecretRef("A", T1), new SecretRef("B", T1)));
        assertThat(draft.sameAs(draft.withSecrets(List.of(new SecretRef("B", T1), new SecretRef("A", T1))), null))
                .isTrue();
        assertThat(draft.sameAs(draft.withSecrets(List.of(new SecretRef("A", T1), new SecretRef("B", T2))), null))
                .as("a value changed since the deploy")
                .isFalse();
        assertThat(draft.sameAs(draft.withSecrets(List.of(new SecretRef("A", T1))), null))
                .isFalse();
    }

    @Test
    void codeRuntimeAndTriggersAllCount() {
        ActionContent draft = content("x", List.of(), List.of());
        assertThat(draft.sameAs(draft.withCode("y"), null)).isFalse();
        assertThat(draft.sameAs(draft.withRuntime("node18"), null)).isFalse();
        assertThat(draft.sameAs(draft.withSupportedTriggers(List.of(new SupportedTrigger("post-login", "v2"))), null))
                .isFalse();
    }

    @Test
    void aCopySharesNoListWithItsSourceAndWithersLeaveTheSourceAlone() {
        List<Dependency> given = new ArrayList<>(List.of(new Dependency("a", "1")));
        ActionContent original = content("x", given, List.of());
        given.add(new Dependency("b", "1"));
        assertThat(original.dependencies()).containsExactly(new Dependency("a", "1"));

        ActionContent changed = original.withCode("y");
        assertThat(original.code()).isEqualTo("x");
        assertThat(changed.code()).isEqualTo("y");
        assertThat(changed.dependencies()).isEqualTo(original.dependencies());
        assertThat(original.copy()).isEqualTo(original).isNotSameAs(original);
        assertThatThrownBy(() -> original.dependencies().add(new Dependency("c", "1")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void triggerHelpers() {
        ActionContent content = content("x", List.of(), List.of());
        assertThat(content.triggerId()).isEqualTo("post-login");
        assertThat(content.supports("post-login")).isTrue();
        assertThat(content.supports("credentials-exchange")).isFalse();
        assertThat(content.triggerIds()).containsExactly("post-login");
    }

    @Test
    void toStringLeavesOutTheCodeAndSecretTimes() {
        ActionContent content = content("const secret = 1;", List.of(), List.of(new SecretRef("API_KEY", T1)));
        assertThat(content.toString())
                .doesNotContain("const secret")
                .contains("API_KEY")
                .doesNotContain("2026");
    }
}
