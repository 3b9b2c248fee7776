package dev.openactions.executor.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Memory and latency with many hot action versions: {@code versions} distinct deployed versions are
 * each prepared and executed (one pooled context each, as the executor keeps them), the heap is
 * measured after a full GC, then executions go round-robin over all of them (every one stays hot).
 * Run in a 512 MB heap ({@code -Xmx512m}): 1,000 versions must fit, and their p99 must not regress
 * against one version. The heap figure goes to {@code -Dbench.heap.dir} (one file per parameter).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
public class HotVersionsBenchmark {
    private static final String EVENT = """
            {"user":{"user_id":"auth0|1","email":"a@example.com","app_metadata":{"plan":"pro"}},"request":{"ip":"198.51.100.7"}}""";

    @Param({"1", "1000"})
    public int versions;

    private BenchSandbox bench;
    private ActionCode[] actions;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        bench = new BenchSandbox();
        actions = new ActionCode[versions];
        for (int i = 0; i < versions; i++) {
            // distinct actions of one tenant, as a busy tenant (or many tenants) would deploy them
            actions[i] = new ActionCode("hot-" + i, "hot-" + i, 1, """
                    const CLAIM = 'https://example.com/a%d';
                    exports.onExecutePostLogin = async (event, api) => {
                      api.accessToken.setCustomClaim(CLAIM, event.user.app_metadata.plan);
                    };""".formatted(i));
            bench.run(actions[i], "onExecutePostLogin", "post-login", EVENT);
        }
        recordHeap("after-prepare");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        recordHeap("after-run");
        bench.close();
    }

    private void recordHeap(String when) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long max = Runtime.getRuntime().maxMemory();
        String line = "versions=" + versions + " " + when + " used=" + used + " max=" + max + " pooled="
                + bench.pool.idleCount();
        System.out.println("[heap] " + line);
        String dir = System.getProperty("bench.heap.dir");
        if (dir != null) {
            try {
                Path file = Path.of(dir, "heap-" + versions + "-" + when + ".txt");
                Files.createDirectories(file.getParent());
                Files.writeString(file, used + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Benchmark
    public ExecutionOutcome roundRobin() {
        ActionCode action = actions[next];
        next = next + 1 == versions ? 0 : next + 1;
        return bench.run(action, "onExecutePostLogin", "post-login", EVENT);
    }
}
