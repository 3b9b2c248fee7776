package dev.openactions.executor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Identity events from Kafka, under {@code executor.events.*}. Topic names are the Kafka channels'
 * own settings ({@code mp.messaging.incoming.*}, see application.properties and ADR 0007).
 */
@ConfigMapping(prefix = "executor.events")
public interface EventsConfig {

    /**
     * Tenants whose events are accepted even before any flow of theirs was deployed. Besides these,
     * a tenant is known once the executor has seen a flow snapshot of it, and the default tenant is
     * always known. Events of any other tenant are dead-lettered without being run.
     */
    Optional<List<String>> knownTenants();

    /**
     * How long the ids of completed events are kept. An event replayed after this runs again, so
     * keep it above the retention of the identity topics and their dead-letter topics.
     */
    @WithDefault("14d")
    Duration retention();

    /** How often ids older than {@link #retention()} are deleted. */
    @WithDefault("1h")
    Duration purgeInterval();

    /**
     * Create the identity topics, their retry topics and dead-letter topics at startup if absent
     * (local runs and tests). Turn off where Strimzi owns the topics.
     */
    @WithDefault("true")
    boolean createTopics();

    /** Partitions of identity topics created here (retry topics get as many as their source topic). */
    @WithDefault("3")
    int partitions();

    /** Retries of failed events through {@code <topic>.retry}, with exponential backoff. */
    Retry retry();

    interface Retry {
        /** Tries in all (the first included); after the last the event goes to {@code <topic>.dlq}. */
        @WithDefault("4")
        int maxAttempts();

        /** Delay before the second attempt. */
        @WithDefault("1s")
        Duration initialDelay();

        /** Each further delay is the previous one times this. */
        @WithDefault("4")
        double multiplier();

        /** No delay is longer than this. */
        @WithDefault("1m")
        Duration maxDelay();
    }

    /**
     * Events of one polled batch that run at the same time: different users' events run
     * concurrently, each user's in order. Bounds the engine threads the identity channels take.
     */
    @WithDefault("4")
    int batchParallelism();

    /**
     * Polled batches per channel copy that run at the same time: the next batch is parsed and started
     * while the previous one still runs and settles, so the engine does not wait for a batch's slowest
     * user or its database write. Also the bound on what a crash reruns (ADR 0007): the events of at
     * most this many batches.
     */
    @WithDefault("2")
    int batchesInFlight();

    /** The longest the admin replay waits to read a dead-letter topic to its end. */
    @WithDefault("30s")
    Duration replayReadTimeout();
}
