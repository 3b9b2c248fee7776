package dev.openactions.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The three OpenActions services started as processes against a running PostgreSQL and Kafka, wired
 * to each other the way the Kubernetes manifests wire them (config keys, not code).
 */
public final class PlatformServices implements AutoCloseable {
    public static final String REGISTRY = "action-registry-service";
    public static final String SECRETS = "secrets-service";
    public static final String EXECUTOR = "executor-service";

    private final List<ServiceProcess> started = new ArrayList<>();
    /** The key pair of the platform this process started last; extra executor replicas join it. */
    private static volatile SigningKeys startedKeys;

    private SigningKeys keys;
    private ServiceProcess registry;
    private ServiceProcess secrets;
    private ServiceProcess executor;

    /** Ports for the three services; 0 picks a free one. */
    public record Ports(int registry, int executor, int secrets) {
        public static Ports fixed() {
            return new Ports(8081, 8082, 8083);
        }

        public static Ports random() {
            return new Ports(0, 0, 0);
        }
    }

    public static PlatformServices start(
            ProjectLayout layout,
            PostgresServer postgres,
            KafkaBroker kafka,
            Ports ports,
            Path workDir,
            Map<String, String> extraExecutorConfig) {
        return start(layout, postgres, kafka, ports, workDir, Map.of(), extraExecutorConfig);
    }

    /** As above, with settings that add to or override the registry's wiring (e.g. registry.npm.url). */
    public static PlatformServices start(
            ProjectLayout layout,
            PostgresServer postgres,
            KafkaBroker kafka,
            Ports ports,
            Path workDir,
            Map<String, String> extraRegistryConfig,
            Map<String, String> extraExecutorConfig) {
        PlatformServices platform = new PlatformServices();
        try {
            Path logs = workDir.resolve("logs");
            Files.createDirectories(logs);
            Duration readiness = Duration.ofSeconds(120);
            // Ports are chosen up front: the registry needs the executor's address (build checks).
            int secretsPort = pick(ports.secrets());
            int registryPort = pick(ports.registry());
            int executorPort = pick(ports.executor());
            // One local signing key pair (generated on first start, kept under the work directory): the
            // services verify tokens with its public key, and registry and executor sign their own
            // service tokens with its private key. Production verifies against the IdP's JWKS instead.
            platform.keys = SigningKeys.inDirectory(workDir.resolve("keys"));
            startedKeys = platform.keys;

            Map<String, String> secretsConfig = datasource(postgres, "secrets");
            secretsConfig.putAll(platform.verification());
            secretsConfig.put("secrets.key-provider", "local");
            secretsConfig.put(
                    "secrets.local.key-file",
                    workDir.resolve("keys/secrets-kek").toString());
            // the demo's first start generates its key-encryption key (production refuses a missing one)
            secretsConfig.put("secrets.local.create-if-missing", "true");
            platform.secrets = platform.launch(layout, SECRETS, secretsPort, serviceJvm(), secretsConfig, logs);

            Map<String, String> registryConfig = datasource(postgres, "registry");
            registryConfig.putAll(platform.verification());
            registryConfig.putAll(platform.signing());
            registryConfig.put("kafka.bootstrap.servers", kafka.bootstrapServers());
            registryConfig.put("quarkus.rest-client.secrets-service.url", platform.secrets.baseUrl());
            registryConfig.put("quarkus.rest-client.executor.url", "http://127.0.0.1:" + executorPort);
            // The web console's sign-in for the demo tenant: local only, never on by default (ADR 15).
            registryConfig.put("console.local-sign-in.enabled", "true");
            registryConfig.put("console.local-sign-in.tenant", "default");
            registryConfig.putAll(extraRegistryConfig);
            platform.registry = platform.launch(layout, REGISTRY, registryPort, serviceJvm(), registryConfig, logs);

            Map<String, String> executorConfig = executorConfig(postgres, kafka, platform.keys);
            executorConfig.put("quarkus.rest-client.secrets-service.url", platform.secrets.baseUrl());
            // npm dependency bundles of actions (GET /internal/v1/dependency-bundles/{hash})
            executorConfig.put("quarkus.rest-client.action-registry.url", platform.registry.baseUrl());
            executorConfig.putAll(extraExecutorConfig);
            platform.executor =
                    platform.launch(layout, EXECUTOR, executorPort, executorJvm(layout), executorConfig, logs);

            for (ServiceProcess service : platform.started) {
                service.awaitReady(readiness);
            }
            return platform;
        } catch (RuntimeException | IOException e) {
            platform.close();
            throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
        }
    }

    /**
     * One more executor replica (same consumer group, same database), for tests of several replicas
     * and of crashes; not awaited. {@code config} adds to or overrides the platform wiring.
     */
    public static ServiceProcess startExecutor(
            ProjectLayout layout,
            PostgresServer postgres,
            KafkaBroker kafka,
            int port,
            Map<String, String> config,
            Path logFile) {
        // the key pair of the platform started in this process; a replica started alone gets its own
        SigningKeys keys = startedKeys != null
                ? startedKeys
                : SigningKeys.inDirectory(logFile.toAbsolutePath().getParent().resolve("keys"));
        Map<String, String> executorConfig = executorConfig(postgres, kafka, keys);
        executorConfig.putAll(config);
        return ServiceProcess.start(
                EXECUTOR,
                layout.serviceJar(EXECUTOR),
                port == 0 ? FreePorts.next() : port,
                executorJvm(layout),
                executorConfig,
                logFile);
    }

    /** The executor's own schema holds the ids of identity events it has processed (ADR 0007). */
    private static Map<String, String> executorConfig(PostgresServer postgres, KafkaBroker kafka, SigningKeys keys) {
        Map<String, String> config = datasource(postgres, "executor");
        config.putAll(verification(keys));
        config.putAll(signing(keys));
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        // every replica signs continuation tokens with the same key (the service refuses to start without one)
        config.put("executor.continuation.signing-key", keys.continuationKey());
        // The local stack (demo, system tests) starts executors often and on busy machines: the startup
        // warm-up runs its fixed executor.warmup.duration, not until the JIT settles (up to a minute).
        config.put("executor.warmup.until-jit-settles", "false");
        return config;
    }

    private Map<String, String> verification() {
        return verification(keys);
    }

    private Map<String, String> signing() {
        return signing(keys);
    }

    private static Map<String, String> verification(SigningKeys keys) {
        return Map.of(
                "mp.jwt.verify.publickey.location",
                keys.publicKey().toUri().toString(),
                "mp.jwt.verify.issuer",
                TokenMint.LOCAL_ISSUER,
                "mp.jwt.verify.audiences",
                TokenMint.AUDIENCE);
    }

    private static Map<String, String> signing(SigningKeys keys) {
        return Map.of(
                "smallrye.jwt.sign.key.location", keys.privateKey().toUri().toString());
    }

    /** Mints tokens the services accept (local signing key). */
    public TokenMint tokens() {
        return TokenMint.local(keys);
    }

    /** A client for one tenant, with its management and flow tokens. */
    public PlatformClient client(String tenant, String bootstrapServers) {
        return new PlatformClient(registry.baseUrl(), executor.baseUrl(), bootstrapServers, tokens(), tenant);
    }

    private ServiceProcess launch(
            ProjectLayout layout, String module, int port, List<String> jvm, Map<String, String> config, Path logs) {
        ServiceProcess service = ServiceProcess.start(
                module, layout.serviceJar(module), port, jvm, config, logs.resolve(module + ".log"));
        started.add(service);
        return service;
    }

    private static int pick(int port) {
        return port == 0 ? FreePorts.next() : port;
    }

    private static Map<String, String> datasource(PostgresServer postgres, String role) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl());
        config.put("quarkus.datasource.username", role);
        config.put("quarkus.datasource.password", postgres.createServiceRole(role));
        return config;
    }

    private static List<String> serviceJvm() {
        return List.of(
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "--add-opens",
                "java.base/java.lang=ALL-UNNAMED");
    }

    /**
     * The executor gets the Graal compiler so GraalJS compiles hot actions to machine code. The flags
     * only boot on a JDK 25 with the complete jar folder; otherwise GraalJS interprets (and warns).
     */
    static List<String> executorJvm(ProjectLayout layout) {
        List<String> flags = new ArrayList<>(List.of(
                "-Xmx768m", "--enable-native-access=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED"));
        Path jit = layout.graalJitDir();
        if (Runtime.version().feature() >= 25 && jitJarsPresent(jit)) {
            flags.addAll(
                    List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI", "--upgrade-module-path=" + jit));
            // more JIT compiler threads than a 2-core default: steady state within seconds of readiness
            // (docs/runtime.md, "Startup warm-up and readiness"; the same flags as deploy/ and the bench)
            flags.addAll(List.of("-XX:CICompilerCount=4", "-Dpolyglot.engine.CompilerThreads=2"));
        }
        return flags;
    }

    private static boolean jitJarsPresent(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> jars = Files.list(dir)) {
            List<String> names = jars.map(p -> p.getFileName().toString()).toList();
            return Stream.of("compiler-", "truffle-compiler-", "collections-", "word-")
                    .allMatch(prefix -> names.stream().anyMatch(n -> n.startsWith(prefix)));
        } catch (IOException e) {
            return false;
        }
    }

    public ServiceProcess registry() {
        return registry;
    }

    public ServiceProcess secrets() {
        return secrets;
    }

    public ServiceProcess executor() {
        return executor;
    }

    public List<ServiceProcess> all() {
        return List.copyOf(started);
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }
}
