package dev.openactions.executor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openactions.executor.runtime.ActionCode;
import dev.openactions.executor.runtime.ActionSandbox;
import dev.openactions.executor.runtime.ExecutionOutcome;
import dev.openactions.testsupport.HttpSinkResource;
import dev.openactions.testsupport.KafkaResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Work left pending when a handler returns (timers, and what npm packages start from them) runs on
 * like Node's event loop: asynchronous triggers wait for it and record its uncaught errors; a
 * synchronous execution answers first, and its context is not lent to another execution meanwhile.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(
        value = HttpSinkResource.class,
        initArgs = @ResourceArg(name = "property", value = "quarkus.rest-client.secrets-service.url"))
class PendingWorkTest {
    @Inject
    ActionSandbox sandbox;

    @Test
    void anAsynchronousTriggerWaitsForPendingWorkAndLogsItsUncaughtErrors() {
        ExecutionOutcome outcome = sandbox.run(
                new ActionCode("pw-async", "late", 1, """
                exports.onExecutePostUserRegistration = async (event) => {
                  setTimeout(() => console.log('late work ran for', event.user.user_id), 50);
                  setTimeout(() => { throw new TypeError('callback is not a function'); }, 80);
                  setTimeout(() => console.log('after the error'), 120);
                };"""),
                "onExecutePostUserRegistration",
                "tenant-pw",
                "post-user-registration",
                "{\"user\":{\"user_id\":\"u9\"}}",
                Duration.ofSeconds(5));
        assertThat(outcome.failure())
                .as("the handler's outcome is not changed by late errors")
                .isNull();
        assertThat(outcome.logs())
                .containsExactly(
                        "late work ran for u9",
                        "[error] an error was thrown after the handler returned: uncaught exception in a timer callback: callback is not a function",
                        "after the error");
    }

    @Test
    void pendingWorkPastTheTimeLimitIsCutOffAndSaidSo() {
        ExecutionOutcome outcome = sandbox.run(
                new ActionCode("pw-cut", "cut", 1, """
                exports.onExecutePostUserRegistration = async () => { setTimeout(() => console.log('never'), 60000); };"""),
                "onExecutePostUserRegistration",
                "tenant-pw",
                "post-user-registration",
                "{}",
                Duration.ofMillis(500));
        assertThat(outcome.failure()).isNull();
        assertThat(outcome.logs())
                .containsExactly("[error] pending work (timers, requests) was stopped at the action's time limit");
    }

    @Test
    void aSynchronousTriggerAnswersFirstAndItsBusyContextIsNotReused() {
        ActionCode action = new ActionCode("pw-sync", "sync", 1, """
                let executions = 0;
                exports.onExecutePostLogin = async (event, api) => {
                  executions++;
                  api.idToken.setCustomClaim('executions', executions);
                  if (event.pending) setTimeout(() => console.log('late'), 3000);
                };""");
        ExecutionOutcome first = sandbox.run(
                action, "onExecutePostLogin", "tenant-pw", "post-login", "{\"pending\":true}", Duration.ofSeconds(10));
        assertThat(first.failure()).isNull();
        assertThat(first.logs()).as("the response does not wait for the timer").isEmpty();
        // the first context still has its timer pending: another execution gets a fresh context (module scope anew)
        ExecutionOutcome second =
                sandbox.run(action, "onExecutePostLogin", "tenant-pw", "post-login", "{}", Duration.ofSeconds(10));
        assertThat(second.commands().get(0).args().path("value").asInt()).isEqualTo(1);
        // without pending work a context goes straight back to the pool: module scope carries over
        ExecutionOutcome third =
                sandbox.run(action, "onExecutePostLogin", "tenant-pw", "post-login", "{}", Duration.ofSeconds(10));
        assertThat(third.commands().get(0).args().path("value").asInt()).isEqualTo(2);
    }
}
