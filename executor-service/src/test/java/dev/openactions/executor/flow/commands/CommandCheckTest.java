package dev.openactions.executor.flow.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.openactions.contracts.TriggerId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The host's check of each command an action issues (trigger rules and limits), without a sandbox or a running service. */
class CommandCheckTest {
    private static final CommandLimits SMALL = new CommandLimits(200, 50, 3, 1_000);

    private static CommandCheck postLogin(CommandLimits limits, CommandCheck.EarlierClaims before) {
        return new CommandCheck(TriggerCommands.of(TriggerId.POST_LOGIN), limits, false, before);
    }

    @Test
    void aCommandIsKeptWithItsKnownFieldsOnly() {
        CommandCheck.Admitted admitted = postLogin(CommandLimits.DEFAULTS, null)
                .admit("idToken.setCustomClaim", "{\"name\":\"https://x.example/a\",\"value\":1,\"smuggled\":true}");

        assertThat(admitted.args().path("name").asText()).isEqualTo("https://x.example/a");
        assertThat(admitted.args().path("value").asInt()).isEqualTo(1);
        assertThat(admitted.args().has("smuggled")).isFalse();
        assertThat(admitted.flow()).isEqualTo(TriggerCommands.Flow.CONTINUES);
    }

    @Test
    void whatACommandDoesToTheFlowComesFromTheTriggersDescriptor() {
        CommandCheck check = postLogin(CommandLimits.DEFAULTS, null);

        assertThat(check.admit("access.deny", "{\"reason\":\"no\"}").flow()).isEqualTo(TriggerCommands.Flow.STOPS);
        assertThat(check.admit("redirect.sendUserTo", "{\"url\":\"https://idv.example/start\"}")
                        .flow())
                .isEqualTo(TriggerCommands.Flow.SUSPENDS);
    }

    @Test
    void aReservedClaimIsRefusedAndTheActionMayCatchIt() {
        assertThatThrownBy(() -> postLogin(CommandLimits.DEFAULTS, null)
                        .admit("accessToken.setCustomClaim", "{\"name\":\"sub\",\"value\":\"x\"}"))
                .isInstanceOfSatisfying(
                        CommandRefused.class,
                        refused -> assertThat(refused.fatal()).isFalse())
                .hasMessageContaining("'sub' is a reserved claim");
    }

    @Test
    void aCommandTheTriggerDoesNotHaveIsRefused() {
        CommandCheck check = new CommandCheck(
                TriggerCommands.of(TriggerId.POST_USER_REGISTRATION), CommandLimits.DEFAULTS, false, null);

        assertThatThrownBy(() -> check.admit("access.deny", "{\"reason\":\"no\"}"))
                .isInstanceOf(CommandRefused.class)
                .hasMessage("'access.deny' is not a command of this trigger");
    }

    @Test
    void malformedOrAmbiguousArgumentsAreRefused() {
        CommandCheck check = postLogin(CommandLimits.DEFAULTS, null);

        assertThatThrownBy(() -> check.admit("access.deny", "{\"reason\":\"a\",\"reason\":\"b\"}"))
                .isInstanceOf(CommandRefused.class)
                .hasMessage("access.deny: malformed arguments");
        assertThatThrownBy(() -> check.admit("access.deny", "[1]"))
                .isInstanceOf(CommandRefused.class)
                .hasMessage("access.deny: malformed arguments");
        assertThatThrownBy(() -> check.admit("access.deny", "{} {}"))
                .isInstanceOf(CommandRefused.class)
                .hasMessage("access.deny: malformed arguments");
    }

    @Test
    void anExecutionMayIssueOnlySoManyCommandsAndTheRefusalIsFatal() {
        CommandCheck check = postLogin(SMALL, null);
        for (int i = 0; i < 3; i++) {
            check.admit("accessToken.addScope", "{\"scope\":\"s" + i + "\"}");
        }

        assertThatThrownBy(() -> check.admit("accessToken.addScope", "{\"scope\":\"s4\"}"))
                .isInstanceOfSatisfying(
                        CommandRefused.class,
                        refused -> assertThat(refused.fatal()).isTrue())
                .hasMessageContaining("executor.limits.commands");
    }

    @Test
    void theCommandsOfAnExecutionCarryOnlySoManyBytes() {
        CommandCheck check = postLogin(new CommandLimits(100_000, 100_000, 100, 60), null);
        check.admit("access.deny", "{\"reason\":\"" + "x".repeat(30) + "\"}");

        assertThatThrownBy(() -> check.admit("access.deny", "{\"reason\":\"" + "y".repeat(30) + "\"}"))
                .isInstanceOf(CommandRefused.class)
                .hasMessageContaining("executor.limits.command-bytes");
    }

    @Test
    void aMetadataValueOverItsLimitIsRefused() {
        assertThatThrownBy(() -> postLogin(SMALL, null)
                        .admit("user.setUserMetadata", "{\"key\":\"k\",\"value\":\"" + "v".repeat(60) + "\"}"))
                .isInstanceOfSatisfying(
                        CommandRefused.class,
                        refused -> assertThat(refused.fatal()).isTrue())
                .hasMessageContaining("executor.limits.metadata-value-bytes");
    }

    @Test
    void theClaimTotalCountsWhatEarlierActionsSetAndEachNameOnce() {
        Map<String, JsonNode> earlier =
                Map.of("https://x.example/big", JsonNodeFactory.instance.textNode("b".repeat(120)));
        CommandCheck check = postLogin(SMALL, new CommandCheck.EarlierClaims(earlier, Map.of()));

        // rewriting the earlier action's claim replaces its size rather than adding to it
        check.admit(
                "accessToken.setCustomClaim",
                "{\"name\":\"https://x.example/big\",\"value\":\"" + "c".repeat(120) + "\"}");

        assertThatThrownBy(() -> check.admit(
                        "accessToken.setCustomClaim",
                        "{\"name\":\"https://x.example/more\",\"value\":\"" + "d".repeat(60) + "\"}"))
                .isInstanceOf(CommandRefused.class)
                .hasMessageContaining("executor.limits.custom-claims-bytes");
        // the ID token's claims are a total of their own
        check.admit(
                "idToken.setCustomClaim", "{\"name\":\"https://x.example/more\",\"value\":\"" + "d".repeat(60) + "\"}");
    }
}
