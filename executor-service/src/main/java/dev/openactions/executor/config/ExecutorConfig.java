package dev.openactions.executor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of the executor, under {@code executor.*}. */
@ConfigMapping(prefix = "executor")
public interface ExecutorConfig {

    /**
     * A tenant the platform knows from the start (identity events for it are accepted before any of
     * its flows arrive). HTTP calls take their tenant from the access token, never from here.
     */
    @WithDefault("default")
    String defaultTenant();

    /** Bearer-token authentication: the tenant claim and this service's own identity. */
    Auth auth();

    interface Auth {
        /** The access-token claim that names the caller's tenant. */
        @WithDefault("https://openactions.dev/tenant")
        String tenantClaim();

        /** The longest lifetime ({@code exp - iat}) a bearer token may have; longer-lived tokens are refused (Auth0's access tokens live 24 h). */
        @WithDefault("24h")
        Duration maxTokenLifetime();

        /** The token this service sends to secrets-service. */
        ServiceToken serviceToken();

        /** Verified bearer tokens, kept so that a token's signature is checked once rather than on every request. */
        TokenCache tokenCache();

        interface TokenCache {
            /** {@code false}: every request verifies its token's signature again (for measurements). */
            @WithDefault("true")
            boolean enabled();

            /** Most verified tokens kept (Caffeine's size-based eviction; about 2 KB each). */
            @WithDefault("10000")
            int maxEntries();

            /**
             * Longest a verified token is served from the cache (never past its {@code exp}); bounds how long a
             * token signed by a key the authorization server has withdrawn from its JWKS is still accepted.
             */
            @WithDefault("60s")
            Duration maxTtl();
        }

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

    /** Throw-away executions run at startup so that the first real ones are not slow. */
    @WithDefault("20")
    int warmupExecutions();

    /**
     * The startup warm-up of the whole synchronous path (HTTP, token check, flow, record building): flow
     * requests of a throw-away tenant sent to this service's own endpoint before readiness reports UP, so that
     * the JIT has compiled that path before real logins arrive (a new replica is useful within seconds).
     */
    Warmup warmup();

    interface Warmup {
        /** {@code false}: readiness is UP as soon as the service is; the JIT compiles under real traffic. */
        @WithDefault("true")
        boolean enabled();

        /**
         * How long the warm-up sends requests at least; startup takes about this much longer (more
         * while the JIT has not settled, see {@link #untilJitSettles()}).
         */
        @WithDefault("10s")
        Duration duration();

        /**
         * Keep warming up past {@link #duration()} until the JIT has settled — compiling less than
         * {@link #jitSettledShare()} of one core over {@link #jitWindow()} — or until {@link #maxDuration()}.
         * On 2 cores the JIT needs ~30-60 s after start (it compiles the Graal compiler first); a replica
         * that turns ready before is slow for that long (BENCHMARKS.md, "time to steady state").
         */
        @WithDefault("true")
        boolean untilJitSettles();

        /** The longest the warm-up runs when it waits for the JIT to settle. */
        @WithDefault("60s")
        Duration maxDuration();

        /** Share of one core below which compiling counts as settled. */
        @WithDefault("0.25")
        double jitSettledShare();

        /** The window over which the compiling share is measured. */
        @WithDefault("2s")
        Duration jitWindow();

        /** Most requests the warm-up sends (it also stops at {@link #duration()}). */
        @WithDefault("200000")
        int maxRequests();

        /** Connections sending requests concurrently (the pools and the event loops warm up too). */
        @WithDefault("4")
        int connections();
    }

    /** Reuse of prepared contexts per action version (module scope carries over, as on Auth0). */
    Pool pool();

    interface Pool {
        /**
         * Idle prepared contexts kept per action version. Enough for the concurrent executions of a
         * busy flow: with fewer, every execution beyond them prepares a fresh context (~7 ms) and the
         * surplus is closed again (BENCHMARKS.md, "What was tried": +19 % post-login throughput at 8 connections vs 2).
         */
        @WithDefault("8")
        int maxIdlePerVersion();

        /**
         * How long an execution waits for a busy context of its version to come back when the version
         * already has {@code max-idle-per-version} contexts alive, before it prepares one more (which
         * is closed again when it comes back). Short: a context of a quick action is free again within
         * microseconds, while preparing one costs milliseconds; 0 never waits.
         */
        @WithDefault("10ms")
        Duration borrowWait();

        /** Action versions with idle contexts; the least recently used beyond this are closed. */
        @WithDefault("1000")
        int maxVersions();
    }

    /** Decrypted secret values from secrets-service. */
    Secrets secrets();

    interface Secrets {
        /** How long decrypted values of a deployed version are reused; 0 disables caching. */
        @WithDefault("30s")
        Duration cacheTtl();
    }

    /** Execution records published to actions.executions. */
    Records records();

    interface Records {
        /** Keep actions' whole console output in records (debugging); otherwise a 4 KiB excerpt per action. */
        @WithDefault("false")
        boolean fullLogs();

        /**
         * Records waiting to be sent (the broker slower than the flows, or unreachable); beyond this
         * they are dropped and counted ({@code executor_execution_records_dropped_total}), flows go on.
         */
        @WithDefault("10000")
        int queueCapacity();

        /** How long the producer waits to fill a batch of records (Kafka's {@code linger.ms}). */
        @WithDefault("5ms")
        Duration linger();
    }

    /** Limits on one execution. */
    Limits limits();

    /** The outbound {@code fetch} available to actions. */
    Fetch fetch();

    /** Suspended post-login flows (redirects, MFA challenges). */
    Continuation continuation();

    interface Continuation {
        /**
         * Base64 HMAC key (≥ 32 bytes) signing continuation tokens; the same on every replica. Required
         * outside dev and test (the service refuses to start without it); dev and test use a random
         * key per process.
         */
        Optional<String> signingKey();

        /** How long a suspended flow can be resumed. */
        @WithDefault("1h")
        Duration ttl();
    }

    interface Limits {
        /** Wall-clock time for one action unless its binding sets another. */
        @WithDefault("10s")
        Duration actionTimeout();

        /** Wall-clock time for a whole trigger execution (all its actions). */
        @WithDefault("20s")
        Duration flowTimeout();

        /** Bytes one execution may allocate (sampled on its thread); past it the execution is stopped. */
        @WithDefault("268435456")
        long allocationBytes();

        /** Console output captured per execution. */
        @WithDefault("262144")
        int logBytes();

        /** Custom claims per token, names and JSON values together, across the flow (Auth0 and the spec: 100 KB). */
        @WithDefault("102400")
        int customClaimsBytes();

        /** One user or app metadata value, as JSON. */
        @WithDefault("16384")
        int metadataValueBytes();

        /** api calls that issue a command, per action execution. */
        @WithDefault("1000")
        int commands();

        /** Serialized arguments of all the commands of one action execution. */
        @WithDefault("1048576")
        int commandBytes();

        /** api.cache: entries per tenant and trigger (Auth0: 20). */
        @WithDefault("20")
        int cacheEntries();

        /** api.cache: all values of a tenant and trigger together, in bytes (Auth0: 8 KB). */
        @WithDefault("8192")
        int cacheBytes();
    }

    interface Fetch {
        /** Timeout of one outbound request. */
        @WithDefault("10s")
        Duration requestTimeout();

        /** Largest response body an action may read, in bytes. */
        @WithDefault("1048576")
        int maxResponseBytes();

        /** Outbound requests per execution. */
        @WithDefault("50")
        int maxRequests();

        /**
         * Hosts (name or IP, optionally {@code :port}) that may be called even though they resolve to a
         * loopback, private or link-local address. Empty in production: actions reach only the internet.
         */
        Optional<List<String>> allowedPrivateHosts();
    }
}
