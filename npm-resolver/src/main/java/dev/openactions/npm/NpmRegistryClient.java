package dev.openactions.npm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Objects;

/**
 * Reads an npm registry over HTTP: a package's (abbreviated) metadata document and its tarballs.
 * Redirects are not followed and tarballs are fetched only from the registry's own origin, so a
 * metadata document cannot send the registry service anywhere else (SSRF). Bodies are read up to the
 * configured size limits. The auth token goes to the configured default registry only.
 */
public class NpmRegistryClient {
    /** npm's abbreviated metadata ("corgi"): versions with dependencies and dist, without readmes. */
    private static final String METADATA_ACCEPT = "application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8";

    private final NpmConfig config;
    private final ObjectMapper json;
    private final HttpClient http;

    public NpmRegistryClient(NpmConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The registry's base URL without a trailing slash. */
    static String base(URI registry) {
        String text = registry.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    /** A package's metadata document; a package the registry does not know fails with {@code dependency_not_found}. */
    public JsonNode metadata(URI registry, String name) {
        // Scoped names keep their @ and encode the slash, as npm requests them.
        URI uri = URI.create(base(registry) + "/" + name.replace("/", "%2f"));
        byte[] body = get(registry, uri, METADATA_ACCEPT, config.maxMetadataBytes(), "the metadata of '" + name + "'");
        if (body == null) {
            throw DependencyFailure.notFound("package '" + name + "' was not found in the npm registry");
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw DependencyFailure.invalid("the npm registry sent unreadable metadata for '" + name + "'");
        }
    }

    /** A tarball named by a version's {@code dist.tarball}, which must be on the registry's own origin. */
    public byte[] tarball(URI registry, String tarballUrl, String label) {
        URI uri;
        try {
            uri = URI.create(tarballUrl);
        } catch (IllegalArgumentException e) {
            throw DependencyFailure.invalid("the tarball address of " + label + " is not a URL");
        }
        if (!sameOrigin(registry, uri)) {
            throw DependencyFailure.invalid(
                    "the tarball of " + label + " is not served by the registry it was resolved from");
        }
        byte[] body =
                get(registry, uri, "application/octet-stream", config.maxTarballBytes(), "the tarball of " + label);
        if (body == null) {
            throw DependencyFailure.notFound("the tarball of " + label + " was not found in the npm registry");
        }
        return body;
    }

    private static boolean sameOrigin(URI registry, URI other) {
        return other.getScheme() != null
                && other.getScheme().equalsIgnoreCase(registry.getScheme())
                && other.getHost() != null
                && other.getHost().equalsIgnoreCase(registry.getHost())
                && port(other) == port(registry);
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** The body, or null for 404; other refusals fail, outages are retryable. */
    private byte[] get(URI registry, URI uri, String accept, long maxBytes, String what) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(config.requestTimeout())
                .header("Accept", accept)
                .GET();
        if (config.authToken().isPresent() && Objects.equals(base(registry), base(config.url()))) {
            request.header("Authorization", "Bearer " + config.authToken().get());
        }
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                int status = response.statusCode();
                if (status == 404) {
                    return null;
                }
                if (status >= 500 || status == 429 || status == 408) {
                    throw DependencyFailure.unavailable("the npm registry answered " + status + " for " + what);
                }
                if (status != 200) {
                    throw DependencyFailure.invalid("the npm registry refused " + what + " (HTTP " + status + ")");
                }
                byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (bytes.length > maxBytes) {
                    throw DependencyFailure.limit(what + " is larger than " + maxBytes + " bytes");
                }
                return bytes;
            }
        } catch (IOException e) {
            throw DependencyFailure.unavailable("the npm registry could not be reached for " + what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DependencyFailure.unavailable("interrupted while fetching " + what);
        }
    }
}
