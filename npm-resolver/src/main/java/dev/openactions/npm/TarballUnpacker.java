package dev.openactions.npm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks one package tarball (gzip + tar, read with Apache Commons Compress) into the files a
 * CommonJS loader can read, as the {@code DependencyBundle} contract describes: {@code .js},
 * {@code .cjs}, {@code .json}, and an extension-less file named by {@code main}. Nothing is written
 * to disk and nothing in the package is ever run (install scripts included). Native addons
 * ({@code binding.gyp}, {@code .node} files) cannot run in the sandbox and fail the package; paths
 * escaping the package ({@code ..}), links and devices are refused or skipped.
 */
final class TarballUnpacker {
    /** Counts what a whole tree unpacks to, against the configured limits. */
    static final class Budget {
        private final long maxBytes;
        private final int maxFiles;
        private long bytes;
        private int files;

        Budget(long maxBytes, int maxFiles) {
            this.maxBytes = maxBytes;
            this.maxFiles = maxFiles;
        }

        void addBytes(long more, String label) {
            bytes += more;
            if (bytes > maxBytes) {
                throw DependencyFailure.limit("the dependency tree unpacks to more than " + maxBytes + " bytes (limit "
                        + "registry.npm.max-unpacked-bytes, reached at " + label + ")");
            }
        }

        void addFiles(int more, String label) {
            files += more;
            if (files > maxFiles) {
                throw DependencyFailure.limit("the dependency tree has more than " + maxFiles
                        + " loadable files (limit " + "registry.npm.max-files, reached at " + label + ")");
            }
        }
    }

    private TarballUnpacker() {}

    /** The package's loadable files, path inside the package → UTF-8 text. */
    static Map<String, String> unpack(byte[] tarball, String label, Budget budget, ObjectMapper json) {
        Map<String, byte[]> kept = new TreeMap<>();
        Map<String, byte[]> extensionless = new HashMap<>();
        try (TarArchiveInputStream tar =
                new TarArchiveInputStream(new GzipCompressorInputStream(new ByteArrayInputStream(tarball)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (!entry.isFile()) {
                    continue; // directories, symbolic and hard links, devices: nothing a loader reads
                }
                String path = packagePath(entry.getName(), label);
                if (path == null) {
                    continue;
                }
                String fileName = path.substring(path.lastIndexOf('/') + 1);
                if (fileName.equals("binding.gyp") || fileName.endsWith(".node")) {
                    throw DependencyFailure.nativeAddon(label + " contains a native addon (" + path
                            + "); native code cannot run in the sandbox, choose a pure JavaScript package");
                }
                budget.addBytes(Math.max(0, entry.getSize()), label);
                byte[] content = tar.readAllBytes();
                if (loadable(fileName)) {
                    kept.put(path, content);
                } else if (!fileName.contains(".")) {
                    extensionless.put(path, content);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw DependencyFailure.invalid(
                    "the tarball of " + label + " is not a readable gzip-compressed tar archive");
        }
        byte[] manifest = kept.get("package.json");
        if (manifest == null) {
            throw DependencyFailure.invalid("the tarball of " + label + " has no package.json");
        }
        String main = main(manifest, json);
        if (main != null && extensionless.containsKey(main)) {
            kept.put(main, extensionless.get(main));
        }
        budget.addFiles(kept.size(), label);
        Map<String, String> files = new TreeMap<>();
        // Decoding replaces malformed bytes: the loader reads text, and the hash is over these strings.
        kept.forEach((path, content) -> files.put(path, new String(content, StandardCharsets.UTF_8)));
        return files;
    }

    private static boolean loadable(String fileName) {
        return fileName.endsWith(".js") || fileName.endsWith(".cjs") || fileName.endsWith(".json");
    }

    /**
     * The entry's path inside the package: npm strips the first component (usually {@code package/})
     * whatever it is. Null for the top directory itself; a path leaving the package fails.
     */
    private static String packagePath(String entryName, String label) {
        String[] parts = entryName.replace('\\', '/').split("/");
        StringBuilder path = new StringBuilder();
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                throw DependencyFailure.invalid(
                        "the tarball of " + label + " contains a path leaving the package (" + entryName + ")");
            }
            if (!path.isEmpty()) {
                path.append('/');
            }
            path.append(part);
        }
        return path.isEmpty() ? null : path.toString();
    }

    /** {@code main} as a path inside the package ({@code ./lib/x} → {@code lib/x}), or null. */
    private static String main(byte[] manifest, ObjectMapper json) {
        try {
            JsonNode main = json.readTree(manifest).path("main");
            if (!main.isTextual()) {
                return null;
            }
            String path = main.asText().replace('\\', '/');
            while (path.startsWith("./")) {
                path = path.substring(2);
            }
            return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        } catch (IOException e) {
            return null; // an unreadable package.json is the loader's problem, reported when required
        }
    }
}
