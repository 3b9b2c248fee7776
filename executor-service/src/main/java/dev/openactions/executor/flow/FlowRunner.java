package dev.openactions.executor.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openactions.contracts.FlowSnapshot;
import dev.openactions.contracts.FlowSnapshot.OnError;
import dev.openactions.contracts.TriggerId;
import dev.openactions.executor.client.SecretValues;
import dev.openactions.executor.config.ExecutorConfig;
import dev.openactions.executor.domain.ExecutorException;
import dev.openactions.executor.flow.commands.CommandCheck;
import dev.openactions.executor.flow.commands.CommandLimits;
import dev.openactions.executor.flow.commands.TriggerCommands;
import dev.openactions.executor.repository.UsedContinuations;
import dev.openactions.executor.runtime.ActionCode;
import dev.openactions.executor.runtime.ActionSandbox;
import dev.openactions.executor.runtime.ExecutionOutcome;
import dev.openactions.executor.runtime.PendingLogs;
import dev.openactions.executor.runtime.npm.DependencyBundles;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Runs a trigger's flow: the bound actions in order, each on its own copy of the event with its own
 * secrets, until one stops the flow (deny, validation error, redirect) or fails. Chain semantics
 * are those of docs/triggers.md ("A flow of several actions").
 */
@ApplicationScoped
public class FlowRunner {
    private static final Logger LOG = Logger.getLogger(FlowRunner.class);

    private final FlowView flows;
    private final ActionSandbox sandbox;
    private final SecretValues secrets;
    private final ExecutorConfig config;
    private final MeterRegistry metrics;
    private static final String CONTINUE_HANDLER = "onContinuePostLogin";

    private final ExecutionRecords records;
    private final ContinuationTokens continuations;
    private final UsedContinuations usedContinuations;
    /** npm dependency bundles of the bound versions (field-injected: a hook kept apart from the constructor). */
    @Inject
    DependencyBundles bundles;

    /**
     * A runner for test runs outside Quarkus (the partner test kit): the same runner with no flows to
     * look up, no records to publish (a test run publishes none) and no continuations to resume.
     */
    public static FlowRunner standalone(
            ActionSandbox sandbox, SecretValues secrets, DependencyBundles bundles, ExecutorConfig config) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        FlowRunner runner = new FlowRunner(
                new FlowView(secrets),
                sandbox,
                secrets,
                config,
                new SimpleMeterRegistry(),
                new ExecutionRecords((recordKey, record) -> {}, config),
                new ContinuationTokens(key, config.continuation().ttl(), Clock.systemUTC()),
                null);
        runner.bundles = bundles;
        return runner;
    }

    FlowRunner(
            FlowView flows,
            ActionSandbox sandbox,
            SecretValues secrets,
            ExecutorConfig config,
            MeterRegistry metrics,
            ExecutionRecords records,
            ContinuationTokens continuations,
            UsedContinuations usedContinuations) {
        this.records = records;
        this.continuations = continuations;
        this.usedContinuations = usedContinuations;
        this.flows = flows;
        this.sandbox = sandbox;
        this.secrets = secrets;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * Runs the tenant's deployed flow for the trigger and publishes its execution record.
     *
     * @param eventId the identity event's id for asynchronous triggers, null for synchronous calls
     */
    public FlowResult run(String tenantId, TriggerId trigger, ObjectNode event, String eventId) {
        List<FlowSnapshot.BoundAction> actions =
                flows.find(tenantId, trigger.id()).map(FlowSnapshot::actions).orElse(List.of());
        List<LateLogs> late = new ArrayList<>();
        FlowResult result = execute(tenantId, trigger, event, actions, null, false, late);
        records.publish(tenantId, eventId, result, late);
        return result;
    }

    /**
     * Resumes a suspended post-login flow: the action that suspended it runs its
     * {@code onContinuePostLogin}, then the rest of the flow runs as usual. The flow must still hold
     * that action's version; a flow redeployed in between fails closed.
     */
    public FlowResult resume(String tenantId, TriggerId trigger, String continuationToken, ObjectNode event) {
        ContinuationTokens.State state = continuations.verify(continuationToken, tenantId);
        if (!trigger.id().equals(state.triggerId())) {
            throw new ExecutorException.Invalid("the continuation token is not valid");
        }
        List<FlowSnapshot.BoundAction> actions =
                flows.find(tenantId, trigger.id()).map(FlowSnapshot::actions).orElse(List.of());
        if (state.actionIndex() >= actions.size()
                || !actions.get(state.actionIndex()).versionId().equals(state.versionId())) {
            throw new ExecutorException.Invalid(
                    "the flow changed while this login was suspended; start the login again");
        }
        // claimed before the action runs: a replay, on this replica or another, finds the id taken
        if (!usedContinuations.claim(tenantId, state.tokenId(), state.expiresAt())) {
            throw new ExecutorException.Invalid("the continuation token has already been used");
        }
        List<LateLogs> late = new ArrayList<>();
        FlowResult result = execute(tenantId, trigger, event, actions, state, false, late);
        records.publish(tenantId, null, result, late);
        return result;
    }

    /** Runs the given actions as a flow; publishes nothing. */
    public FlowResult execute(
            String tenantId, TriggerId trigger, ObjectNode event, List<FlowSnapshot.BoundAction> actions) {
        return execute(tenantId, trigger, event, actions, null, false, new ArrayList<>());
    }

    /**
     * Runs a draft once against a sample event, as a flow of that one action; publishes nothing. Its
     * secrets are whatever the action has stored (a draft's secret names are not known here: "*" makes
     * the runner fetch them all). With {@code coverage}, the run's detail carries the lines of the
     * action's code that ran.
     */
    public FlowResult test(TestRun run) {
        FlowSnapshot.BoundAction draft = new FlowSnapshot.BoundAction(
                "test-run",
                run.actionName(),
                run.actionId(),
                run.actionName(),
                "draft",
                0,
                run.code(),
                "node22",
                List.of("*"),
                OnError.FAIL,
                null,
                false,
                run.dependencyBundle(),
                run.configuration(),
                run.outboundHosts());
        return execute(
                run.tenantId(), run.trigger(), run.event(), List.of(draft), null, run.coverage(), new ArrayList<>());
    }

    /** @param late collects what actions left running after the response will log (synchronous triggers) */
    private FlowResult execute(
            String tenantId,
            TriggerId trigger,
            ObjectNode event,
            List<FlowSnapshot.BoundAction> actions,
            ContinuationTokens.State resumed,
            boolean coverage,
            List<LateLogs> late) {
        String executionId = resumed == null ? UUID.randomUUID().toString() : resumed.executionId();
        Timer.Sample timing = Timer.start(metrics);
        Instant deadline = Instant.now().plus(config.limits().flowTimeout());

        ObjectNode baseEvent = event.deepCopy();
        baseEvent.remove("secrets"); // never trust a caller-supplied secrets object
        baseEvent.putObject("tenant").put("id", tenantId);
        ActionEvents actionEvents = new ActionEvents(baseEvent);
        FlowEffects effects = new FlowEffects();
        TriggerCommands commandRules = TriggerCommands.of(trigger);
        List<FlowResult.IssuedCommand> commands = new ArrayList<>();
        List<FlowResult.ActionRun> runs = new ArrayList<>();
        FlowResult.Status status = FlowResult.Status.COMPLETED;
        FlowResult.Continuation continuation = null;
        int first = 0;
        if (resumed != null) {
            first = resumed.actionIndex();
            for (FlowResult.IssuedCommand prior : resumed.commands()) {
                commands.add(prior);
                effects.apply(prior.type(), prior.args());
            }
            ObjectNode metadata = transactionMetadata(baseEvent);
            resumed.transactionMetadata().fields().forEachRemaining(e -> metadata.set(e.getKey(), e.getValue()));
        }

        for (int index = first; index < actions.size(); index++) {
            FlowSnapshot.BoundAction action = actions.get(index);
            String handler = resumed != null && index == first ? CONTINUE_HANDLER : trigger.handler();
            Instant started = Instant.now();
            Duration remaining = Duration.between(started, deadline);
            if (remaining.isNegative() || remaining.isZero()) {
                runs.add(new FlowResult.ActionRun(
                        new FlowResult.ActionResult(
                                action.actionName(),
                                action.actionId(),
                                action.versionNumber(),
                                started,
                                started,
                                new FlowResult.PublicError("flow_timeout", "The flow ran out of time.")),
                        new FlowResult.ActionDetail(
                                action.versionId(),
                                List.of(),
                                "not started: the flow's time budget was used up",
                                null,
                                action.debug())));
                status = FlowResult.Status.FAILED;
                break;
            }
            ExecutionOutcome outcome;
            Redactor redactor;
            try {
                Map<String, String> values = secrets.forAction(
                        tenantId,
                        action.actionId(),
                        action.versionNumber() > 0 ? action.versionId() : null,
                        action.secretNames());
                redactor = new Redactor(values.values());
                // the host checks each command against the trigger's descriptor, counting what earlier actions set
                CommandCheck check = new CommandCheck(
                        commandRules,
                        CommandLimits.of(config.limits()),
                        CONTINUE_HANDLER.equals(handler),
                        new CommandCheck.EarlierClaims(effects.accessToken.claims, effects.idToken.claims));
                ActionCode code = new ActionCode(
                        action.actionId(),
                        action.actionName(),
                        action.versionNumber(),
                        action.code(),
                        bundles.forHash(action.dependencyBundle()),
                        action.outboundHosts());
                String actionEvent = actionEvents.forAction(values, action.configuration());
                Duration timeout = timeoutFor(action, remaining);
                outcome = coverage
                        ? sandbox.runMeasuringCoverage(
                                code, handler, tenantId, trigger.id(), actionEvent, timeout, check)
                        : sandbox.run(code, handler, tenantId, trigger.id(), actionEvent, timeout, check);
            } catch (SecretValues.SecretsUnavailable | DependencyBundles.Unavailable e) {
                redactor = new Redactor(List.of());
                outcome = new ExecutionOutcome(
                        List.of(),
                        null,
                        List.of(),
                        false,
                        new ExecutionOutcome.Failure(ExecutionOutcome.Failure.Kind.ERROR, e.getMessage(), null));
            } catch (RuntimeException e) {
                // whatever went wrong in the runtime is this action's failure, never the flow's 500
                LOG.errorf(
                        e,
                        "The runtime failed while running action %s in %s flow %s",
                        action.actionId(),
                        trigger.id(),
                        executionId);
                redactor = redactor(tenantId, action);
                outcome = new ExecutionOutcome(
                        List.of(),
                        null,
                        List.of(),
                        false,
                        new ExecutionOutcome.Failure(
                                ExecutionOutcome.Failure.Kind.ERROR, "internal error in the action runtime", null));
            }
            Instant ended = Instant.now();
            FlowResult.ActionDetail detail = detail(action, outcome, redactor);

            if (outcome.failed()) {
                LOG.warnf(
                        "Action %s (%s v%d) failed in %s flow %s: %s",
                        action.actionName(),
                        action.actionId(),
                        action.versionNumber(),
                        trigger.id(),
                        executionId,
                        redactor.redact(outcome.failure().message()));
                runs.add(new FlowResult.ActionRun(
                        new FlowResult.ActionResult(
                                action.actionName(),
                                action.actionId(),
                                action.versionNumber(),
                                started,
                                ended,
                                new FlowResult.PublicError(
                                        "action_failed", "The action '" + action.displayName() + "' failed.")),
                        detail));
                if (action.onError() == OnError.CONTINUE) {
                    continue;
                }
                status = FlowResult.Status.FAILED;
                break;
            }
            runs.add(new FlowResult.ActionRun(
                    new FlowResult.ActionResult(
                            action.actionName(), action.actionId(), action.versionNumber(), started, ended, null),
                    detail));
            if (outcome.pendingLogs() != PendingLogs.NONE) {
                late.add(new LateLogs(runs.size() - 1, outcome.pendingLogs(), redactor));
            }
            for (ExecutionOutcome.Command command : outcome.commands()) {
                // a draft's test run shows its commands to the tenant's developer: secret values never
                JsonNode args = action.versionNumber() > 0 ? command.args() : redactor.redact(command.args());
                commands.add(new FlowResult.IssuedCommand(action.actionName(), command.type(), args));
                effects.apply(command.type(), args);
                if ("transaction.setMetadata".equals(command.type())) {
                    transactionMetadata(baseEvent).set(args.path("key").asText(), args.path("value"));
                    actionEvents.changed();
                }
            }
            if (outcome.stoppedBy() != null) {
                boolean suspends = commandRules.flowOf(outcome.stoppedBy()) == TriggerCommands.Flow.SUSPENDS;
                status = suspends ? FlowResult.Status.SUSPENDED : FlowResult.Status.DENIED;
                if (suspends) {
                    continuation = new FlowResult.Continuation(
                            continuations.issue(new ContinuationTokens.State(
                                    tenantId,
                                    trigger.id(),
                                    executionId,
                                    index,
                                    action.actionId(),
                                    action.versionId(),
                                    commands,
                                    transactionMetadata(baseEvent),
                                    null)),
                            continuations.expiryFromNow());
                }
                break;
            }
        }
        if (!WarmupFlow.isWarmup(tenantId)) { // the startup warm-up's runs are not logins
            timing.stop(metrics.timer(
                    "executor.flow.duration",
                    "trigger",
                    trigger.id(),
                    "status",
                    status.name().toLowerCase(Locale.ROOT)));
        }
        return new FlowResult(
                executionId,
                new FlowResult.Trigger(trigger.id(), trigger.version()),
                status,
                commands,
                effects,
                runs,
                continuation);
    }

    private Redactor redactor(String tenantId, FlowSnapshot.BoundAction action) {
        try {
            return new Redactor(secrets.forAction(
                            tenantId,
                            action.actionId(),
                            action.versionNumber() > 0 ? action.versionId() : null,
                            action.secretNames())
                    .values());
        } catch (RuntimeException e) {
            return new Redactor(List.of());
        }
    }

    private static ObjectNode transactionMetadata(ObjectNode event) {
        JsonNode transaction = event.path("transaction");
        ObjectNode tx = transaction.isObject() ? (ObjectNode) transaction : event.putObject("transaction");
        JsonNode metadata = tx.path("metadata");
        return metadata.isObject() ? (ObjectNode) metadata : tx.putObject("metadata");
    }

    private Duration timeoutFor(FlowSnapshot.BoundAction action, Duration remaining) {
        Duration own =
                action.timeoutMs() == null ? config.limits().actionTimeout() : Duration.ofMillis(action.timeoutMs());
        return own.compareTo(remaining) < 0 ? own : remaining;
    }

    private static FlowResult.ActionDetail detail(
            FlowSnapshot.BoundAction action, ExecutionOutcome outcome, Redactor redactor) {
        List<String> logs = outcome.logs().stream().map(redactor::redact).toList();
        ExecutionOutcome.Failure failure = outcome.failure();
        return new FlowResult.ActionDetail(
                action.versionId(),
                logs,
                failure == null ? null : redactor.redact(failure.message()),
                failure == null ? null : redactor.redact(failure.stack()),
                action.debug(),
                outcome.coverage());
    }
}
