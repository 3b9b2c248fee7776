package dev.openactions.executor.runtime.npm;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** npm dependencies of actions, under {@code executor.npm.*}. */
@ConfigMapping(prefix = "executor.npm")
public interface NpmConfig {

    /**
     * Bytes of dependency bundles (their files' UTF-8 text) kept in memory, least recently used
     * dropped first. A bundle is fetched from the registry again when it is needed after that.
     */
    @WithDefault("268435456")
    long bundleCacheBytes();
}
