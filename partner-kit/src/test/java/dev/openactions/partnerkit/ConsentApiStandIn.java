package dev.openactions.partnerkit;

import com.sun.net.httpserver.HttpsServer;
import dev.openactions.testsupport.LoopbackHttpsServer;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the example's consent API ({@code https://api.consent-vendor.example}) on
 * 127.0.0.1, with a certificate for that name made by the JDK's keytool: the kit reaches it through
 * its {@code --connect-to} and {@code --trust-store} options, as a partner would reach a local copy
 * of their API. {@code auth0|alice} has consented, everyone else has not; a wrong key gets 401.
 */
final class ConsentApiStandIn implements AutoCloseable {
    static final String HOST = "api.consent-vendor.example";
    static final String KEY = "ck_test_4f9a1c";
    private static final String PASSWORD = "changeit";
    private static final Set<String> CONSENTED = Set.of("auth0|alice");

    private final HttpsServer server;
    private final Path trustStore;
    final List<String> authorizations = new CopyOnWriteArrayList<>();

    private ConsentApiStandIn(HttpsServer server, Path trustStore) {
        this.server = server;
        this.trustStore = trustStore;
    }

    static ConsentApiStandIn start() throws Exception {
        LoopbackHttpsServer stand = LoopbackHttpsServer.forHost(HOST);
        HttpsServer https = stand.server();
        ConsentApiStandIn standIn = new ConsentApiStandIn(https, stand.trustStore());
        https.createContext("/v1/consents", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            standIn.authorizations.add(String.valueOf(authorization));
            String user = query(exchange.getRequestURI().getRawQuery()).getOrDefault("user_id", "");
            boolean authorized = ("Bearer " + KEY).equals(authorization);
            byte[] body = (authorized
                            ? "{\"user_id\":\"" + user + "\",\"granted\":" + CONSENTED.contains(user) + "}"
                            : "{\"error\":\"unauthorized\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(authorized ? 200 : 401, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        https.start();
        return standIn;
    }

    /** The kit's options that route the API's host here and trust this stand-in's certificate. */
    List<String> kitOptions() {
        return List.of(
                "--connect-to",
                HOST + ":443:127.0.0.1:" + server.getAddress().getPort(),
                "--trust-store",
                trustStore.toString(),
                "--trust-store-password",
                PASSWORD,
                "--allow-private-host",
                "127.0.0.1");
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    values.put(
                            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
