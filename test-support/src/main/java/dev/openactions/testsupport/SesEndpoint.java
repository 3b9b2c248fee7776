package dev.openactions.testsupport;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

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
        try {
            Path dir = Files.createTempDirectory("ses-endpoint");
            Path keys = dir.resolve("server.p12");
            Path cert = dir.resolve("server.crt");
            Path trust = dir.resolve("trust.p12");
            keytool(
                    "-genkeypair",
                    "-alias",
                    "ses",
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-dname",
                    "CN=" + HOST,
                    "-ext",
                    "san=dns:" + HOST,
                    "-validity",
                    "2",
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    keys.toString(),
                    "-storepass",
                    PASSWORD,
                    "-keypass",
                    PASSWORD);
            keytool(
                    "-exportcert",
                    "-alias",
                    "ses",
                    "-keystore",
                    keys.toString(),
                    "-storepass",
                    PASSWORD,
                    "-rfc",
                    "-file",
                    cert.toString());
            keytool(
                    "-importcert",
                    "-noprompt",
                    "-alias",
                    "ses-ca",
                    "-file",
                    cert.toString(),
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    trust.toString(),
                    "-storepass",
                    PASSWORD);

            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keys)) {
                store.load(in, PASSWORD.toCharArray());
            }
            KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            managers.init(store, PASSWORD.toCharArray());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(managers.getKeyManagers(), null, null);

            HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            SesEndpoint endpoint = new SesEndpoint(https, trust);
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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
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

    private static void keytool(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IOException("keytool failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
