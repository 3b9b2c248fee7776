package dev.openactions.registry.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openactions.registry.service.ExecutionView;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An execution in Auth0's shape: its status values and error objects. */
class ExecutionResponseTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void auth0StatusIsFinalOnceTheFlowEnded() {
        assertThat(ExecutionResponse.auth0Status("completed")).isEqualTo("final");
        assertThat(ExecutionResponse.auth0Status("denied")).isEqualTo("final");
        assertThat(ExecutionResponse.auth0Status("failed")).isEqualTo("final");
        assertThat(ExecutionResponse.auth0Status("suspended")).isEqualTo("suspended");
        assertThat(ExecutionResponse.auth0Status("unknown")).isEqualTo("unspecified");
    }

    @Test
    void eachRunKeepsItsNameAndTimesAndAnErrorBecomesAuth0sActionError() {
        ExecutionView view = new ExecutionView(
                "e1",
                "post-login",
                "failed",
                List.of(
                        new ExecutionView.ActionRun("a1", "first", "v1", 1, T0, T0.plusMillis(5), null),
                        new ExecutionView.ActionRun(
                                "a2", "second", "v2", 3, T0.plusMillis(5), T0.plusMillis(9), "boom")),
                T0,
                T0.plusSeconds(1));

        ExecutionResponse response = ExecutionResponse.from(view);
        assertThat(response.status()).isEqualTo("final");
        assertThat(response.results())
                .containsExactly(
                        new ExecutionResponse.Result("first", null, T0, T0.plusMillis(5)),
                        new ExecutionResponse.Result(
                                "second",
                                new ExecutionResponse.ActionError("action_error", "boom", null),
                                T0.plusMillis(5),
                                T0.plusMillis(9)));
        assertThat(response.createdAt()).isEqualTo(T0);
        assertThat(response.updatedAt()).isEqualTo(T0.plusSeconds(1));
    }
}
