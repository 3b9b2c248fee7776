package dev.openactions.testsupport;

import com.sun.net.httpserver.HttpsServer;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An SES-compatible HTTPS endpoint on 127.0.0.1 with a certificate for
 * {@code email.us-east-1.amazonaws.com} (made by the JDK's keytool at start), reached by actions
 * only through {@code executor.fetch.connect-to} and {@code executor.fetch.extra-trust-store}
 * ({@link #executorConfig()}). It records every request and answers SendEmail as SES does.
 */
public final class SesEndpoint implements AutoCloseable {
    public static final String HOST = "email.us-east-1.amazonaws.com";
    private static final String PASSWORD = "changeit";

    /** One request as received: header names lower-case. */
    public record Received(String method, String path, Map<String, String> headers, String body) {}

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final HttpsServer server;
    private final Path trustStore;

    private SesEndpoint(HttpsServer server, Path trustStore) {
        this.server = server;
        this.trustStore = trustStore;
    }

    public static SesEndpoint start() {
        LoopbackHttpsServer stand = LoopbackHttpsServer.forHost(HOST);
        HttpsServer https = stand.server();
        SesEndpoint endpoint = new SesEndpoint(https, stand.trustStore());
        https.createContext("/", exchange -> {
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            endpoint.received.add(new Received(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath()
                            + (exchange.getRequestURI().getRawQuery() == null
                                    ? ""
                                    : "?" + exchange.getRequestURI().getRawQuery()),
                    headers,
                    body));
            byte[] response = """
                    <SendEmailResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/">
                      <SendEmailResult><MessageId>0100-test-message</MessageId></SendEmailResult>
                      <ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>
                    </SendEmailResponse>""".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            exchange.sendResponseHeaders(200, response.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response);
            }
        });
        https.start();
        return endpoint;
    }

    /** The requests received so far, in order (a live view). */
    public List<Received> received() {
        return received;
    }

    public void clear() {
        received.clear();
    }

    /** The executor settings that route {@link #HOST}:443 here and trust this endpoint's certificate. */
    public Map<String, String> executorConfig() {
        return Map.of(
                "executor.fetch.connect-to",
                HOST + ":443:127.0.0.1:" + server.getAddress().getPort(),
                "executor.fetch.extra-trust-store",
                trustStore.toString(),
                "executor.fetch.extra-trust-store-password",
                PASSWORD);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
