package dev.openactions.partnerkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openactions.contracts.DependencyBundle;
import dev.openactions.contracts.TriggerId;
import dev.openactions.executor.api.TestRunResponse;
import dev.openactions.executor.client.SecretValues;
import dev.openactions.executor.client.SecretsClient;
import dev.openactions.executor.config.ExecutorConfig;
import dev.openactions.executor.flow.FlowRunner;
import dev.openactions.executor.flow.TestRun;
import dev.openactions.executor.runtime.ActionSandbox;
import dev.openactions.executor.runtime.FetchRouting;
import dev.openactions.executor.runtime.StandaloneRuntime;
import dev.openactions.executor.runtime.npm.DependencyBundles;
import dev.openactions.executor.runtime.npm.NpmConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The executor's test-run path without the service around it: its {@code ActionSandbox} (the same
 * engine options, host functions, limits and coverage instrument), its {@code FlowRunner} (command
 * checks, effects, secret redaction) and its test-run response. Only where values come from differs:
 * configuration is the executor's defaults plus the kit's options, and a case's secret values come
 * from the case instead of secrets-service — they reach the action and are redacted exactly as there —
 * and the npm dependency bundle is the one the kit resolved instead of one fetched from the registry; it
 * is checked against its hash and loaded by the executor's own loader.
 */
final class LocalEngine implements AutoCloseable {
    /** The tenant a local run acts for (the review uses the partner's id). */
    static final String TENANT = "partner-kit";

    private static final String ACTION_ID = "partner-kit-action";

    private final ActionSandbox sandbox;
    private final FlowRunner runner;
    private final CaseSecrets secrets;
    private final AtomicReference<DependencyBundle> dependencies;

    /** What one case did: the test-run response, with its coverage. */
    record Run(TestRunResponse response) {}

    private LocalEngine(
            ActionSandbox sandbox,
            FlowRunner runner,
            CaseSecrets secrets,
            AtomicReference<DependencyBundle> dependencies) {
        this.sandbox = sandbox;
        this.runner = runner;
        this.secrets = secrets;
        this.dependencies = dependencies;
    }

    /** @param properties {@code executor.*} settings over the service's defaults */
    static LocalEngine start(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(ExecutorConfig.class)
                .withMapping(FetchRouting.class)
                .withMapping(NpmConfig.class)
                // durations as the service's properties write them ("10s")
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "partner-kit options", 400))
                .build();
        ExecutorConfig executor = config.getConfigMapping(ExecutorConfig.class);
        CaseSecrets secrets = new CaseSecrets();
        ActionSandbox sandbox = StandaloneRuntime.sandbox(executor, config.getConfigMapping(FetchRouting.class));
        // the loaded bundle is served by hash as the registry serves it; an unknown hash gets nothing (refused there)
        AtomicReference<DependencyBundle> dependencies = new AtomicReference<>();
        DependencyBundles bundles = DependencyBundles.standalone(
                hash -> {
                    DependencyBundle bundle = dependencies.get();
                    return bundle != null && bundle.hash().equals(hash) ? bundle : null;
                },
                config.getConfigMapping(NpmConfig.class));
        FlowRunner runner = FlowRunner.standalone(sandbox, SecretValues.from(secrets, executor), bundles, executor);
        return new LocalEngine(sandbox, runner, secrets, dependencies);
    }

    /** The integration's resolved npm dependencies, which every case from now on runs with. */
    void load(DependencyBundle bundle) {
        dependencies.set(bundle);
    }

    /** Runs one case as the review does: configuration in {@code event.configuration}, secrets as stored ones, coverage measured. */
    Run run(IntegrationDirectory integration, TestCase testCase) {
        ObjectNode event = ((ObjectNode) testCase.event()).deepCopy();
        ObjectNode configuration = event.putObject("configuration");
        testCase.configuration().forEach(configuration::put);
        secrets.current = testCase.secrets();
        try {
            TriggerId trigger = TriggerId.fromId(integration.triggerId())
                    .orElseThrow(
                            () -> new IllegalArgumentException("unknown trigger '" + integration.triggerId() + "'"));
            return new Run(TestRunResponse.from(runner.test(new TestRun(
                    TENANT,
                    trigger,
                    ACTION_ID,
                    integration.name(),
                    integration.code(),
                    dependencies.get() == null ? null : dependencies.get().hash(),
                    integration.manifest().capabilities().outboundHosts(),
                    event,
                    true))));
        } finally {
            secrets.current = Map.of();
        }
    }

    @Override
    public void close() {
        StandaloneRuntime.close(sandbox);
    }

    /** secrets-service's decrypt, answered with the values of the case being run. */
    private static final class CaseSecrets implements SecretsClient {
        volatile Map<String, String> current = Map.of();

        @Override
        public Decrypted decrypt(String tenantId, String ownerId) {
            return new Decrypted(current);
        }
    }
}
