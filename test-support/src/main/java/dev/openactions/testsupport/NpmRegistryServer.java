package dev.openactions.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * An npm registry on 127.0.0.1 speaking the registry's own format: {@code GET /<name>} (scoped names as
 * {@code @scope%2fname}) answers the package's metadata document ({@code name}, {@code dist-tags},
 * {@code versions} with each version's {@code dependencies}, {@code optionalDependencies},
 * {@code peerDependencies}, {@code main} and {@code dist: {tarball, integrity (sha512), shasum}}),
 * {@code GET /<name>/-/<file>.tgz} the tarball. Tests publish tarballs they build
 * ({@link #publish(String, String, Map, Map)}, {@link #tarball(Map)}) and the real published tarballs
 * in this module's resources ({@link #publishRealPackages()}, see {@code npm/README.md}). A published
 * version can be tampered with ({@link #tamper}) to serve bytes its integrity does not describe.
 * {@code latest} follows the highest non-prerelease version unless {@link #tag} says otherwise.
 */
public final class NpmRegistryServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Version(String version, ObjectNode manifest, byte[] served) {}

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final Map<String, Map<String, Version>> packages = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> tags = new ConcurrentHashMap<>();
    private final Map<String, byte[]> tarballs = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private NpmRegistryServer(HttpServer server) {
        this.server = server;
    }

    public static NpmRegistryServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            NpmRegistryServer registry = new NpmRegistryServer(http);
            http.createContext("/", registry::serve);
            http.setExecutor(registry.threads);
            http.start();
            return registry;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Paths requested so far, in order (metadata and tarballs). */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /**
     * Publishes {@code name@version} from files the test writes (paths inside the package); a
     * {@code package.json} with name, version, {@code main: index.js} and {@code dependencies} is
     * added unless the files contain one. Returns the tarball's bytes.
     */
    public byte[] publish(String name, String version, Map<String, String> dependencies, Map<String, String> files) {
        Map<String, byte[]> content = new LinkedHashMap<>();
        if (!files.containsKey("package.json")) {
            ObjectNode manifest = JSON.createObjectNode()
                    .put("name", name)
                    .put("version", version)
                    .put("main", "index.js");
            ObjectNode deps = manifest.putObject("dependencies");
            new TreeMap<>(dependencies).forEach(deps::put);
            content.put("package.json", manifest.toString().getBytes(StandardCharsets.UTF_8));
        }
        files.forEach((path, text) -> content.put(path, text.getBytes(StandardCharsets.UTF_8)));
        byte[] tarball = tarball(content);
        publishTarball(tarball);
        return tarball;
    }

    /** Publishes a tarball as npm does: its package.json says which package and version it is. */
    public void publishTarball(byte[] tarball) {
        ObjectNode manifest = manifestOf(tarball);
        String name = manifest.path("name").asText();
        String version = manifest.path("version").asText();
        String file = (name.startsWith("@") ? name.substring(name.indexOf('/') + 1) : name) + "-" + version + ".tgz";
        String path = "/" + name + "/-/" + file;
        ObjectNode published = JSON.createObjectNode();
        published.put("name", name).put("version", version);
        for (String field :
                List.of("main", "dependencies", "optionalDependencies", "peerDependencies", "bin", "engines")) {
            if (manifest.has(field)) {
                published.set(field, manifest.get(field));
            }
        }
        published
                .putObject("dist")
                .put("tarball", url() + path)
                .put("integrity", "sha512-" + Base64.getEncoder().encodeToString(digest("SHA-512", tarball)))
                .put("shasum", HexFormat.of().formatHex(digest("SHA-1", tarball)));
        packages.computeIfAbsent(name, n -> new ConcurrentHashMap<>())
                .put(version, new Version(version, published, tarball));
        tarballs.put(path, tarball);
    }

    /** Publishes every real tarball listed in {@code npm/index.txt} (node-ses@3.0.3's tree, axios, lodash, …). */
    public void publishRealPackages() {
        for (String line : resourceText("npm/index.txt").split("\n")) {
            String spec = line.strip();
            if (spec.isEmpty() || spec.startsWith("#")) {
                continue;
            }
            int at = spec.lastIndexOf('@');
            String name = spec.substring(0, at);
            String file = name.replace("@", "").replace('/', '-') + "-" + spec.substring(at + 1) + ".tgz";
            publishTarball(resourceBytes("npm/tarballs/" + file));
        }
    }

    /** Points a dist-tag ({@code latest}, {@code next}, …) at a published version. */
    public void tag(String name, String tag, String version) {
        tags.computeIfAbsent(name, n -> new ConcurrentHashMap<>()).put(tag, version);
    }

    /** From now on serves other bytes as {@code name@version}'s tarball than its published integrity describes. */
    public void tamper(String name, String version) {
        Version published = packages.get(name).get(version);
        byte[] other = tarball(Map.of(
                "package.json",
                published.manifest().toString().getBytes(StandardCharsets.UTF_8),
                "index.js",
                "module.exports = 'not what was published';".getBytes(StandardCharsets.UTF_8)));
        String path = published.manifest().path("dist").path("tarball").asText().substring(url().length());
        tarballs.put(path, other);
    }

    /** A gzip-compressed tar of the files under {@code package/}, as {@code npm pack} writes it. */
    public static byte[] tarball(Map<String, byte[]> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> file : new TreeMap<>(files).entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry("package/" + file.getKey());
                entry.setSize(file.getValue().length);
                entry.setModTime(499162500000L); // npm pack's fixed date: the same files give the same tarball
                tar.putArchiveEntry(entry);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String rawPath = exchange.getRequestURI().getRawPath();
            requests.add(rawPath);
            String path = URLDecoder.decode(rawPath, StandardCharsets.UTF_8);
            if (!exchange.getRequestMethod().equals("GET")) {
                send(
                        exchange,
                        405,
                        "application/json",
                        "{\"error\":\"method not allowed\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (path.contains("/-/")) {
                byte[] tarball = tarballs.get(path);
                if (tarball == null) {
                    send(
                            exchange,
                            404,
                            "application/json",
                            "{\"error\":\"not found\"}".getBytes(StandardCharsets.UTF_8));
                } else {
                    send(exchange, 200, "application/octet-stream", tarball);
                }
                return;
            }
            String name = path.substring(1);
            Map<String, Version> versions = packages.get(name);
            if (versions == null) {
                send(exchange, 404, "application/json", "{\"error\":\"Not found\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            send(
                    exchange,
                    200,
                    "application/json",
                    metadata(name, versions).toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private ObjectNode metadata(String name, Map<String, Version> versions) {
        ObjectNode document = JSON.createObjectNode().put("name", name);
        ObjectNode distTags = document.putObject("dist-tags");
        String latest = null;
        for (String version : versions.keySet()) {
            if (!version.contains("-") && (latest == null || compare(version, latest) > 0)) {
                latest = version;
            }
        }
        if (latest != null) {
            distTags.put("latest", latest);
        }
        tags.getOrDefault(name, Map.of()).forEach(distTags::put);
        ObjectNode all = document.putObject("versions");
        new TreeMap<>(versions).forEach((version, published) -> all.set(version, published.manifest()));
        return document;
    }

    /** Release versions compared numerically (major.minor.patch). */
    private static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = Long.compare(
                    Long.parseLong(x[i].replaceAll("\\D.*", "0")), Long.parseLong(y[i].replaceAll("\\D.*", "0")));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static ObjectNode manifestOf(byte[] tarball) {
        try (TarArchiveInputStream tar =
                new TarArchiveInputStream(new GzipCompressorInputStream(new ByteArrayInputStream(tarball)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = entry.getName();
                if (name.indexOf('/') > 0
                        && name.substring(name.indexOf('/') + 1).equals("package.json")) {
                    JsonNode manifest = JSON.readTree(tar.readAllBytes());
                    return (ObjectNode) manifest;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalArgumentException("the tarball has no package.json");
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] resourceBytes(String path) {
        try (InputStream in = NpmRegistryServer.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resourceText(String path) {
        return new String(resourceBytes(path), StandardCharsets.UTF_8);
    }

    /** For tests that need the list of real packages. */
    public static List<String> realPackages() {
        List<String> specs = new ArrayList<>();
        for (String line : resourceText("npm/index.txt").split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                specs.add(line.strip());
            }
        }
        return specs;
    }
}
