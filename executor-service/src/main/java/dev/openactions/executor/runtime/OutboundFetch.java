package dev.openactions.executor.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openactions.executor.config.ExecutorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The host side of an action's {@code fetch}: one blocking HTTP call per invocation, with a timeout
 * (the action's remaining time, the configured one, and the request's AbortSignal deadline, whichever
 * is first), a response size cap, and a refusal of loopback, private and link-local targets (cloud
 * metadata lives there) unless an operator allow-listed the host or {@code host:port}. Hosts are
 * parsed as WHATWG URL parsing does ({@link WhatwgHost}: {@code 0177.0.0.1}, {@code 127.1},
 * {@code 0x7f000001} are 127.0.0.1) before the check, and the request goes to that canonical host.
 * Redirects are followed by hand so every hop is checked again. Bodies cross as base64.
 */
@ApplicationScoped
public class OutboundFetch {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REDIRECTS = 5;
    private static final Set<String> RESTRICTED_HEADERS =
            Set.of("host", "connection", "content-length", "expect", "upgrade");

    static {
        FetchRoutes.allowHostHeader(); // executor.fetch.connect-to keeps the routed host's Host header
    }

    private final HttpClient client;
    private final ExecutorConfig.Fetch config;
    private final List<String> allowedPrivateHosts;
    /** Operator routes (executor.fetch.connect-to); field-injected to keep this class's constructor as it is. */
    @Inject
    FetchRoutes routes;

    OutboundFetch(ExecutorConfig config) {
        this.config = config.fetch();
        this.allowedPrivateHosts = this.config.allowedPrivateHosts().orElse(List.of()).stream()
                .map(h -> h.trim().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty())
                .toList();
        this.client = HttpClient.newBuilder()
                .connectTimeout(this.config.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Takes and returns JSON so that the sandbox bridge carries only strings. {@code maxWait} is what is
     * left of the action's time: a server that never answers cannot hold the action past its limit.
     */
    public String fetch(String requestJson, Duration maxWait) {
        return fetch(requestJson, maxWait, null, refusal -> {});
    }

    /**
     * As {@link #fetch(String, Duration)}, refusing every host (on every hop) that {@code hosts} does not
     * permit (null: no restriction); {@code refusals} hears each such refusal.
     */
    String fetch(String requestJson, Duration maxWait, OutboundHosts hosts, Consumer<String> refusals) {
        if (maxWait.isNegative() || maxWait.isZero()) {
            return error("the action has no time left for a request");
        }
        try {
            JsonNode request = JSON.readTree(requestJson);
            Duration timeout = maxWait.compareTo(config.requestTimeout()) < 0 ? maxWait : config.requestTimeout();
            long signalMillis = request.path("timeout_ms").asLong(-1);
            if (signalMillis >= 0 && Duration.ofMillis(signalMillis).compareTo(timeout) < 0) {
                if (signalMillis == 0) {
                    return error("request timed out");
                }
                timeout = Duration.ofMillis(signalMillis);
            }
            return JSON.writeValueAsString(send(request, timeout, hosts));
        } catch (OutsideCapabilities e) {
            refusals.accept(e.getMessage());
            return error(e.getMessage());
        } catch (FetchRefused e) {
            return error(e.getMessage());
        } catch (IOException e) {
            return error(
                    e.getClass() == HttpTimeoutException.class
                            ? "request timed out"
                            : "network error: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error("interrupted");
        } catch (RuntimeException e) {
            return error("invalid request: " + e.getMessage());
        }
    }

    private ObjectNode send(JsonNode request, Duration timeout, OutboundHosts hosts)
            throws IOException, InterruptedException {
        URI uri = URI.create(request.path("url").asText());
        String method = request.path("method").asText("GET");
        byte[] body = request.path("body64").isTextual()
                ? Base64.getDecoder().decode(request.path("body64").asText())
                : request.path("body").isTextual()
                        ? request.path("body").asText().getBytes(StandardCharsets.UTF_8)
                        : null;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            uri = canonical(uri);
            if (hosts != null && !hosts.permits(uri.getHost())) {
                throw new OutsideCapabilities(hosts.refusal(uri.getHost()));
            }
            FetchRoutes.Route route = routes == null
                    ? null
                    : routes.find(uri); // executor.fetch.connect-to (tests, demos): target checked at startup
            if (route == null) {
                checkTarget(uri);
            }
            HttpRequest.Builder builder = HttpRequest.newBuilder(route == null ? uri : route.target(uri))
                    .timeout(timeout)
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofByteArray(body));
            request.path("headers").fields().forEachRemaining(h -> {
                if (!RESTRICTED_HEADERS.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                    builder.header(h.getKey(), h.getValue().asText());
                }
            });
            if (route != null) {
                builder.header("Host", route.hostHeader(uri));
            }
            HttpResponse<InputStream> response = (route == null ? client : route.client())
                    .send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
            int status = response.statusCode();
            var location = response.headers().firstValue("location");
            if (status >= 300 && status < 400 && location.isPresent()) {
                response.body().close();
                uri = uri.resolve(location.get());
                if (status == 303
                        || ((status == 301 || status == 302) && !"GET".equals(method) && !"HEAD".equals(method))) {
                    method = "GET";
                    body = null;
                }
                continue;
            }
            ObjectNode result = JSON.createObjectNode();
            result.put("status", status);
            result.put("url", uri.toString());
            result.put("redirected", hop > 0);
            ObjectNode headers = result.putObject("headers");
            response.headers().map().forEach((k, v) -> {
                if (!k.startsWith(":")) {
                    headers.put(k.toLowerCase(Locale.ROOT), String.join(", ", v));
                }
            });
            result.put("body64", Base64.getEncoder().encodeToString(readCapped(response.body())));
            return result;
        }
        throw new FetchRefused("too many redirects");
    }

    private byte[] readCapped(InputStream in) throws IOException {
        try (in) {
            byte[] bytes = in.readNBytes(config.maxResponseBytes() + 1);
            if (bytes.length > config.maxResponseBytes()) {
                throw new FetchRefused("response larger than " + config.maxResponseBytes() + " bytes");
            }
            return bytes;
        }
    }

    /** The URL with its host as WHATWG parsing leaves it (numeric IPv4 forms in dotted decimal). */
    static URI canonical(URI uri) {
        WhatwgHost.Authority authority;
        String canonical;
        try {
            authority = WhatwgHost.authority(uri);
            if (authority == null) {
                throw new FetchRefused("the URL has no host");
            }
            canonical = WhatwgHost.canonical(authority.host());
        } catch (WhatwgHost.InvalidHost e) {
            throw new FetchRefused(e.getMessage());
        }
        if (canonical.equals(uri.getHost())) {
            return uri;
        }
        StringBuilder rebuilt = new StringBuilder(uri.getScheme()).append("://");
        if (authority.userInfo() != null) {
            rebuilt.append(authority.userInfo()).append('@');
        }
        rebuilt.append(canonical);
        if (authority.port() != -1) {
            rebuilt.append(':').append(authority.port());
        }
        rebuilt.append(uri.getRawPath() == null ? "" : uri.getRawPath());
        if (uri.getRawQuery() != null) {
            rebuilt.append('?').append(uri.getRawQuery());
        }
        if (uri.getRawFragment() != null) {
            rebuilt.append('#').append(uri.getRawFragment());
        }
        return URI.create(rebuilt.toString());
    }

    private void checkTarget(URI uri) throws UnknownHostException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new FetchRefused("only http and https URLs can be fetched");
        }
        String host = uri.getHost();
        if (host == null) {
            throw new FetchRefused("the URL has no host");
        }
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        String normalized = host.toLowerCase(Locale.ROOT);
        if (allowedPrivateHosts.contains(normalized) || allowedPrivateHosts.contains(normalized + ":" + port)) {
            return;
        }
        for (InetAddress address : InetAddress.getAllByName(host)) {
            if (isInternal(address)) {
                throw new FetchRefused("requests to internal addresses are not allowed (" + host + ")");
            }
        }
    }

    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress()
                || address.isAnyLocalAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (b.length == 16 && embedsIpv4(b)) {
            try {
                return isInternal(InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16)));
            } catch (UnknownHostException e) {
                return true;
            }
        }
        if (b.length == 4) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0
                    || (first == 100 && second >= 64 && second < 128) // carrier-grade NAT
                    || (first == 198 && (second == 18 || second == 19)); // benchmarking
        }
        return (b[0] & 0xfe) == 0xfc; // IPv6 unique local fc00::/7
    }

    /** IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) addresses reach the IPv4 address they carry. */
    private static boolean embedsIpv4(byte[] b) {
        boolean compatible = true;
        for (int i = 0; i < 12; i++) {
            compatible &= b[i] == 0;
        }
        boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        for (int i = 4; i < 12 && nat64; i++) {
            nat64 = b[i] == 0;
        }
        return compatible || nat64;
    }

    private static String error(String message) {
        return JSON.createObjectNode().put("error", message).toString();
    }

    /** A host outside an installed integration's declared capabilities. */
    static final class OutsideCapabilities extends FetchRefused {
        OutsideCapabilities(String message) {
            super(message);
        }
    }

    /** A request the platform refuses to make; the message is shown to the action. */
    static class FetchRefused extends RuntimeException {
        FetchRefused(String message) {
            super(message);
        }
    }
}
