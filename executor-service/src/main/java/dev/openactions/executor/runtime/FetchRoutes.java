package dev.openactions.executor.runtime;

import dev.openactions.executor.config.ExecutorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.jboss.logging.Logger;

/**
 * {@code executor.fetch.connect-to}: the operator's routes from a public {@code host:port} to
 * another endpoint (see {@link FetchRouting}). A routed request keeps its URL's host as the
 * {@code Host} header and as the TLS server name (so the target's certificate is checked against
 * that name, with the extra trust store's CAs), and connects to the target. Routes are validated
 * once, at startup: whatever the SSRF rules forbid stays forbidden, except the configured target.
 */
@ApplicationScoped
public class FetchRoutes {
    private static final Logger LOG = Logger.getLogger(FetchRoutes.class);

    /**
     * A routed request must carry its original Host header; the JDK client refuses it unless allowed.
     * The JDK reads the property once, when its HTTP client classes load: called from OutboundFetch's
     * static initializer, before it builds its client. Actions still cannot set Host (OutboundFetch
     * drops it from their headers).
     */
    static void allowHostHeader() {
        if (System.getProperty("jdk.httpclient.allowRestrictedHeaders") == null) {
            System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
        }
    }

    /** One route; {@code client} speaks TLS with the route's server name and trust. */
    record Route(String host, int port, String targetHost, int targetPort, HttpClient client) {
        /** The same request's URL on the target (raw path and query kept as they are: no re-encoding). */
        URI target(URI uri) {
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return URI.create(uri.getScheme() + "://" + (targetHost.contains(":") ? "[" + targetHost + "]" : targetHost)
                    + ":" + targetPort + path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        }

        String hostHeader(URI uri) {
            return uri.getPort() == -1 ? host : host + ":" + port;
        }
    }

    private final Map<String, Route> routes = new HashMap<>();

    FetchRoutes(FetchRouting routing, ExecutorConfig config) {
        List<String> entries = routing.connectTo().orElse(List.of()).stream()
                .map(String::trim)
                .filter(e -> !e.isEmpty())
                .toList();
        if (entries.isEmpty()) {
            return;
        }
        List<String> allowed = config.fetch().allowedPrivateHosts().orElse(List.of()).stream()
                .map(h -> h.trim().toLowerCase(Locale.ROOT))
                .toList();
        X509TrustManager trust = trustManager(routing);
        for (String entry : entries) {
            Route spec = validated(entry, allowed);
            routes.put(
                    spec.host() + ":" + spec.port(),
                    new Route(
                            spec.host(),
                            spec.port(),
                            spec.targetHost(),
                            spec.targetPort(),
                            client(spec.host(), trust, config)));
            LOG.warnf(
                    "executor.fetch.connect-to: actions' requests to %s:%d go to %s:%d (a test or demo setting)",
                    spec.host(), spec.port(), spec.targetHost(), spec.targetPort());
        }
    }

    /** One entry, checked against the SSRF rules (a route without its client); an IllegalStateException stops startup. */
    static Route validated(String entry, List<String> allowedPrivateHosts) {
        String[] parts = entry.split(":");
        if (parts.length != 4) {
            throw new IllegalStateException(
                    "executor.fetch.connect-to: '" + entry + "' is not host:port:target-host:target-port");
        }
        String host = parts[0].toLowerCase(Locale.ROOT);
        int port = port(entry, parts[1]);
        String targetHost = parts[2].toLowerCase(Locale.ROOT);
        int targetPort = port(entry, parts[3]);
        refuseForbiddenSource(entry, host);
        refuseForbiddenTarget(entry, targetHost, targetPort, allowedPrivateHosts);
        return new Route(host, port, targetHost, targetPort, null);
    }

    /** The route of this URL's host and port, or null. */
    Route find(URI uri) {
        if (routes.isEmpty() || uri.getHost() == null) {
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return routes.get(uri.getHost().toLowerCase(Locale.ROOT) + ":" + port);
    }

    private static int port(String entry, String text) {
        try {
            int port = Integer.parseInt(text);
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalStateException(
                "executor.fetch.connect-to: '" + entry + "' has an invalid port '" + text + "'");
    }

    /** The routed name must be a public host name: routing never makes an internal address reachable by its name. */
    private static void refuseForbiddenSource(String entry, String host) {
        boolean literal = host.matches("[0-9.]+")
                || host.contains("[")
                || host.equals("localhost")
                || host.endsWith(".localhost")
                || host.endsWith(".internal")
                || host.endsWith(".local");
        if (literal) {
            throw new IllegalStateException("executor.fetch.connect-to: '" + entry
                    + "' routes an address the SSRF rules forbid (only public host names may be routed)");
        }
    }

    /** An internal target must be allow-listed (allowed-private-hosts) like any internal host actions may call. */
    private static void refuseForbiddenTarget(String entry, String targetHost, int targetPort, List<String> allowed) {
        if (allowed.contains(targetHost) || allowed.contains(targetHost + ":" + targetPort)) {
            return;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(targetHost)) {
                if (OutboundFetch.isInternal(address)) {
                    throw new IllegalStateException("executor.fetch.connect-to: '" + entry
                            + "' targets an internal address that executor.fetch.allowed-private-hosts does not list");
                }
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException(
                    "executor.fetch.connect-to: '" + entry + "': unknown target host " + targetHost);
        }
    }

    private static HttpClient client(String serverName, X509TrustManager trust, ExecutorConfig config) {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {trust}, null);
            SSLParameters parameters = tls.getDefaultSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(serverName)));
            return HttpClient.newBuilder()
                    .connectTimeout(config.fetch().requestTimeout())
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .sslContext(tls)
                    .sslParameters(parameters)
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("executor.fetch.connect-to: TLS setup failed: " + e.getMessage(), e);
        }
    }

    /** The JDK's CAs plus the extra trust store's. */
    private static X509TrustManager trustManager(FetchRouting routing) {
        try {
            X509TrustManager jdk = x509(null);
            if (routing.extraTrustStore().isEmpty()) {
                return jdk;
            }
            KeyStore store = KeyStore.getInstance(routing.extraTrustStoreType());
            try (InputStream in = Files.newInputStream(routing.extraTrustStore().get())) {
                store.load(
                        in,
                        routing.extraTrustStorePassword()
                                .map(String::toCharArray)
                                .orElse(null));
            }
            X509TrustManager extra = x509(store);
            return new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                    jdk.checkClientTrusted(chain, authType);
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                    try {
                        extra.checkServerTrusted(chain, authType);
                    } catch (CertificateException notTheExtraCa) {
                        jdk.checkServerTrusted(chain, authType);
                    }
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    X509Certificate[] a = jdk.getAcceptedIssuers();
                    X509Certificate[] b = extra.getAcceptedIssuers();
                    X509Certificate[] all = Arrays.copyOf(a, a.length + b.length);
                    System.arraycopy(b, 0, all, a.length, b.length);
                    return all;
                }
            };
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("executor.fetch.extra-trust-store cannot be read: " + e.getMessage(), e);
        }
    }

    private static X509TrustManager x509(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }
}
