package dev.openactions.registry.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the action registry, under {@code registry.*}. */
@ConfigMapping(prefix = "registry")
public interface RegistryConfig {

    /** The tenant every request acts for until authentication assigns one from the token. */
    @WithDefault("default")
    String defaultTenant();

    /** Limits from the product spec; every one is enforced with a clear error. */
    Limits limits();

    /** The relay that moves outbox rows to Kafka. */
    Outbox outbox();

    /** Kafka topic administration. */
    Kafka kafka();

    interface Limits {
        /** Bytes of code per action. */
        @WithDefault("102400")
        int maxCodeBytes();

        /** Actions per tenant. */
        @WithDefault("100")
        int maxActionsPerTenant();

        /** Actions bound to one trigger. */
        @WithDefault("20")
        int maxBindingsPerTrigger();

        /** Secrets per action. */
        @WithDefault("30")
        int maxSecretsPerAction();

        /** npm dependencies per action. */
        @WithDefault("10")
        int maxDependencies();
    }

    interface Outbox {
        /** Rows relayed per batch. */
        @WithDefault("100")
        int batchSize();

        /** How often the relay looks for rows that a wake-up missed. */
        @WithDefault("1s")
        Duration pollInterval();
    }

    interface Kafka {
        /** Create the topics this service writes (actions.flows compacted) on start if absent. Off where Strimzi owns topics. */
        @WithDefault("true")
        boolean createTopics();

        /** Partitions of actions.flows when this service creates it. */
        @WithDefault("3")
        int flowsPartitions();
    }
}
