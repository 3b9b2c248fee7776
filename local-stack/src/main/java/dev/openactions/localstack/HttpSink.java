package dev.openactions.localstack;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 that records every request and answers with a fixed status and
 * body: the stand-in for the outside world an action calls (a mail API, an SMS API, a webhook).
 * A vendor API that answers per resource (a consent per user, say) gets answers per path prefix.
 */
public final class HttpSink implements AutoCloseable {
    /** One request as received. Header names are lower-case. */
    public record Received(String method, String path, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private final HttpServer server;
    private final java.util.concurrent.ExecutorService executor = Executors.newFixedThreadPool(4);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String responseBody = "{\"ok\":true}";
    private volatile Map<String, String> responseHeaders = Map.of();
    /** Answers for request paths starting with a prefix (the longest matching one); the fixed answer otherwise. */
    private final Map<String, Answer> byPrefix = new ConcurrentSkipListMap<>(
            Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));

    private record Answer(int status, String body, Map<String, String> headers) {}

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
                Map<String, List<String>> headers = new java.util.TreeMap<>();
                exchange.getRequestHeaders()
                        .forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), List.copyOf(v)));
                sink.received.add(new Received(
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().toString(),
                        headers,
                        new String(body, StandardCharsets.UTF_8)));
                String path = exchange.getRequestURI().toString();
                Answer answer = sink.byPrefix.entrySet().stream()
                        .filter(e -> path.startsWith(e.getKey()))
                        .map(Map.Entry::getValue)
                        .findFirst()
                        .orElse(new Answer(sink.status, sink.responseBody, sink.responseHeaders));
                byte[] response = answer.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
                exchange.sendResponseHeaders(answer.status(), response.length);
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

    /** Answers requests whose path (with its query) starts with {@code pathPrefix} so; the longest matching prefix wins. */
    public void respondTo(String pathPrefix, int status, String body, Map<String, String> headers) {
        byPrefix.put(pathPrefix, new Answer(status, body, Map.copyOf(headers)));
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
