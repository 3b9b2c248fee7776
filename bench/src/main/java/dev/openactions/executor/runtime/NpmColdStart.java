package dev.openactions.executor.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openactions.contracts.DependencyBundle;
import dev.openactions.executor.runtime.npm.LoadedBundle;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Deploy → first execution of actions with npm dependencies (BENCHMARKS.md, "npm dependencies:
 * deploy → first execution"), on the
 * service's engine and sandbox outside Quarkus: the node-ses tree (the seed's action: require at
 * execution) and axios (required at module load). "first bundle" is the first version using a tree
 * the process has never seen (every module file parsed); "new version" is each later deploy of a
 * new version on the same tree (sources cached per bundle, contexts fresh: what a deploy costs on a
 * running replica). The registry fetch of the bundle (once per replica and tree) is not included.
 * Usage: bench/run-npm-cold-start.sh [versions per tree, default 30]
 */
public final class NpmColdStart {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NpmColdStart() {}

    public static void main(String[] args) throws Exception {
        int versions = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        try (BenchSandbox bench = new BenchSandbox()) {
            // the engine as a running replica has it: warmed by actions without dependencies
            for (int i = 1; i <= 20; i++) {
                bench.run(
                        new ActionCode(
                                "warm",
                                "warm",
                                i,
                                "exports.onExecutePostLogin = async (e, api) => { api.idToken.setCustomClaim('n', " + i
                                        + "); };"),
                        "onExecutePostLogin",
                        "post-login",
                        "{}");
            }
            measure(bench, "node-ses@3.0.3 tree", LoadedBundle.verified(tree("node-ses@3.0.3")), versions, """
                    exports.onExecutePostLogin = async (event, api) => {
                      const ses = require('node-ses');
                      const client = ses.createClient({ key: 'k', secret: 's' });
                      api.idToken.setCustomClaim('ok', typeof client.sendEmail === 'function' && %d > 0);
                    };""");
            measure(bench, "axios@1.21.1 tree", LoadedBundle.verified(tree("axios@1.21.1")), versions, """
                    const axios = require('axios');
                    exports.onExecutePostLogin = async (event, api) => {
                      api.idToken.setCustomClaim('ok', typeof axios.get === 'function' && %d > 0);
                    };""");
        }
    }

    private static void measure(BenchSandbox bench, String name, LoadedBundle bundle, int versions, String code) {
        double[] millis = new double[versions];
        for (int v = 0; v < versions; v++) {
            ActionCode action = new ActionCode("npm-" + name, "npm", v + 1, code.formatted(v + 1), bundle);
            long start = System.nanoTime();
            bench.run(action, "onExecutePostLogin", "post-login", "{}");
            millis[v] = (System.nanoTime() - start) / 1e6;
        }
        double[] later = Arrays.copyOfRange(millis, Math.min(5, versions - 1), versions); // after the JIT met this code
        Arrays.sort(later);
        System.out.printf(
                "%-22s first bundle: %8.1f ms | new version (n=%d, after 5): p50 %6.1f ms, p90 %6.1f ms, max %6.1f ms%n",
                name,
                millis[0],
                later.length,
                later[later.length / 2],
                later[(int) (later.length * 0.9)],
                later[later.length - 1]);
    }

    // ---- a tree laid out as npm installs it, from the published tarballs (as the executor's tests do) ----

    static DependencyBundle tree(String root) throws IOException {
        Map<String, List<String>> available = new HashMap<>();
        try (InputStream in = NpmColdStart.class.getResourceAsStream("/npm/index.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    int at = line.trim().lastIndexOf('@');
                    available
                            .computeIfAbsent(line.trim().substring(0, at), k -> new ArrayList<>())
                            .add(line.trim().substring(at + 1));
                }
            }
        }
        Map<String, String> placed = new HashMap<>();
        Map<String, String> files = new TreeMap<>();
        Deque<String[]> queue = new ArrayDeque<>();
        int at = root.lastIndexOf('@');
        queue.add(new String[] {"", root.substring(0, at), root.substring(at + 1)});
        while (!queue.isEmpty()) {
            String[] want = queue.poll();
            String version = pick(available.get(want[1]), want[2]);
            String target = null;
            boolean reachable = false;
            for (String dir = want[0]; ; ) {
                String existing = placed.get(dir + "|" + want[1]);
                if (existing != null) {
                    reachable = existing.equals(version);
                    break;
                }
                target = dir;
                if (dir.isEmpty()) {
                    break;
                }
                int cut = dir.lastIndexOf("/node_modules/");
                dir = cut < 0 ? "" : dir.substring(0, cut);
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
        return new DependencyBundle(DependencyBundle.hashOf(files), Map.of(), files);
    }

    private static String pick(List<String> versions, String range) {
        if (versions.size() == 1) {
            return versions.get(0);
        }
        Matcher m = Pattern.compile("(\\d+)\\.(\\d+)").matcher(range);
        if (!m.find()) {
            return versions.get(versions.size() - 1);
        }
        String prefix = m.group(1).equals("0") ? "0." + m.group(2) + "." : m.group(1) + ".";
        return versions.stream().filter(v -> v.startsWith(prefix)).findFirst().orElseThrow();
    }

    private static JsonNode unpack(String name, String version, String packageDir, Map<String, String> files)
            throws IOException {
        String tarball = "/npm/tarballs/" + name.replace("@", "").replace('/', '-') + "-" + version + ".tgz";
        Map<String, String> all = new HashMap<>();
        try (InputStream raw = NpmColdStart.class.getResourceAsStream(tarball);
                TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(raw))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (entry.isFile()) {
                    all.put(
                            entry.getName().substring(entry.getName().indexOf('/') + 1),
                            new String(tar.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        JsonNode manifest = JSON.readTree(all.get("package.json"));
        String main = manifest.path("main").asText("").replaceFirst("^\\./", "");
        all.forEach((path, text) -> {
            if (path.endsWith(".js") || path.endsWith(".cjs") || path.endsWith(".json") || path.equals(main)) {
                files.put(packageDir + "/" + path, text);
            }
        });
        return manifest;
    }
}
