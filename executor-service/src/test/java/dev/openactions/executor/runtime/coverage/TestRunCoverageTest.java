package dev.openactions.executor.runtime.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openactions.contracts.TriggerId;
import dev.openactions.executor.client.SecretValues;
import dev.openactions.executor.client.SecretsClient;
import dev.openactions.executor.config.ExecutorConfig;
import dev.openactions.executor.flow.FlowResult;
import dev.openactions.executor.flow.FlowRunner;
import dev.openactions.executor.flow.TestRun;
import dev.openactions.executor.runtime.ActionSandbox;
import dev.openactions.executor.runtime.FetchRouting;
import dev.openactions.executor.runtime.StandaloneRuntime;
import dev.openactions.executor.runtime.npm.DependencyBundles;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Line coverage of test runs, measured by the engine: the real sandbox and flow runner (wired as the
 * partner kit wires them, no Quarkus boot), the real instrument. Line numbers are those of the code.
 */
class TestRunCoverageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BRANCHY = """
            exports.onExecutePostLogin = async (event, api) => {
              if (event.user.vip) {
                api.idToken.setCustomClaim('https://example.com/vip', true);
              } else {
                console.log('regular user');
              }
            };""";

    private static ActionSandbox sandbox;
    private static FlowRunner runner;

    @BeforeAll
    static void wire() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(ExecutorConfig.class)
                .withMapping(FetchRouting.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withDefaultValue("executor.limits.action-timeout", "2s")
                .build();
        ExecutorConfig executor = config.getConfigMapping(ExecutorConfig.class);
        sandbox = StandaloneRuntime.sandbox(executor, config.getConfigMapping(FetchRouting.class));
        SecretsClient noSecrets = (tenant, owner) -> new SecretsClient.Decrypted(Map.of());
        runner = FlowRunner.standalone(
                sandbox, SecretValues.from(noSecrets, executor), DependencyBundles.none(), executor);
    }

    @AfterAll
    static void close() {
        StandaloneRuntime.close(sandbox);
    }

    private static FlowResult.ActionDetail run(String code, String eventJson, boolean coverage) throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(eventJson);
        FlowResult result = runner.test(
                new TestRun("t1", TriggerId.POST_LOGIN, "act-1", "branchy", code, null, null, event, coverage));
        return result.runs().get(0).detail();
    }

    @Test
    void aBranchNotTakenLeavesItsLinesUncovered() throws Exception {
        LineCoverage vip = run(BRANCHY, "{\"user\":{\"vip\":true}}", true).coverage();
        // statements start on lines 1 (the export), 2 (the if), 3 and 5; the else branch did not run
        assertThat(vip.totalLines()).isEqualTo(4);
        assertThat(vip.coveredLines()).isEqualTo(3);
        assertThat(vip.uncoveredLines()).containsExactly(5);
        assertThat(vip.percent()).isEqualTo(75.0);

        LineCoverage regular = run(BRANCHY, "{\"user\":{\"vip\":false}}", true).coverage();
        assertThat(regular.uncoveredLines()).containsExactly(3);
        assertThat(regular.percent()).isLessThan(100.0);
    }

    @Test
    void bothBranchesAcrossRunsCoverEverything() throws Exception {
        LineCoverage vip = run(BRANCHY, "{\"user\":{\"vip\":true}}", true).coverage();
        LineCoverage regular = run(BRANCHY, "{\"user\":{\"vip\":false}}", true).coverage();
        LineCoverage both = LineCoverage.across(List.of(vip, regular));
        assertThat(both.coveredLines()).isEqualTo(4);
        assertThat(both.totalLines()).isEqualTo(4);
        assertThat(both.uncoveredLines()).isEmpty();
        assertThat(both.percent()).isEqualTo(100.0);
    }

    @Test
    void onlyTheActionsOwnCodeCounts() throws Exception {
        // line 1 is a comment: the executor's module wrapper shares that line and must not count; the
        // platform's prelude, api and fetch code ran too and must not count either
        String code = """
                // a comment on the line the executor's module prefix shares
                const greeting = 'hi';
                exports.onExecutePostLogin = async (event, api) => {
                  api.idToken.setCustomClaim('https://example.com/greeting', greeting);
                };""";
        LineCoverage coverage = run(code, "{\"user\":{}}", true).coverage();
        assertThat(coverage.totalLines()).isEqualTo(3);
        assertThat(coverage.uncoveredLines()).isEmpty();
    }

    @Test
    void aFunctionNeverCalledCountsAsUncovered() throws Exception {
        String code = """
                function unused(x) {
                  return x * 2;
                }
                exports.onExecutePostLogin = async () => {};""";
        LineCoverage coverage = run(code, "{\"user\":{}}", true).coverage();
        assertThat(coverage.uncoveredLines()).containsExactly(2);
    }

    @Test
    void aFailingActionStillReportsWhatRan() throws Exception {
        String code = """
                exports.onExecutePostLogin = async (event) => {
                  const id = event.user.user_id;
                  throw new Error('no consent for ' + id);
                  console.log('never');
                };""";
        FlowResult.ActionDetail detail = run(code, "{\"user\":{\"user_id\":\"u1\"}}", true);
        assertThat(detail.errorMessage()).contains("no consent for u1");
        assertThat(detail.coverage().uncoveredLines()).containsExactly(4);
    }

    @Test
    void theSameCodeMeasuredAgainGivesTheSameTotal() throws Exception {
        // each coverage run parses the code anew, so the statements load (and count) every time
        for (int i = 0; i < 3; i++) {
            assertThat(run(BRANCHY, "{\"user\":{\"vip\":true}}", true)
                            .coverage()
                            .totalLines())
                    .isEqualTo(4);
        }
    }

    @Test
    void withoutTheFlagNothingIsMeasured() throws Exception {
        assertThat(run(BRANCHY, "{\"user\":{\"vip\":true}}", false).coverage()).isNull();
    }

    @Test
    void limitsStillApplyWhileMeasuring() throws Exception {
        FlowResult.ActionDetail endless =
                run("exports.onExecutePostLogin = async () => { while (true) {} };", "{\"user\":{}}", true);
        assertThat(endless.errorMessage()).contains("did not finish within");
        assertThat(endless.coverage()).isNotNull();
        FlowResult.ActionDetail bomb = run(
                // megabyte-sized arrays, so the budget is passed in a few dozen steps even on a loaded machine (the
                // time limit must not stop it first)
                "exports.onExecutePostLogin = async () => { const keep = []; while (true) { keep.push(new Array(1 << 20).fill(keep.length)); } };",
                "{\"user\":{}}",
                true);
        assertThat(bomb.errorMessage()).contains("allocated more than");
        // and the sandbox still refuses host access
        FlowResult.ActionDetail host = run("""
                exports.onExecutePostLogin = async () => { Java.type('java.lang.System').exit(1); };""", "{\"user\":{}}", true);
        assertThat(host.errorMessage()).isNotNull();
    }
}
