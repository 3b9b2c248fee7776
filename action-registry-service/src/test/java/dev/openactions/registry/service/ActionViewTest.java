package dev.openactions.registry.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openactions.registry.domain.ActionContent;
import dev.openactions.registry.domain.ActionEntity;
import dev.openactions.registry.domain.ActionVersionEntity;
import dev.openactions.registry.domain.Dependency;
import dev.openactions.registry.domain.SecretRef;
import dev.openactions.registry.domain.SupportedTrigger;
import dev.openactions.registry.domain.VersionStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How an action and its versions are handed out by the services: build state, "all changes deployed", installs. */
class ActionViewTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private static ActionEntity action(ActionContent content) {
        ActionEntity action = new ActionEntity();
        action.id = UUID.randomUUID();
        action.tenantId = "t";
        action.name = "name";
        action.content = content;
        action.createdAt = T0;
        action.updatedAt = T0;
        return action;
    }

    private static ActionVersionEntity version(
            ActionEntity action, int number, ActionContent content, VersionStatus status) {
        ActionVersionEntity version = new ActionVersionEntity();
        version.id = UUID.randomUUID();
        version.tenantId = action.tenantId;
        version.actionId = action.id;
        version.number = number;
        version.content = content;
        version.requestedDependencies =
                List.of(new Dependency("a", "^1.0.0")); // as the draft asked; content may pin it
        version.status = status;
        version.builtAt = status == VersionStatus.BUILT ? T0.plusSeconds(number) : null;
        version.createdAt = T0;
        version.updatedAt = T0;
        return version;
    }

    private static ActionContent content(String code) {
        return new ActionContent(
                List.of(new SupportedTrigger("post-login", "v3")),
                code,
                "node22",
                List.of(new Dependency("a", "^1.0.0")),
                List.of(new SecretRef("K", T0)));
    }

    @Test
    void aNeverDeployedActionIsBuiltWithNothingDeployed() {
        ActionView view = ActionView.of(action(content("x")), null, null);
        assertThat(view.status()).isEqualTo(VersionStatus.BUILT);
        assertThat(view.deployedVersion()).isNull();
        assertThat(view.allChangesDeployed()).isFalse();
        assertThat(view.builtAt()).isNull();
        assertThat(view.code()).isEqualTo("x");
    }

    @Test
    void theStatusIsTheLatestVersionsAndAllChangesDeployedComparesWithTheDeployedOne() {
        ActionEntity action = action(content("x"));
        ActionVersionEntity deployed = version(
                action, 1, content("x").withDependencies(List.of(new Dependency("a", "1.2.3"))), VersionStatus.BUILT);
        ActionVersionEntity building = version(action, 2, content("y"), VersionStatus.BUILDING);

        ActionView view = ActionView.of(action, deployed, building);
        assertThat(view.status()).isEqualTo(VersionStatus.BUILDING);
        assertThat(view.allChangesDeployed())
                .as("pinned dependencies match the draft's request")
                .isTrue();
        assertThat(view.deployedVersion().number()).isEqualTo(1);
        assertThat(view.deployedVersion().dependencies()).containsExactly(new Dependency("a", "1.2.3"));
        assertThat(view.deployedVersion().action().id()).isEqualTo(action.id.toString());

        action.content = action.content.withCode("z");
        assertThat(ActionView.of(action, deployed, deployed).allChangesDeployed())
                .isFalse();
    }

    @Test
    void anInstalledIntegrationShowsItsReferenceAndNoCodeAnywhere() {
        ActionEntity action = action(content("partner code"));
        ActionVersionEntity deployed = version(action, 1, content("partner code"), VersionStatus.BUILT);
        IntegrationRef ref = new IntegrationRef("i", "Integration", "p", "1.0.0", false);

        ActionView view = ActionView.of(action, deployed, deployed).asInstalled(ref);
        assertThat(view.code()).isNull();
        assertThat(view.deployedVersion().code()).isNull();
        assertThat(view.integration()).isEqualTo(ref);
        assertThat(view.secrets()).containsExactly(new SecretRef("K", T0));
        assertThat(ActionVersionView.of(deployed, action).withoutCode().code()).isNull();
    }
}
