package dev.openactions.registry.service;

import dev.openactions.npm.DependencyFailure;
import dev.openactions.registry.client.ExecutorGateway;
import dev.openactions.registry.client.ExecutorGateway.BuildOutcome;
import dev.openactions.registry.config.RegistryConfig;
import dev.openactions.registry.dependencies.DependencyPinning;
import dev.openactions.registry.domain.ActionEntity;
import dev.openactions.registry.domain.ActionVersionEntity;
import dev.openactions.registry.domain.BuildError;
import dev.openactions.registry.domain.Dependency;
import dev.openactions.registry.domain.VersionStatus;
import dev.openactions.registry.repository.ActionRepository;
import dev.openactions.registry.repository.ActionVersionRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Builds new versions in the background: {@code pending → building → built | failed}, and
 * {@code retrying} while the executor cannot be asked. The schedule lives in the database
 * ({@code next_build_at}, {@code build_attempts}): a version is claimed with SKIP LOCKED and a lease,
 * checked by the executor outside any transaction, and its outcome recorded in a new transaction.
 * Retries back off exponentially and survive restarts; several replicas share the work.
 * Woken right after a deploy commits, and polled by the scheduler for retries and expired leases.
 */
@ApplicationScoped
public class BuildWorker {
    private static final Logger LOG = Logger.getLogger(BuildWorker.class);
    private static final int MAX_BUILDS_PER_RUN = 100;
    private static final String BUILD_ERRORS_URL = "https://openactions.dev/docs/build-errors#";

    private record Claim(
            UUID versionId,
            UUID actionId,
            String tenantId,
            int number,
            String triggerId,
            String code,
            List<Dependency> dependencies) {}

    private final ActionVersionRepository versions;
    private final ActionRepository actions;
    private final FlowPublisher flows;
    private final ExecutorGateway executor;
    private final DependencyPinning dependencies;
    private final RegistryConfig config;
    private final ExecutorService wakeups = Executors.newSingleThreadExecutor(r -> new Thread(r, "build-worker"));
    private final AtomicBoolean wakeupPending = new AtomicBoolean();

    BuildWorker(
            ActionVersionRepository versions,
            ActionRepository actions,
            FlowPublisher flows,
            ExecutorGateway executor,
            DependencyPinning dependencies,
            RegistryConfig config) {
        this.versions = versions;
        this.actions = actions;
        this.flows = flows;
        this.executor = executor;
        this.dependencies = dependencies;
        this.config = config;
    }

    void onQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) VersionService.BuildQueued queued) {
        if (wakeupPending.compareAndSet(false, true)) {
            wakeups.submit(() -> {
                wakeupPending.set(false);
                buildDue();
            });
        }
    }

    @Scheduled(
            every = "${registry.build.poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        buildDue();
    }

    /** Builds every version that is due, until none is left or the executor turns out to be unreachable. */
    public synchronized void buildDue() {
        try {
            for (int i = 0; i < MAX_BUILDS_PER_RUN; i++) {
                Optional<Claim> claim = claimNext();
                if (claim.isEmpty()) {
                    return;
                }
                DependencyPinning.Pinned pinned = null;
                BuildOutcome outcome;
                try {
                    // npm dependencies first: the executor's build check loads the code with the pinned tree.
                    pinned = dependencies.pin(claim.get().dependencies());
                    outcome =
                            executor.build(claim.get().triggerId(), claim.get().code(), pinned.bundleHash());
                } catch (DependencyFailure failure) {
                    outcome = failure.retryable()
                            ? new BuildOutcome.Unavailable(failure.getMessage())
                            : new BuildOutcome.Failed(List.of(new BuildError(
                                    failure.id(), failure.getMessage(), BUILD_ERRORS_URL + failure.id())));
                }
                record(claim.get(), outcome, pinned);
                if (outcome instanceof BuildOutcome.Unavailable) {
                    return; // the others are due too, but would meet the same outage: wait for the next poll
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("Build worker paused, will retry: %s", e.getMessage());
        }
    }

    private Optional<Claim> claimNext() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = Instant.now();
            return versions.lockNextDueBuild(now).map(v -> {
                v.status = VersionStatus.BUILDING;
                v.buildAttempts++;
                v.nextBuildAt = now.plus(config.build().lease());
                v.updatedAt = now;
                // Resolve what the draft asked for (ranges, dist-tags), not a pin an earlier attempt left behind.
                List<Dependency> wanted =
                        v.requestedDependencies != null ? v.requestedDependencies : v.content.dependencies();
                return new Claim(
                        v.id, v.actionId, v.tenantId, v.number, v.triggerId(), v.content.code(), List.copyOf(wanted));
            });
        });
    }

    private void record(Claim claim, BuildOutcome outcome, DependencyPinning.Pinned pinned) {
        QuarkusTransaction.requiringNew().run(() -> {
            // Lock order as everywhere else: the action first, then its version.
            ActionEntity action = actions.findById(claim.actionId(), LockModeType.PESSIMISTIC_WRITE);
            ActionVersionEntity version =
                    action == null ? null : versions.findById(claim.versionId(), LockModeType.PESSIMISTIC_WRITE);
            if (version == null || version.status != VersionStatus.BUILDING) {
                return; // deleted, pruned, or taken over by another worker after our lease expired
            }
            Instant now = Instant.now();
            version.updatedAt = now;
            if (pinned != null && pinned.bundleHash() != null) {
                // The version snapshot keeps exact versions (Auth0 pins too) and names its tree by hash.
                version.content = version.content.withDependencies(pinned.dependencies());
                version.dependencyBundle = pinned.bundleHash();
            }
            switch (outcome) {
                case BuildOutcome.Built built -> built(action, version, now);
                case BuildOutcome.Failed failed -> failed(version, failed.errors());
                case BuildOutcome.Unavailable unavailable -> unavailable(version, unavailable.reason(), now);
            }
        });
    }

    private void built(ActionEntity action, ActionVersionEntity version, Instant now) {
        version.status = VersionStatus.BUILT;
        version.builtAt = now;
        version.errors = new ArrayList<>();
        version.nextBuildAt = null;
        ActionVersionEntity current =
                action.deployedVersionId == null ? null : versions.findById(action.deployedVersionId);
        if (current != null && current.number > version.number) {
            // A newer deploy (or a rollback) already went live; this older build must not replace it.
            LOG.infof(
                    "Built action %s version %d; version %d stays deployed", action.id, version.number, current.number);
            return;
        }
        versions.undeployAll(action.id);
        version.deployed = true;
        action.deployedVersionId = version.id;
        versions.flush();
        flows.publishBoundFlows(action.tenantId, action.id);
        LOG.infof("Built and deployed action %s version %d for tenant %s", action.id, version.number, action.tenantId);
    }

    private void failed(ActionVersionEntity version, List<BuildError> errors) {
        version.status = VersionStatus.FAILED;
        version.errors = new ArrayList<>(errors);
        version.nextBuildAt = null;
        LOG.infof("Build of action %s version %d failed: %s", version.actionId, version.number, errors);
    }

    private void unavailable(ActionVersionEntity version, String reason, Instant now) {
        if (now.isAfter(version.createdAt.plus(config.build().giveUpAfter()))) {
            failed(
                    version,
                    List.of(new BuildError(
                            "build_unavailable",
                            "the build service was unreachable for "
                                    + config.build().giveUpAfter() + "; deploy again",
                            "https://openactions.dev/docs/build-errors#build_unavailable")));
            return;
        }
        Duration delay = backoff(version.buildAttempts);
        version.status = VersionStatus.RETRYING;
        version.nextBuildAt = now.plus(delay);
        LOG.warnf(
                "Cannot build action %s version %d (%s); attempt %d, retrying in %s",
                version.actionId, version.number, reason, version.buildAttempts, delay);
    }

    Duration backoff(int attempts) {
        return backoff(config.build().initialBackoff(), config.build().maxBackoff(), attempts);
    }

    /** initial × 2^(attempts−1), capped at max; at most 30 doublings. */
    static Duration backoff(Duration initial, Duration max, int attempts) {
        int doublings = Math.max(0, Math.min(attempts - 1, 30));
        Duration delay = initial.multipliedBy(1L << doublings);
        return delay.compareTo(max) > 0 || delay.isNegative() ? max : delay;
    }

    void shutdown(@Observes ShutdownEvent event) {
        wakeups.shutdownNow();
    }
}
