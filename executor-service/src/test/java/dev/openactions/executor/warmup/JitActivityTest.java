package dev.openactions.executor.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.graalvm.polyglot.Context;
import org.junit.jupiter.api.Test;

/** The JIT activity the startup warm-up waits on: HotSpot's compilations and Truffle's compiler threads. */
class JitActivityTest {

    @Test
    void countsTheCompilingOfHotJavaScriptThenOnlyWhatFollows() throws InterruptedException {
        JitActivity jit = new JitActivity();
        try (Context context = Context.create("js")) {
            // a function hot enough for Truffle to compile it (the test JVM runs the Graal JIT, as the service)
            context.eval("js", """
                    function step(x) { return (x * 31 + 7) % 1000003; }
                    let v = 1;
                    for (let i = 0; i < 3000000; i++) { v = step(v + i); }
                    v""");
        }
        Thread.sleep(500); // background compilations finish
        Duration whileHot = jit.sinceLastReading();
        assertThat(whileHot).as("compiler time while code ran hot").isGreaterThan(Duration.ofMillis(20));

        Thread.sleep(1000);
        Duration idle = jit.sinceLastReading();
        assertThat(idle).as("compiler time while nothing new ran").isLessThan(whileHot);
        assertThat(idle).isGreaterThanOrEqualTo(Duration.ZERO);
    }
}
