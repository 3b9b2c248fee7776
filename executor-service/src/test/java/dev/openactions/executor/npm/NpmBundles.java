package dev.openactions.executor.npm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openactions.contracts.DependencyBundle;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Test helper: dependency bundles laid out the way npm installs, from the published tarballs in
 * test-support ({@code npm/tarballs}). Versions are picked among the stored ones by major (minor for
 * 0.x) — enough for these trees, whose conflicts are all across majors. Bundles may also be written
 * by hand ({@link #of(Map)}) for loader edge cases.
 */
public final class NpmBundles {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, List<String>> AVAILABLE = available();

    private NpmBundles() {}

    public static DependencyBundle of(Map<String, String> files) {
        return new DependencyBundle(DependencyBundle.hashOf(files), Map.of(), files);
    }

    /** The tree of {@code roots} (name@version each) with every transitive dependency. */
    public static DependencyBundle tree(String... roots) {
        Map<String, String> placed = new HashMap<>(); // package dir ("" = root) + "|" + name -> version
        Map<String, String> files = new TreeMap<>();
        Map<String, String> direct = new LinkedHashMap<>();
        Deque<String[]> queue = new ArrayDeque<>(); // {requester dir, name, range}
        for (String root : roots) {
            int at = root.lastIndexOf('@');
            direct.put(root.substring(0, at), root.substring(at + 1));
            queue.add(new String[] {"", root.substring(0, at), root.substring(at + 1)});
        }
        while (!queue.isEmpty()) {
            String[] want = queue.poll();
            String version = pick(want[1], want[2]);
            List<String> chain = ancestors(want[0]);
            String target = null;
            boolean reachable = false;
            for (String dir : chain) {
                String existing = placed.get(dir + "|" + want[1]);
                if (existing == null) {
                    target = dir;
                } else {
                    reachable = existing.equals(version);
                    break;
                }
            }
            if (reachable) {
                continue;
            }
            String packageDir = (target.isEmpty() ? "" : target + "/") + "node_modules/" + want[1];
            placed.put(target + "|" + want[1], version);
            JsonNode manifest = unpack(want[1], version, packageDir, files);
            manifest.path("dependencies")
                    .fields()
                    .forEachRemaining(d -> queue.add(
                            new String[] {packageDir, d.getKey(), d.getValue().asText()}));
        }
        return new DependencyBundle(DependencyBundle.hashOf(files), direct, files);
    }

    private static List<String> ancestors(String dir) {
        List<String> chain = new ArrayList<>();
        String current = dir;
        while (true) {
            chain.add(current);
            if (current.isEmpty()) {
                return chain;
            }
            int cut = current.lastIndexOf("/node_modules/");
            current = cut < 0 ? "" : current.substring(0, cut);
        }
    }

    private static String pick(String name, String range) {
        List<String> versions = AVAILABLE.get(name);
        if (versions == null) {
            throw new IllegalArgumentException("no tarball of " + name + " in test-support");
        }
        if (versions.size() == 1) {
            return versions.get(0);
        }
        Matcher m = Pattern.compile("(\\d+)\\.(\\d+)").matcher(range);
        if (!m.find()) {
            return versions.get(versions.size() - 1);
        }
        String prefix = m.group(1).equals("0") ? "0." + m.group(2) + "." : m.group(1) + ".";
        return versions.stream()
                .filter(v -> v.startsWith(prefix))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no stored version of " + name + " for " + range));
    }

    private static JsonNode unpack(String name, String version, String packageDir, Map<String, String> files) {
        String tarball = "/npm/tarballs/" + name.replace("@", "").replace('/', '-') + "-" + version + ".tgz";
        Map<String, String> all = new HashMap<>();
        try (InputStream raw = NpmBundles.class.getResourceAsStream(tarball)) {
            if (raw == null) {
                throw new IllegalArgumentException(tarball + " is missing");
            }
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(raw))) {
                for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                    if (entry.isFile()) {
                        String path = entry.getName()
                                .substring(entry.getName().indexOf('/') + 1); // "package/" or another top folder
                        all.put(path, new String(tar.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
            JsonNode manifest = JSON.readTree(all.get("package.json"));
            String main = manifest.path("main").asText("");
            all.forEach((path, text) -> {
                if (path.endsWith(".js")
                        || path.endsWith(".cjs")
                        || path.endsWith(".json")
                        || path.equals(main.replaceFirst("^\\./", ""))) {
                    files.put(packageDir + "/" + path, text);
                }
            });
            return manifest;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, List<String>> available() {
        try (InputStream in = NpmBundles.class.getResourceAsStream("/npm/index.txt")) {
            Map<String, List<String>> result = new HashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                int at = line.trim().lastIndexOf('@');
                result.computeIfAbsent(line.trim().substring(0, at), k -> new ArrayList<>())
                        .add(line.trim().substring(at + 1));
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
