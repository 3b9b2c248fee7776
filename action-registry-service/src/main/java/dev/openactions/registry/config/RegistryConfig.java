package dev.openactions.registry.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Settings of the action registry, under {@code registry.*}. */
@ConfigMapping(prefix = "registry")
public interface RegistryConfig {

    /** Bearer-token authentication: the tenant claim and this service's own identity. */
    Auth auth();

    interface Auth {
        /** The access-token claim that names the caller's tenant. */
        @WithDefault("https://openactions.dev/tenant")
        String tenantClaim();

        /** The longest lifetime ({@code exp - iat}) a bearer token may have; longer-lived tokens are refused (Auth0's access tokens live 24 h). */
        @WithDefault("24h")
        Duration maxTokenLifetime();

        /** The token this service sends to secrets-service and the executor. */
        ServiceToken serviceToken();

        interface ServiceToken {
            /** {@code self-signed} (with {@code smallrye.jwt.sign.key.location}) or {@code file}. */
            @WithDefault("self-signed")
            String source();

            /** With {@code file}: the token file an agent keeps fresh. */
            Optional<Path> file();

            /** Lifetime of a self-signed token; a new one is minted at half of it. */
            @WithDefault("5m")
            Duration ttl();
        }
    }

    /** Management API rate limits per tenant (429 with X-RateLimit-* headers, as Auth0). */
    RateLimit rateLimit();

    interface RateLimit {
        /** Turns the limit (and its headers) off. */
        @WithDefault("true")
        boolean enabled();

        /** Requests a tenant may send at once (the bucket's size, X-RateLimit-Limit). */
        @WithDefault("50")
        long burst();

        /** Sustained requests per second per tenant (the bucket's refill rate). */
        @WithDefault("10")
        double requestsPerSecond();
    }

    /** Limits from the product spec; every one is enforced with a clear error. */
    Limits limits();

    /** The relay that moves outbox rows to Kafka. */
    Outbox outbox();

    /** Kafka topic administration. */
    Kafka kafka();

    /** The background build check of new versions by the executor. */
    Build build();

    /** Stored execution records. */
    Executions executions();

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

        /** Versions kept per action; beyond it the oldest undeployed versions are pruned. */
        @WithDefault("50")
        int maxVersionsPerAction();
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

    interface Build {
        /** How often the worker looks for versions due for a build (it is also woken right after a deploy). */
        @WithDefault("1s")
        Duration pollInterval();

        /** Wait before the first retry while the executor is unreachable; doubles with each attempt. */
        @WithDefault("1s")
        Duration initialBackoff();

        /** Longest wait between two retries. */
        @WithDefault("1m")
        Duration maxBackoff();

        /** A version still unbuilt this long after its deploy fails with a build_unavailable error. */
        @WithDefault("1h")
        Duration giveUpAfter();

        /** How long a worker owns a version it is building; after that another worker may take it over. */
        @WithDefault("2m")
        Duration lease();
    }

    interface Executions {
        /** How long execution records are kept (Auth0 keeps them 10 days). */
        @WithDefault("10d")
        Duration retention();

        /** How often expired execution records are purged. */
        @WithDefault("1h")
        Duration purgeInterval();
    }
}
