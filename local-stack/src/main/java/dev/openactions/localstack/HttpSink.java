package dev.openactions.localstack;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 that records every request and answers with a fixed status and
 * body: the stand-in for the outside world an action calls (a mail API, an SMS API, a webhook).
 */
public final class HttpSink implements AutoCloseable {
    /** One request as received. Header names are lower-case. */
    public record Received(String method, String path, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String responseBody = "{\"ok\":true}";
    private volatile Map<String, String> responseHeaders = Map.of();

    private HttpSink(HttpServer server) {
        this.server = server;
    }

    public static HttpSink start() {
        return start(0);
    }

    public static HttpSink start(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            HttpSink sink = new HttpSink(server);
            server.createContext("/", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                Map<String, List<String>> headers = new TreeMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
                sink.received.add(new Received(
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().toString(),
                        headers,
                        new String(body, StandardCharsets.UTF_8)));
                byte[] response = sink.responseBody.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                sink.responseHeaders.forEach(
                        (k, v) -> exchange.getResponseHeaders().add(k, v));
                exchange.sendResponseHeaders(sink.status, response.length);
                exchange.getResponseBody().write(response);
                exchange.close();
            });
            server.setExecutor(sink.executor);
            server.start();
            return sink;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the HTTP sink", e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public void respondWith(int status, String body) {
        respondWith(status, body, Map.of());
    }

    public void respondWith(int status, String body, Map<String, String> headers) {
        this.status = status;
        this.responseBody = body;
        this.responseHeaders = Map.copyOf(headers);
    }

    public void clear() {
        received.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
