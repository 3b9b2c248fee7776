package dev.openactions.executor.api;

import io.quarkus.arc.Unremovable;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sets the HTTP codec's request line and header limits to {@value #BACKSTOP} times the configured
 * ones. The codec answers a request over its limits with an empty 414 or 431 before any handler can
 * run (Quarkus registers no invalid-request handler we could replace), so the configured limits are
 * enforced by {@link HttpProblems}, which answers with a problem; the codec's limits stay as the
 * backstop that bounds the memory one request can take.
 */
// nothing injects it: Quarkus looks customizers up when it creates the server
@Unremovable
@Singleton
public class CodecLimits implements HttpServerOptionsCustomizer {
    static final int BACKSTOP = 4;

    private final int maxRequestLine;
    private final long maxHeaderSize;

    CodecLimits(
            @ConfigProperty(name = "quarkus.http.limits.max-initial-line-length", defaultValue = "4096")
                    int maxRequestLine,
            @ConfigProperty(name = "quarkus.http.limits.max-header-size", defaultValue = "20K")
                    MemorySize maxHeaderSize) {
        this.maxRequestLine = maxRequestLine;
        this.maxHeaderSize = maxHeaderSize.asLongValue();
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        raise(options);
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        raise(options);
    }

    private void raise(HttpServerOptions options) {
        options.setMaxInitialLineLength(Math.multiplyExact(maxRequestLine, BACKSTOP));
        options.setMaxHeaderSize(Math.toIntExact(Math.multiplyExact(maxHeaderSize, BACKSTOP)));
    }
}
