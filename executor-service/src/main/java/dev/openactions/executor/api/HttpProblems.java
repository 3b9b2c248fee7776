package dev.openactions.executor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Errors that never reach a JAX-RS resource — routes that match nothing, failures of the HTTP layer,
 * bodies over the size limit refused before they are read — answer the same problem+json as the
 * {@link ProblemMapper} does, instead of the framework's empty bodies. Registered on the Vert.x
 * router: first as a failure handler and as the check of the request's size against the configured
 * limits, last as the fallback for unmatched routes.
 *
 * <p>The request line and header limits ({@code quarkus.http.limits.max-initial-line-length},
 * {@code max-header-size}) are enforced here, not by the HTTP codec, whose own answers (414, 431)
 * have empty bodies and are written before any handler runs: {@link CodecLimits} sets the codec's
 * limits to a multiple of the configured ones, so what lies between gets a problem here and memory
 * stays bounded by the codec's backstop.
 */
@ApplicationScoped
public class HttpProblems {
    private static final Logger LOG = Logger.getLogger(HttpProblems.class);
    private static final String URL_TEMPLATE = "UrlPathTemplate";

    private final ObjectMapper json;
    private final long maxBodySize;
    private final int maxRequestLine;
    private final long maxHeaderSize;

    HttpProblems(
            ObjectMapper json,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10M") MemorySize maxBodySize,
            @ConfigProperty(name = "quarkus.http.limits.max-initial-line-length", defaultValue = "4096")
                    int maxRequestLine,
            @ConfigProperty(name = "quarkus.http.limits.max-header-size", defaultValue = "20K")
                    MemorySize maxHeaderSize) {
        this.json = json;
        this.maxBodySize = maxBodySize.asLongValue();
        this.maxRequestLine = maxRequestLine;
        this.maxHeaderSize = maxHeaderSize.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::refuseOversized).failureHandler(this::failure);
        // before Quarkus' own last-resort handlers, after every real route
        router.route().order(Integer.MAX_VALUE - 1).handler(ctx -> {
            unmatched();
            write(ctx, 404, null);
        });
    }

    /**
     * A request line or headers over the configured limits (the codec lets them through up to its
     * backstop), or a declared Content-Length over the limit (Quarkus answers that with an empty 413):
     * answered here first, as problems.
     */
    private void refuseOversized(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        // as the codec counts: "METHOD SP uri SP HTTP/1.1", and each header line without its CRLF
        if (request.method().name().length() + request.uri().length() + 10 > maxRequestLine) {
            unmatched();
            write(ctx, 414, null);
            return;
        }
        long headerSize = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            headerSize += header.getKey().length() + 2 + header.getValue().length();
        }
        if (headerSize > maxHeaderSize) {
            unmatched();
            write(ctx, 431, null);
            return;
        }
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            try {
                if (Long.parseLong(length.strip()) > maxBodySize) {
                    unmatched();
                    ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
                    write(ctx, 413, null);
                    return;
                }
            } catch (NumberFormatException e) {
                unmatched();
                write(ctx, 400, "the Content-Length header is not a number");
                return;
            }
        }
        ctx.next();
    }

    private void failure(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        if (response.headWritten() || response.ended() || response.closed()) {
            ctx.next();
            return;
        }
        Throwable failure = ctx.failure();
        int status = ctx.statusCode();
        if (failure instanceof HttpException http) {
            status = http.getStatusCode();
        } else if (failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException) {
            status = 401;
            response.putHeader("WWW-Authenticate", "Bearer");
        } else if (failure instanceof ForbiddenException) {
            status = 403;
        }
        if (status < 400 || status > 599) {
            status = 500;
        }
        if (status >= 500) {
            String errorId = UUID.randomUUID().toString();
            LOG.errorf(failure, "Unhandled error %s", errorId);
            write(ctx, 500, "an internal error occurred (error id " + errorId + ")");
            return;
        }
        write(ctx, status, null);
    }

    /**
     * No route template applies: label the request's metrics {@code /unmatched} rather than with the
     * path the client chose (Quarkus' HTTP metrics read the template from this context local).
     */
    private static void unmatched() {
        Context context = Vertx.currentContext();
        if (context != null && context.getLocal(URL_TEMPLATE) == null) {
            context.putLocal(URL_TEMPLATE, "/unmatched");
        }
    }

    private void write(RoutingContext ctx, int status, String detail) {
        Problem problem = ProblemMapper.problemFor(status, detail);
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"status\":" + status + "}";
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(body);
    }
}
