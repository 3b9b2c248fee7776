package dev.openactions.executor.npm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.openactions.contracts.DependencyBundle;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The registry's {@code GET /internal/v1/dependency-bundles/{hash}} on 127.0.0.1, serving the bundles
 * a test {@link #publish}es; it records the Authorization header of every call.
 */
public class BundleRegistryResource implements QuarkusTestResourceLifecycleManager {
    static final Map<String, byte[]> BUNDLES = new ConcurrentHashMap<>();
    static final List<String> AUTHORIZATIONS = new CopyOnWriteArrayList<>();
    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer server;

    public static String publish(DependencyBundle bundle) {
        try {
            BUNDLES.put(bundle.hash(), JSON.writeValueAsBytes(bundle));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bundle.hash();
    }

    /** Serves {@code body} under {@code hash} whatever it contains (for integrity tests). */
    static void serveRaw(String hash, byte[] body) {
        BUNDLES.put(hash, body);
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/internal/v1/dependency-bundles/", exchange -> {
            AUTHORIZATIONS.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            String hash = exchange.getRequestURI().getPath().substring("/internal/v1/dependency-bundles/".length());
            byte[] body = BUNDLES.get(hash);
            if (body == null) {
                body = "{\"title\":\"not found\",\"status\":404}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
                exchange.sendResponseHeaders(404, body.length);
            } else {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
            }
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return Map.of(
                "quarkus.rest-client.action-registry.url",
                "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
