package dev.openactions.secrets.service;

import dev.openactions.secrets.config.SecretsConfig;
import dev.openactions.secrets.domain.KeyRotationEntity;
import dev.openactions.secrets.domain.SecretValueEntity;
import dev.openactions.secrets.keys.KeyProvider;
import dev.openactions.secrets.keys.KeyProviderException;
import dev.openactions.secrets.keys.KeyProviderProbe;
import dev.openactions.secrets.keys.SealedValue;
import dev.openactions.secrets.repository.KeyRotationRepository;
import dev.openactions.secrets.repository.SecretValueRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Rewraps the stored values of the rotation in progress, one batch per transaction. The rotation row
 * is locked for the batch (other instances skip it meanwhile) and holds the cursor and counts, so the
 * work resumes where it stopped after a restart, an outage of the key backend or a crash: the
 * scheduler looks for an unfinished rotation every {@code secrets.rotation.poll-interval}.
 *
 * <p>Rows are locked with SKIP LOCKED: a request writing a row at that moment is never blocked; it
 * seals with the new version anyway, and if it does not, the next pass gets the row.
 */
// Created at startup so its meters exist (at zero) from the first scrape, not from the first rotation.
@Startup
@ApplicationScoped
public class RewrapWorker {
    private static final Logger LOG = Logger.getLogger(RewrapWorker.class);
    /** Passes over the table before leftover values count as failed (each pass retries locked rows). */
    static final int MAX_PASSES = 3;

    enum Outcome {
        MORE,
        DONE,
        BUSY,
        PAUSED
    }

    private record Batch(Outcome outcome, int rewrapped, int failed) {
        static Batch of(Outcome outcome) {
            return new Batch(outcome, 0, 0);
        }
    }

    private final KeyRotationRepository rotations;
    private final SecretValueRepository values;
    private final KeyProvider keys;
    private final KeyProviderProbe probe;
    private final SecretsConfig config;
    private final AtomicLong remaining = new AtomicLong();
    private final Counter rewrapped;
    private final Counter failed;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean pending = new AtomicBoolean();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "secrets-rewrap");
        thread.setDaemon(true);
        return thread;
    });

    RewrapWorker(
            KeyRotationRepository rotations,
            SecretValueRepository values,
            KeyProvider keys,
            KeyProviderProbe probe,
            SecretsConfig config,
            MeterRegistry registry) {
        this.rotations = rotations;
        this.values = values;
        this.keys = keys;
        this.probe = probe;
        this.config = config;
        Gauge.builder("secrets.rotation.values.remaining", remaining, AtomicLong::get)
                .description("Stored values still sealed below the version of the rotation in progress")
                .register(registry);
        this.rewrapped = Counter.builder("secrets.rotation.values.rewrapped")
                .description("Stored values rewrapped to a newer key version")
                .register(registry);
        this.failed = Counter.builder("secrets.rotation.values.failed")
                .description("Stored values that could not be rewrapped (they do not authenticate)")
                .register(registry);
    }

    /** Starts working on the rotation in progress now, off the caller's thread. */
    public void kick() {
        pending.set(true);
        executor.execute(this::runActive);
    }

    @Scheduled(
            every = "${secrets.rotation.poll-interval:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void resume() {
        pending.set(true);
        runActive();
    }

    void runActive() {
        while (pending.get() && running.compareAndSet(false, true)) {
            try {
                pending.set(false);
                Optional<UUID> active = QuarkusTransaction.requiringNew()
                        .call(() -> rotations.findActive().map(r -> r.id));
                if (active.isEmpty() || !probe.available()) {
                    continue;
                }
                Outcome outcome;
                do {
                    outcome = nextBatch(active.get());
                } while (outcome == Outcome.MORE && !Thread.currentThread().isInterrupted());
            } catch (RuntimeException e) {
                LOG.errorf(e, "Rewrapping stopped; it resumes at the next poll");
            } finally {
                running.set(false);
            }
        }
    }

    /** Rewraps one batch of the rotation, in one transaction. */
    Outcome nextBatch(UUID rotationId) {
        try {
            Batch batch = QuarkusTransaction.requiringNew().call(() -> batch(rotationId));
            rewrapped.increment(batch.rewrapped());
            failed.increment(batch.failed());
            return batch.outcome();
        } catch (KeyProviderException e) {
            LOG.warnf(
                    "Rewrapping of rotation %s paused, the key backend is unavailable: %s", rotationId, e.getMessage());
            QuarkusTransaction.requiringNew()
                    .run(() -> rotations.lockIfFree(rotationId).ifPresent(r -> {
                        r.lastError =
                                "the key backend was unavailable at " + Instant.now() + "; resuming at the next poll";
                        r.updatedAt = Instant.now();
                    }));
            return Outcome.PAUSED;
        }
    }

    private Batch batch(UUID rotationId) {
        Optional<KeyRotationEntity> locked = rotations.lockIfFree(rotationId);
        if (locked.isEmpty()) {
            return Batch.of(Outcome.BUSY);
        }
        KeyRotationEntity rotation = locked.get();
        if (rotation.status != KeyRotationEntity.Status.REWRAPPING) {
            return Batch.of(Outcome.DONE);
        }
        List<SecretValueEntity> rows = values.lockNextBelow(
                rotation.keyId,
                rotation.targetVersion,
                rotation.cursorId,
                config.rotation().batchSize());
        if (rows.isEmpty()) {
            return Batch.of(endOfPass(rotation));
        }
        List<KeyProvider.Rewrapped> results = keys.rewrap(rows.stream()
                .map(row -> new KeyProvider.Ciphertext(
                        new SealedValue(row.keyId, row.keyVersion, row.ciphertext),
                        new SecretBinding(row.tenantId, row.ownerId, row.name).bytes()))
                .toList());
        int ok = 0;
        for (int i = 0; i < rows.size(); i++) {
            SecretValueEntity row = rows.get(i);
            KeyProvider.Rewrapped result = results.get(i);
            if (result.succeeded()) {
                // the value did not change: updated_at stays
                row.ciphertext = result.sealed().ciphertext();
                row.keyId = result.sealed().keyId();
                row.keyVersion = result.sealed().keyVersion();
                ok++;
            } else {
                LOG.warnf(
                        "Rotation %s could not rewrap secret %s of %s/%s: %s",
                        rotationId, row.name, row.tenantId, row.ownerId, result.error());
            }
        }
        rotation.cursorId = rows.get(rows.size() - 1).id;
        rotation.rewrapped += ok;
        rotation.failed += rows.size() - ok;
        rotation.lastError = null;
        rotation.updatedAt = Instant.now();
        remaining.set(values.countBelow(rotation.keyId, rotation.targetVersion));
        return new Batch(Outcome.MORE, ok, rows.size() - ok);
    }

    private Outcome endOfPass(KeyRotationEntity rotation) {
        long left = values.countBelow(rotation.keyId, rotation.targetVersion);
        remaining.set(left);
        rotation.updatedAt = Instant.now();
        if (left > rotation.failed && rotation.pass < MAX_PASSES) {
            // rows a writer held when the cursor passed them: go again
            rotation.pass++;
            rotation.cursorId = 0;
            rotation.failed = 0;
            return Outcome.MORE;
        }
        rotation.completedAt = rotation.updatedAt;
        if (left == 0) {
            rotation.status = KeyRotationEntity.Status.COMPLETED;
            rotation.lastError = null;
            LOG.infof(
                    "Key rotation %s completed: %d values rewrapped to version %d of %s",
                    rotation.id, rotation.rewrapped, rotation.targetVersion, rotation.keyId);
        } else {
            rotation.status = KeyRotationEntity.Status.INCOMPLETE;
            rotation.lastError = left
                    + " values could not be rewrapped (they do not authenticate); set or delete them before retiring";
            LOG.warnf(
                    "Key rotation %s finished incomplete: %d values still below version %d of %s",
                    rotation.id, left, rotation.targetVersion, rotation.keyId);
        }
        return Outcome.DONE;
    }

    void stop(@Observes ShutdownEvent event) {
        executor.shutdownNow();
    }
}
