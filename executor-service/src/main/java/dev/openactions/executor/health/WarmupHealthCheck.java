package dev.openactions.executor.health;

import dev.openactions.executor.warmup.HttpWarmup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while the startup warm-up runs: a replica takes logins once the JIT has compiled their path. */
@Readiness
@ApplicationScoped
public class WarmupHealthCheck implements HealthCheck {
    private final HttpWarmup warmup;

    WarmupHealthCheck(HttpWarmup warmup) {
        this.warmup = warmup;
    }

    @Override
    public HealthCheckResponse call() {
        HttpWarmup.State state = warmup.state();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("warmup")
                .status(state != HttpWarmup.State.RUNNING)
                .withData("state", state.name().toLowerCase(Locale.ROOT))
                .withData("requests", warmup.requestsSent());
        double jit = warmup.jitCompilingShare();
        if (!Double.isNaN(jit)) { // how busy the JIT was in the last window (it waits for this to settle)
            response.withData("jit_compiling_percent_of_a_core", Math.round(100 * jit));
        }
        return response.build();
    }
}
