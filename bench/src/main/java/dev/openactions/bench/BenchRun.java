package dev.openactions.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openactions.localstack.ChildProcess;
import dev.openactions.localstack.FreePorts;
import dev.openactions.localstack.KafkaBroker;
import dev.openactions.localstack.PostgresServer;
import dev.openactions.localstack.ProjectLayout;
import dev.openactions.localstack.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Everything BENCHMARKS.md reports, in one run, printed as one table (bench/run.sh):
 * the engine (JMH), the synchronous post-login flow over HTTP against the packaged executor and the
 * Node.js reference in three modes — fresh context, reused context, and reused doing the executor's
 * same work (bearer JWT verified, execution record published to the same Kafka broker) — (same load
 * generator, same machine, one after the other), the executor's time to steady state, and the
 * asynchronous path through Kafka. Settings are short on purpose (under 20 minutes on 2 cores)
 * and are printed with the results.
 */
public final class BenchRun {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TENANT = "default";
    /** The tenant whose post-user-registration action makes one fetch to the local sink. */
    private static final String FETCH_TENANT = "bench-fetch";
    /** Partitions of the identity topics: room for the scale-out's processes. */
    private static final int IDENTITY_PARTITIONS = 6;

    private final ProjectLayout layout = ProjectLayout.locate();
    private final Settings settings;
    private final Path work;
    private final Report report = new Report();
    /** What the fetch tenant's action calls (started with the broker, before the executor). */
    private LocalSink sink;

    /** Durations and sizes of each phase; {@code --quick} shortens everything for a smoke run. */
    record Settings(
            boolean jmh,
            boolean http,
            boolean async,
            int httpWarmupSeconds,
            int saturationSeconds,
            int fixedRateSeconds,
            int connections,
            int asyncWarmup,
            int asyncBurst,
            int asyncRate,
            int asyncSeconds,
            int asyncFetchBurst,
            int asyncProcesses,
            String jmhInclude,
            List<String> executorHeaders,
            int nodeWorkers,
            List<String> targets,
            boolean quick) {

        static Settings parse(String[] args) {
            List<String> list = List.of(args);
            boolean quick = list.contains("--quick");
            String only = value(list, "--only", "jmh,http,async");
            String authorization =
                    value(list, "--authorization", System.getenv().getOrDefault("BENCH_AUTHORIZATION", ""));
            List<String> headers = authorization.isBlank() ? List.of() : List.of("Authorization: " + authorization);
            return new Settings(
                    only.contains("jmh"),
                    only.contains("http"),
                    only.contains("async"),
                    Integer.parseInt(value(list, "--http-warmup", quick ? "5" : "60")),
                    Integer.parseInt(value(list, "--saturation", quick ? "5" : "10")),
                    Integer.parseInt(value(list, "--fixed-rate", quick ? "5" : "15")),
                    Integer.parseInt(value(list, "--connections", "8")),
                    Integer.parseInt(value(list, "--async-warmup", quick ? "2000" : "100000")),
                    Integer.parseInt(value(list, "--async-burst", quick ? "2000" : "100000")),
                    Integer.parseInt(value(list, "--async-rate", "1000")),
                    Integer.parseInt(value(list, "--async-seconds", quick ? "5" : "10")),
                    Integer.parseInt(value(list, "--async-fetch-burst", quick ? "1000" : "20000")),
                    Integer.parseInt(value(list, "--async-processes", quick ? "1" : "3")),
                    value(
                            list,
                            "--jmh",
                            ".*(WarmExecutionBenchmark|EngineBenchmark\\.(freshContext|bareContext)|DeployBenchmark|HotVersionsBenchmark).*"),
                    headers,
                    Integer.parseInt(value(list, "--node-workers", "1")),
                    List.of(value(list, "--targets", "node-fresh,node-reused,node-same-work,executor")
                            .split(",")),
                    quick);
        }

        private static String value(List<String> args, String name, String fallback) {
            int i = args.indexOf(name);
            return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : fallback;
        }
    }

    private BenchRun(Settings settings) throws IOException {
        this.settings = settings;
        this.work = layout.root().resolve("bench/target/run");
        Files.createDirectories(work.resolve("logs"));
    }

    public static void main(String[] args) throws Exception {
        BenchRun run = new BenchRun(Settings.parse(args));
        long started = System.nanoTime();
        int status = 0;
        try {
            run.execute();
        } catch (Exception | Error e) {
            // the run still prints what it measured; the exit must not wait for Kafka client threads
            e.printStackTrace();
            status = 1;
        } finally {
            String table = run.report.render(run.settings, Duration.ofNanos(System.nanoTime() - started));
            System.out.println();
            System.out.println(table);
            Files.writeString(run.layout.root().resolve("bench/target/results.md"), table);
            System.out.println("(also in bench/target/results.md; logs in bench/target/run/logs)");
        }
        System.exit(status); // Kafka client threads must not keep the launcher alive, after a failure neither
    }

    private void execute() throws Exception {
        if (settings.jmh()) {
            runNodeEngine();
            runJmh();
        }
        if (!settings.http() && !settings.async()) {
            return;
        }
        Path kafkaDir = work.resolve("kafka");
        deleteRecursively(kafkaDir);
        sink = new LocalSink();
        log("starting a Kafka broker");
        try (KafkaBroker kafka =
                KafkaBroker.start(layout, 0, kafkaDir.resolve("data"), work.resolve("logs/kafka.log"))) {
            kafka.createPlatformTopics(IDENTITY_PARTITIONS);
            publishFlows(kafka.bootstrapServers());
            tokens = LocalTokens.create(work.resolve("keys"), TENANT);
            if (settings.http()) {
                for (String mode : List.of("fresh", "reused")) {
                    if (!settings.targets().contains("node-" + mode)) {
                        continue;
                    }
                    try (NodeProcess node = NodeProcess.start(
                            layout.root(),
                            mode,
                            List.of(),
                            settings.nodeWorkers(),
                            work.resolve("logs/node-" + mode + ".log"))) {
                        measureHttp("node-" + mode, node.flowUrl(), List.of(), node.handle());
                    }
                }
                if (settings.targets().contains("node-same-work")) {
                    // what the executor does per flow besides the JavaScript: verify the bearer token, publish the
                    // record
                    List<String> sameWork = new ArrayList<>(tokens.nodeArguments());
                    sameWork.addAll(List.of("--kafka", kafka.bootstrapServers()));
                    try (NodeProcess node = NodeProcess.start(
                            layout.root(),
                            "reused",
                            sameWork,
                            settings.nodeWorkers(),
                            work.resolve("logs/node-same-work.log"))) {
                        measureHttp(
                                "node-same-work", node.flowUrl(), List.of(tokens.authorizationHeader()), node.handle());
                    }
                }
            }
            try (PostgresServer postgres =
                            executorNeedsDatabase() ? PostgresServer.start(0, work.resolve("postgres")) : null;
                    ServiceProcess executor = startExecutor(kafka, postgres)) {
                if (settings.http() && settings.targets().contains("executor")) {
                    List<String> headers = !settings.executorHeaders().isEmpty()
                            ? settings.executorHeaders()
                            : tokens == null ? List.of() : List.of(tokens.authorizationHeader());
                    measureHttp(
                            "executor",
                            URI.create(executor.baseUrl() + "/api/v1/flows/post-login"),
                            headers,
                            processListening(executor.baseUrl()));
                    log("executor " + ExecutorMetrics.contextPool(executor.baseUrl()));
                }
                if (settings.async()) {
                    measureAsync(kafka, postgres, executor);
                }
            }
        }
    }

    // ---- engine --------------------------------------------------------------------------------

    private void runJmh() throws RunnerException, IOException {
        Path heapDir = work.resolve("heap");
        deleteRecursively(heapDir);
        String jit = String.join(" ", jitFlags());
        log("JMH: " + settings.jmhInclude());
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(settings.jmhInclude())
                .shouldFailOnError(false)
                // the forks' whole command line, not appended to the load generator's: inherited, its
                // -Xlog:gc:file=… made every fork reopen (and rotate away) the load generator's GC log
                .jvmArgs(Stream.concat(jitFlags().stream(), Stream.of("-Xmx512m", "-Dbench.heap.dir=" + heapDir))
                        .toArray(String[]::new));
        if (settings.quick()) { // a smoke run: every benchmark runs, numbers are not steady state
            options.warmupIterations(2)
                    .warmupTime(TimeValue.seconds(1))
                    .measurementIterations(2)
                    .measurementTime(TimeValue.seconds(1));
        }
        log("JMH fork flags: " + jit + " -Xmx512m");
        Collection<RunResult> results = new Runner(options.build()).run();
        report.engine(results, heapDir);
    }

    /** Node's side of the engine numbers (bench/node-reference/engine-bench.js). */
    private void runNodeEngine() throws IOException, InterruptedException {
        String nodeBinary = System.getenv().getOrDefault("NODE", "node");
        log("Node engine benchmark (vm reused / fresh / context / deploy)");
        Process process = new ProcessBuilder(
                        nodeBinary,
                        layout.root()
                                .resolve("bench/node-reference/engine-bench.js")
                                .toString(),
                        "--seconds",
                        "3")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String output = new String(process.getInputStream().readAllBytes()).trim();
        if (process.waitFor() != 0 || output.isEmpty()) {
            report.note("the Node engine benchmark failed: " + output);
            return;
        }
        log("node engine: " + output);
        report.nodeEngine(output.lines().reduce((a, b) -> b).orElse(output));
    }

    private List<String> jitFlags() {
        Path jit = layout.graalJitDir();
        if (!Files.isDirectory(jit)) {
            log("WARNING: " + jit + " is missing: GraalJS will interpret (build executor-service on JDK 25)");
            return List.of("--enable-native-access=ALL-UNNAMED");
        }
        return List.of(
                "-XX:+UnlockExperimentalVMOptions",
                "-XX:+EnableJVMCI",
                "--upgrade-module-path=" + jit,
                "--enable-native-access=ALL-UNNAMED");
    }

    // ---- synchronous flow over HTTP ------------------------------------------------------------

    private void measureHttp(String target, URI url, List<String> headers, ProcessHandle server) throws Exception {
        byte[] body = Files.readAllBytes(layout.root().resolve("bench/node-reference/request.json"));
        HttpLoad load = new HttpLoad(url, body, headers);
        String probe = load.probe();
        log(target + " answers: " + abbreviate(probe));
        if (!probe.startsWith("200 ")
                || !probe.contains("\"status\":\"completed\"")
                || !probe.contains("last_login_ip")) {
            throw new IllegalStateException(target + " did not run the flow: " + abbreviate(probe));
        }
        if (target.equals("executor")) {
            measureRampUp(load);
        } else {
            log(target + ": warm-up " + settings.httpWarmupSeconds() + " s");
            load.saturate(settings.connections(), Duration.ofSeconds(settings.httpWarmupSeconds()));
        }
        Duration cpuBefore = cpu(server);
        HttpLoad.Result saturation =
                load.saturate(settings.connections(), Duration.ofSeconds(settings.saturationSeconds()));
        Duration cpuUsed = cpu(server).minus(cpuBefore);
        log(target + " " + saturation.line());
        if (saturation.requests() > 0 && !cpuBefore.isNegative()) {
            double perRequest = cpuUsed.toNanos() / 1e3 / saturation.requests();
            log(fmt(
                    "%s server CPU at saturation: %.0f µs per request (%.2f cores)",
                    target, perRequest, cpuUsed.toNanos() / 1e9 / saturation.seconds()));
            report.serverCpu(target, perRequest);
        }
        double rate = Math.max(1, Math.floor(saturation.perSecond() / 2));
        HttpLoad.Result fixed = load.fixedRate(
                rate, Math.max(settings.connections(), 16), Duration.ofSeconds(settings.fixedRateSeconds()));
        log(target + " " + fixed.line());
        report.http(target, saturation, fixed);
    }

    /**
     * Time to steady state: the executor saturated from the moment it is ready, in 5-second windows
     * for 2 minutes (this doubles as its warm-up); the windows ending at 10, 15, 30, 60 and 120 s
     * go into the table, to be compared with the saturation measured after.
     */
    private void measureRampUp(HttpLoad load) throws InterruptedException {
        Set<Integer> reported = Set.of(10, 15, 30, 60, 120);
        int end = settings.quick() ? 15 : 120;
        log("executor: saturated from readiness for " + end + " s (time to steady state)");
        for (int windowEnd = 5; windowEnd <= end; windowEnd += 5) {
            HttpLoad.Result window = load.saturate(settings.connections(), Duration.ofSeconds(5));
            if (reported.contains(windowEnd)) {
                log(fmt("executor %d s after readiness: %.0f req/s", windowEnd, window.perSecond()));
                report.rampUp(windowEnd, window.perSecond());
            }
        }
    }

    /** CPU time of a server process and its children (Node workers), or -1 s when unknown. */
    private static Duration cpu(ProcessHandle process) {
        if (process == null) {
            return Duration.ofSeconds(-1);
        }
        Duration total = process.info().totalCpuDuration().orElse(Duration.ZERO);
        for (ProcessHandle child : process.descendants().toList()) {
            total = total.plus(child.info().totalCpuDuration().orElse(Duration.ZERO));
        }
        return total;
    }

    /** The packaged service's process, found by the port on its command line. */
    private static ProcessHandle processListening(String baseUrl) {
        String port = "-Dquarkus.http.port=" + URI.create(baseUrl).getPort();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info()
                        .arguments()
                        .map(args -> List.of(args).contains(port))
                        .orElse(false))
                .findFirst()
                .orElse(null);
    }

    // ---- asynchronous flow through Kafka -------------------------------------------------------

    /**
     * The post-user-registration flow through Kafka: a warm-up (the sync phases warm other code), a
     * sustained burst, a fixed rate, a burst of the tenant whose action makes one fetch to a local sink,
     * then more executor processes on the same 6-partition topic (scale-out).
     */
    private void measureAsync(KafkaBroker kafka, PostgresServer postgres, ServiceProcess executor) throws Exception {
        try (AsyncLoad load = new AsyncLoad(kafka.bootstrapServers(), TENANT)) {
            log("async: warm-up");
            log("async "
                    + load.burst(settings.asyncWarmup(), Duration.ofSeconds(180))
                            .line());
            AsyncLoad.Result burst = load.burst(settings.asyncBurst(), Duration.ofSeconds(180));
            log("async " + burst.line());
            AsyncLoad.Result fixed = load.fixedRate(
                    settings.asyncRate(), Duration.ofSeconds(settings.asyncSeconds()), Duration.ofSeconds(60));
            log("async " + fixed.line());
            report.async(burst, fixed);
            if (settings.asyncFetchBurst() > 0) {
                log("async fetch warm-up "
                        + load.burst(FETCH_TENANT, settings.asyncFetchBurst(), Duration.ofSeconds(180))
                                .line());
                long sinkBefore = sink.requests();
                AsyncLoad.Result fetch = load.burst(FETCH_TENANT, settings.asyncFetchBurst(), Duration.ofSeconds(180));
                log("async fetch " + fetch.line() + "; the sink received " + (sink.requests() - sinkBefore));
                report.asyncFetch(fetch, sink.requests() - sinkBefore);
            }
            if (settings.asyncProcesses() > 1) {
                scaleOut(kafka, postgres, executor, load);
            }
        }
    }

    /** 1, 2, … executor processes in one group on the identity topic's {@value #IDENTITY_PARTITIONS} partitions. */
    private void scaleOut(KafkaBroker kafka, PostgresServer postgres, ServiceProcess first, AsyncLoad load)
            throws Exception {
        AsyncScaleOut scaleOut = new AsyncScaleOut(kafka.bootstrapServers(), load);
        List<ServiceProcess> executors = new ArrayList<>(List.of(first));
        List<ServiceProcess> started = new ArrayList<>();
        try {
            report.scaleOut(scaleOut.measure(executors, 0, settings.asyncBurst()));
            while (executors.size() < settings.asyncProcesses()) {
                ServiceProcess more = startExecutor(kafka, postgres, "executor-service-" + (executors.size() + 1));
                started.add(more);
                executors.add(more);
                report.scaleOut(scaleOut.measure(executors, settings.asyncWarmup(), settings.asyncBurst()));
            }
        } finally {
            started.forEach(ServiceProcess::close);
        }
    }

    // ---- the system under test -----------------------------------------------------------------

    /** The post-login flow (3 actions, as bench/node-reference runs them) and a trivial post-user-registration flow. */
    private void publishFlows(String bootstrapServers) throws Exception {
        JsonNode actions = JSON.readTree(
                layout.root().resolve("bench/node-reference/actions.json").toFile());
        ArrayNode bound = JSON.createArrayNode();
        for (JsonNode action : actions) {
            bound.add(binding((ObjectNode) action));
        }
        ObjectNode registration = JSON.createObjectNode()
                .put("action_id", "bench-welcome")
                .put("action_name", "welcome")
                .put("version_id", "bench-welcome-v1")
                .put("version_number", 1)
                .put(
                        "code",
                        "exports.onExecutePostUserRegistration = async (event, api) => {\n"
                                + "  if (!event.user.email) { throw new Error('no email'); }\n};");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", bootstrapServers, "acks", "all"),
                new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(
                            "actions.flows", TENANT + "/post-login", snapshot(TENANT, "post-login", bound)))
                    .get();
            producer.send(new ProducerRecord<>(
                            "actions.flows",
                            TENANT + "/post-user-registration",
                            snapshot(
                                    TENANT,
                                    "post-user-registration",
                                    JSON.createArrayNode().add(binding(registration)))))
                    .get();
            producer.send(new ProducerRecord<>(
                            "actions.flows",
                            FETCH_TENANT + "/post-user-registration",
                            snapshot(
                                    FETCH_TENANT,
                                    "post-user-registration",
                                    JSON.createArrayNode().add(binding(fetchingAction())))))
                    .get();
        }
    }

    private static ObjectNode binding(ObjectNode action) {
        ObjectNode binding = action.deepCopy();
        binding.put("binding_id", "binding-" + action.path("action_id").asText());
        binding.put("display_name", action.path("action_name").asText());
        binding.put("runtime", "node22");
        binding.putArray("secret_names");
        binding.put("on_error", "fail");
        binding.putNull("timeout_ms");
        return binding;
    }

    /** A post-user-registration action that tells a webhook (the local sink) about the new user. */
    private ObjectNode fetchingAction() {
        return JSON.createObjectNode()
                .put("action_id", "bench-notify")
                .put("action_name", "notify")
                .put("version_id", "bench-notify-v1")
                .put("version_number", 1)
                .put(
                        "code",
                        "exports.onExecutePostUserRegistration = async (event, api) => {\n"
                                + "  const response = await fetch('http://127.0.0.1:" + sink.port() + "/users', {\n"
                                + "    method: 'POST', headers: {'content-type': 'application/json'},\n"
                                + "    body: JSON.stringify({user_id: event.user.user_id, email: event.user.email})});\n"
                                + "  if (!response.ok) { throw new Error('sink answered ' + response.status); }\n};");
    }

    private static String snapshot(String tenant, String trigger, ArrayNode actions) {
        ObjectNode snapshot = JSON.createObjectNode()
                .put("tenant_id", tenant)
                .put("trigger_id", trigger)
                .put("revision", 1)
                .put("published_at", Instant.now().toString());
        snapshot.set("actions", actions);
        return snapshot.toString();
    }

    /** The executor keeps processed event ids in PostgreSQL (ADR 7); start it only if this build's executor has a datasource. */
    private boolean executorNeedsDatabase() throws IOException {
        Path properties = layout.root().resolve("executor-service/src/main/resources/application.properties");
        return Files.isRegularFile(properties) && Files.readString(properties).contains("quarkus.datasource.");
    }

    private LocalTokens.Setup tokens;

    private ServiceProcess startExecutor(KafkaBroker kafka, PostgresServer postgres) {
        return startExecutor(kafka, postgres, "executor-service");
    }

    private ServiceProcess startExecutor(KafkaBroker kafka, PostgresServer postgres, String name) {
        List<String> jvm = new ArrayList<>(List.of(
                // the heap fixed at its budget, as deploy/ starts the executor (InitialRAMPercentage =
                // MaxRAMPercentage): G1 sizes the young generation from the committed heap (docs/runtime.md, "Heap")
                "-Xms1g",
                "-Xmx1g",
                "-XX:+ExitOnOutOfMemoryError",
                "--add-opens",
                "java.base/java.lang=ALL-UNNAMED",
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager"));
        jvm.addAll(jitFlags());
        if (Files.isDirectory(layout.graalJitDir())) {
            // the executor's compilation settings where the product starts it (deploy/, local-stack): more
            // compiler threads reach steady state sooner on 2 cores (docs/runtime.md, "Startup warm-up")
            jvm.addAll(List.of("-XX:CICompilerCount=4", "-Dpolyglot.engine.CompilerThreads=2"));
        }
        String extraFlags = System.getenv().getOrDefault("BENCH_EXECUTOR_JVM_FLAGS", "");
        if (!extraFlags.isBlank()) {
            jvm.addAll(List.of(extraFlags.trim().split("\\s+")));
        }
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        // the fetch tenant's action calls the local sink; nothing else on loopback is reachable
        config.put("executor.fetch.allowed-private-hosts", "127.0.0.1:" + sink.port());
        // required outside dev and test; no flow of the benchmark suspends, so any key will do
        byte[] continuationKey = new byte[32];
        new SecureRandom().nextBytes(continuationKey);
        config.put("executor.continuation.signing-key", Base64.getEncoder().encodeToString(continuationKey));
        // no action of the benchmark declares secrets, so secrets-service is never called
        config.put("quarkus.rest-client.secrets-service.url", "http://127.0.0.1:" + FreePorts.next());
        if (postgres != null) {
            config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl());
            config.put("quarkus.datasource.username", "executor");
            config.put("quarkus.datasource.password", postgres.createServiceRole("executor"));
        }
        // the executor verifies the auth server's bearer tokens (ADR 8), minted with the local key pair
        if (tokens != null) {
            config.putAll(tokens.executorConfig());
            log("executor flow calls carry a locally minted bearer token (scope execute:flows, tenant " + TENANT + ")");
        }
        log("starting the packaged executor: " + String.join(" ", jvm));
        long starting = System.nanoTime();
        ServiceProcess executor = ServiceProcess.start(
                name,
                layout.serviceJar("executor-service"),
                FreePorts.next(),
                jvm,
                config,
                work.resolve("logs/" + name + ".log"));
        try {
            executor.awaitReady(Duration.ofSeconds(120));
            Duration ready = Duration.ofNanos(System.nanoTime() - starting);
            log(fmt("%s ready %.1f s after its start (startup warm-up included)", name, ready.toMillis() / 1e3));
            if (name.equals("executor-service")) {
                report.readyAfter(ready);
            }
            return executor;
        } catch (RuntimeException e) {
            executor.close();
            throw e;
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    static void log(String message) {
        System.out.println("[bench " + Instant.now().toString().substring(11, 19) + "] " + message);
        System.out.flush();
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The Node.js reference executor (bench/node-reference/server.js) as a child process. */
    static final class NodeProcess implements AutoCloseable {
        private final ChildProcess process;
        private final int port;

        private NodeProcess(ChildProcess process, int port) {
            this.process = process;
            this.port = port;
        }

        static NodeProcess start(Path root, String mode, List<String> extraArguments, int workers, Path log) {
            int port = FreePorts.next();
            String node = System.getenv().getOrDefault("NODE", "node");
            List<String> command = new ArrayList<>(List.of(
                    node,
                    root.resolve("bench/node-reference/server.js").toString(),
                    "--port",
                    String.valueOf(port),
                    "--mode",
                    mode,
                    "--workers",
                    String.valueOf(workers)));
            command.addAll(extraArguments);
            ChildProcess process = ChildProcess.start("node " + mode, command, root, log);
            NodeProcess started = new NodeProcess(process, port);
            try {
                process.awaitReady(() -> FreePorts.isOpen(port), Duration.ofSeconds(20));
            } catch (RuntimeException e) {
                started.close();
                throw e;
            }
            log("node " + mode + " (" + workers + " worker(s)) on port " + port + ", " + version(node));
            return started;
        }

        private static String version(String node) {
            try {
                Process v = new ProcessBuilder(node, "--version")
                        .redirectErrorStream(true)
                        .start();
                return new String(v.getInputStream().readAllBytes()).trim();
            } catch (IOException e) {
                return "node version unknown";
            }
        }

        ProcessHandle handle() {
            return process.handle();
        }

        URI flowUrl() {
            return URI.create("http://127.0.0.1:" + port + "/api/v1/flows/post-login");
        }

        @Override
        public void close() {
            process.close();
        }
    }

    static String fmt(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
