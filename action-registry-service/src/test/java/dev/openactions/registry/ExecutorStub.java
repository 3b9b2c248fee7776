package dev.openactions.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A real HTTP server on 127.0.0.1 standing in for executor-service's internal API
 * ({@code POST /internal/v1/builds}, {@code POST /internal/v1/test-runs}). Unlike an HttpSink it
 * answers per request, so builds and test runs can be answered differently and by the code sent;
 * it records every request and can drop connections to play an unreachable executor.
 */
public final class ExecutorStub implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Code containing this marker fails its build with a syntax error at line 3, column 7. */
    public static final String FAIL_BUILD = "/*fail-build*/";

    public static final String TEST_RUN_RESULT = """
            {"status":"completed","commands":[{"action":"draft","type":"accessToken.setCustomClaim","args":{"name":"n","value":1}}],\
            "effects":{"access_token":{"claims":{"n":1}}},"logs":["hello from the draft"],"error":null}""";

    /** One request as received. */
    public record Request(String method, String path, JsonNode body) {}

    /** A status and body; {@link #DROP} closes the connection without answering. */
    public record Reply(int status, String body) {
        public static final Reply DROP = new Reply(-1, null);
    }

    public static final Function<Request, Reply> DEFAULT = request -> switch (request.path()) {
        case "/internal/v1/builds" ->
            request.body().path("code").asText().contains(FAIL_BUILD)
                    ? new Reply(
                            200,
                            "{\"status\":\"failed\",\"errors\":[{\"id\":\"syntax_error\",\"msg\":\"Unexpected token }\",\"line\":3,\"column\":7}]}")
                    : new Reply(200, "{\"status\":\"built\",\"errors\":[]}");
        case "/internal/v1/test-runs" -> new Reply(200, TEST_RUN_RESULT);
        default -> new Reply(404, "{\"status\":404}");
    };

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final List<Request> received = new CopyOnWriteArrayList<>();
    private volatile Function<Request, Reply> responder = DEFAULT;

    private ExecutorStub(HttpServer server) {
        this.server = server;
    }

    public static ExecutorStub start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ExecutorStub stub = new ExecutorStub(http);
            http.createContext("/", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                JsonNode json = body.length == 0 ? JSON.nullNode() : JSON.readTree(body);
                Request request = new Request(
                        exchange.getRequestMethod(), exchange.getRequestURI().getPath(), json);
                stub.received.add(request);
                Reply reply = stub.responder.apply(request);
                if (reply.status() < 0) {
                    exchange.close(); // before any response headers: the JDK server closes the connection

                    return;
                }
                byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(reply.status(), bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            http.setExecutor(stub.threads);
            http.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void respond(Function<Request, Reply> responder) {
        this.responder = responder;
    }

    /** Back to {@link #DEFAULT} answers, with the record of requests cleared. */
    public void reset() {
        responder = DEFAULT;
        received.clear();
    }

    public List<Request> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
