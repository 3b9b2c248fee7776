package dev.openactions.registry.live;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The console's executions list and live stream, under {@code live.*}. */
@ConfigMapping(prefix = "live")
public interface LiveConfig {

    /** Open live streams one tenant may hold on one replica; more are refused with 429. */
    @WithDefault("10")
    int maxStreamsPerTenant();

    /** How often an idle stream gets a comment line, so proxies keep it open and closed clients are noticed. */
    @WithDefault("15s")
    Duration heartbeat();

    /** Executions the recent list returns at most. */
    @WithDefault("50")
    int recentLimit();
}
