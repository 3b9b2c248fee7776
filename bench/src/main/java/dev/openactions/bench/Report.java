package dev.openactions.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

/** Collects the measurements of one run and renders the table with targets and verdicts. */
final class Report {
    private final Map<String, HttpLoad.Result[]> http = new LinkedHashMap<>();
    private final Map<String, Double> warmByTrigger = new LinkedHashMap<>();
    private Double fresh;
    private Double bare;
    private Double deployP50;
    private Double deployMean;
    private final Map<Integer, double[]> hot = new LinkedHashMap<>(); // versions -> p50, p99 (µs)
    private final Map<Integer, Long> heap = new LinkedHashMap<>();
    private JsonNode node;
    private AsyncLoad.Result asyncBurst;
    private AsyncLoad.Result asyncFixed;
    private AsyncLoad.Result asyncFetch;
    private long asyncFetchSinkRequests;
    private final List<AsyncScaleOut.Row> scaleOut = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void engine(Collection<RunResult> results, Path heapDir) throws IOException {
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            Statistics stats = result.getPrimaryResult().getStatistics();
            double score = result.getPrimaryResult().getScore();
            if (name.endsWith("WarmExecutionBenchmark.warmExecution")) {
                warmByTrigger.put(result.getParams().getParam("trigger"), score);
            } else if (name.endsWith("freshContextExecution")) {
                fresh = score;
            } else if (name.endsWith("bareContext")) {
                bare = score;
            } else if (name.endsWith("DeployBenchmark.firstExecutionOfNewVersion")) {
                deployP50 = stats.getPercentile(50);
                deployMean = score;
            } else if (name.endsWith("HotVersionsBenchmark.roundRobin")) {
                int versions = Integer.parseInt(result.getParams().getParam("versions"));
                hot.put(versions, new double[] {stats.getPercentile(50), stats.getPercentile(99)});
            }
        }
        for (int versions : List.of(1, 1000)) {
            Path file = heapDir.resolve("heap-" + versions + "-after-prepare.txt");
            if (Files.isRegularFile(file)) {
                heap.put(versions, Long.parseLong(Files.readString(file).trim()));
            }
        }
    }

    void nodeEngine(String json) throws IOException {
        node = new ObjectMapper().readTree(json);
    }

    void http(String target, HttpLoad.Result saturation, HttpLoad.Result fixed) {
        http.put(target, new HttpLoad.Result[] {saturation, fixed});
    }

    private final Map<String, Double> serverCpu = new LinkedHashMap<>();

    void serverCpu(String target, double microsPerRequest) {
        serverCpu.put(target, microsPerRequest);
    }

    /** Throughput of the 5-second window ending this many seconds after the executor became ready. */
    private final Map<Integer, Double> rampUp = new TreeMap<>();

    /** Time from the executor's process start to readiness (its startup warm-up included). */
    private Duration readyAfter;

    void readyAfter(Duration sinceStart) {
        readyAfter = sinceStart;
    }

    void rampUp(int secondsAfterReadiness, double perSecond) {
        rampUp.put(secondsAfterReadiness, perSecond);
    }

    void async(AsyncLoad.Result burst, AsyncLoad.Result fixed) {
        asyncBurst = burst;
        asyncFixed = fixed;
    }

    void asyncFetch(AsyncLoad.Result burst, long sinkRequests) {
        asyncFetch = burst;
        asyncFetchSinkRequests = sinkRequests;
    }

    void scaleOut(AsyncScaleOut.Row row) {
        scaleOut.add(row);
    }

    void note(String note) {
        notes.add(note);
    }

    String render(BenchRun.Settings settings, Duration took) {
        StringBuilder out = new StringBuilder();
        out.append("## Results\n\n");
        out.append("| measurement | OpenActions executor | Node `vm` fresh context | Node `vm` reused context "
                + "| Node reused + same work (JWT verify, record to Kafka) | target | verdict |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        Double warm = warmByTrigger.get("post-login");
        Double nodeReused = nodeValue("reused_us");
        row(
                out,
                "warm execution, small post-login action (µs, mean)",
                us(warm),
                us(nodeValue("fresh_us")),
                us(nodeReused),
                "",
                "≤ 2× Node reused",
                warm == null || nodeReused == null
                        ? "not measured"
                        : verdict(warm <= 2 * nodeReused) + fmt(" (%.1f× Node reused)", warm / nodeReused));
        warmByTrigger.forEach((trigger, value) -> {
            if (!trigger.equals("post-login")) {
                row(
                        out,
                        "warm execution, small " + trigger + " action (µs, mean)",
                        us(value),
                        "",
                        "",
                        "",
                        "≤ 50 µs",
                        verdict(value <= 50));
            }
        });
        row(out, "context creation: empty context (µs, mean)", us(bare), us(nodeValue("context_us")), "", "", "", "");
        row(
                out,
                "execution on a fresh context: platform JS + module + handler (µs, mean)",
                us(fresh),
                us(nodeValue("fresh_us")),
                "",
                "",
                "",
                "");
        row(
                out,
                "deploy → first execution of a new version (ms, p50)",
                ms(deployP50),
                ms(nodeMillis("deploy_p50_us")),
                "",
                "",
                "≤ 20 ms p50",
                deployP50 == null
                        ? "not measured"
                        : verdict(deployP50 <= 20) + (deployMean == null ? "" : fmt(" (mean %.1f ms)", deployMean)));
        double[] one = hot.get(1);
        double[] thousand = hot.get(1000);
        Long heap1000 = heap.get(1000);
        row(
                out,
                "heap after GC with 1,000 hot versions (MB, -Xmx512m)",
                heap1000 == null
                        ? "n/a (failed?)"
                        : fmt("%.0f", heap1000 / 1048576.0)
                                + (heap.get(1) == null ? "" : fmt(" (1 version: %.0f)", heap.get(1) / 1048576.0)),
                "",
                "",
                "",
                "≤ 512 MB",
                heap1000 == null ? "not measured" : verdict(heap1000 <= 512L * 1048576));
        row(
                out,
                "warm execution p50 / p99, 1 version vs 1,000 round-robin (µs)",
                one == null
                        ? "n/a"
                        : fmt("%.0f / %.0f", one[0], one[1])
                                + (thousand == null ? "" : fmt(" vs %.0f / %.0f", thousand[0], thousand[1])),
                "",
                "",
                "",
                "no p99 regression",
                one == null || thousand == null
                        ? "not measured"
                        : verdict(thousand[1] <= one[1] * 1.10) + fmt(" (p99 ×%.2f)", thousand[1] / one[1]));
        HttpLoad.Result[] ours = http.get("executor");
        HttpLoad.Result[] nodeFresh = http.get("node-fresh");
        HttpLoad.Result[] nodeReusedHttp = http.get("node-reused");
        HttpLoad.Result[] nodeSameWork = http.get("node-same-work");
        row(
                out,
                "sync post-login flow (3 actions), saturation throughput (req/s, closed loop)",
                rate(ours),
                rate(nodeFresh),
                rate(nodeReusedHttp),
                rate(nodeSameWork),
                "≥ 1.0× Node same work",
                ours == null || nodeSameWork == null
                        ? "not measured"
                        : verdict(ours[0].perSecond() >= nodeSameWork[0].perSecond())
                                + fmt(" (%.2f× same work", ours[0].perSecond() / nodeSameWork[0].perSecond())
                                + (nodeReusedHttp == null
                                        ? ")"
                                        : fmt(
                                                ", %.2f× bare reused)",
                                                ours[0].perSecond() / nodeReusedHttp[0].perSecond())));
        Double ourCpu = serverCpu.get("executor");
        row(
                out,
                "server CPU per flow at saturation (µs, process and children)",
                cpuCell("executor"),
                cpuCell("node-fresh"),
                cpuCell("node-reused"),
                cpuCell("node-same-work"),
                "≤ 250 µs",
                ourCpu == null ? "not measured" : verdict(ourCpu <= 250));
        row(
                out,
                "sync flow latency at 50 % of own saturation, p50 / p99 / p99.9 (ms)",
                latency(ours),
                latency(nodeFresh),
                latency(nodeReusedHttp),
                latency(nodeSameWork),
                "p99 ≤ 5 ms",
                ours == null ? "not measured" : verdict(ours[1].p99Micros() <= 5000 && ours[1].errors() == 0));
        if (!rampUp.isEmpty()) {
            double steady = ours == null ? 0 : ours[0].perSecond();
            Double early = rampUp.get(15);
            row(
                    out,
                    "executor throughput after readiness, at 10 s / 15 s / 30 s / 60 s / 120 s (req/s, 5 s windows, saturated)"
                            + (readyAfter == null
                                    ? ""
                                    : fmt("; ready %.0f s after process start", readyAfter.toMillis() / 1e3)),
                    rampUp.entrySet().stream()
                            .map(e -> fmt("%.0f", e.getValue()))
                            .reduce((a, b) -> a + " / " + b)
                            .orElse(""),
                    "",
                    "",
                    "",
                    "≥ 50 % of steady state within 15 s",
                    early == null || steady == 0
                            ? "not measured"
                            : verdict(early >= steady / 2) + fmt(" (%.0f %% at 15 s)", 100 * early / steady));
        }
        row(
                out,
                "async post-user-registration, events/s (burst of " + settings.asyncBurst() + ")",
                asyncBurst == null
                        ? "n/a"
                        : fmt("%.0f", asyncBurst.perSecond())
                                + (asyncBurst.done() < asyncBurst.sent()
                                        ? fmt(" (%d of %d done)", asyncBurst.done(), asyncBurst.sent())
                                        : ""),
                "",
                "",
                "",
                "≥ 10,000/s",
                asyncBurst == null
                        ? "not measured"
                        : verdict(asyncBurst.perSecond() >= 10_000 && asyncBurst.done() == asyncBurst.sent()));
        row(
                out,
                "async event→done at " + settings.asyncRate() + "/s, p50 / p99 (ms)",
                asyncFixed == null
                        ? "n/a"
                        : fmt("%.1f / %.1f", asyncFixed.p50Millis(), asyncFixed.p99Millis())
                                + (asyncFixed.done() < asyncFixed.sent()
                                        ? fmt(" (%d of %d done)", asyncFixed.done(), asyncFixed.sent())
                                        : ""),
                "",
                "",
                "",
                "p99 ≤ 100 ms",
                asyncFixed == null
                        ? "not measured"
                        : verdict(asyncFixed.p99Millis() <= 100 && asyncFixed.done() == asyncFixed.sent()));
        if (asyncFetch != null) {
            row(
                    out,
                    "async, action makes one fetch to a local sink, events/s (burst of " + settings.asyncFetchBurst()
                            + ")",
                    fmt("%.0f", asyncFetch.perSecond())
                            + (asyncFetch.done() < asyncFetch.sent()
                                    ? fmt(" (%d of %d done)", asyncFetch.done(), asyncFetch.sent())
                                    : ""),
                    "",
                    "",
                    "",
                    "≥ 2,000/s",
                    verdict(asyncFetch.perSecond() >= 2_000
                            && asyncFetch.done() == asyncFetch.sent()
                            && asyncFetchSinkRequests >= asyncFetch.sent()));
        }
        for (AsyncScaleOut.Row r : scaleOut) {
            row(
                    out,
                    "async scale-out, " + r.processes()
                            + " process(es) on 6 partitions: total events/s (events per process)",
                    fmt("%.0f", r.burst().perSecond()) + " (" + r.perProcess() + ")",
                    "",
                    "",
                    "",
                    "shown",
                    r.burst().done() == r.burst().sent()
                            ? "shown (2 cores: the mechanism, not linear gains)"
                            : "**incomplete**");
        }
        out.append('\n');
        if (!http.isEmpty()) {
            out.append("HTTP detail (same load generator for all targets):\n\n```\n");
            http.forEach((target, r) -> out.append(target)
                    .append(" ")
                    .append(r[0].line())
                    .append('\n')
                    .append(target)
                    .append(" ")
                    .append(r[1].line())
                    .append('\n'));
            out.append("```\n\n");
        }
        if (asyncBurst != null) {
            out.append("Async detail:\n\n```\n")
                    .append(asyncBurst.line())
                    .append('\n')
                    .append(asyncFixed.line())
                    .append('\n');
            if (asyncFetch != null) {
                out.append("fetch ")
                        .append(asyncFetch.line())
                        .append("; the sink received ")
                        .append(asyncFetchSinkRequests)
                        .append('\n');
            }
            scaleOut.forEach(r -> out.append("scale-out ").append(r.line()).append('\n'));
            out.append("```\n\n");
        }
        out.append(fmt(
                "Settings: HTTP warm-up %d s, saturation %d s with %d connections, fixed rate %d s at half the saturation "
                        + "(≥ 16 connections); async warm-up %d events, burst %d events, fixed rate %d/s for %d s, "
                        + "fetch burst %d, up to %d executor processes; Node workers %d. Run took %d min %d s.%n",
                settings.httpWarmupSeconds(),
                settings.saturationSeconds(),
                settings.connections(),
                settings.fixedRateSeconds(),
                settings.asyncWarmup(),
                settings.asyncBurst(),
                settings.asyncRate(),
                settings.asyncSeconds(),
                settings.asyncFetchBurst(),
                settings.asyncProcesses(),
                settings.nodeWorkers(),
                took.toMinutes(),
                took.toSecondsPart()));
        notes.forEach(n -> out.append("\n- ").append(n));
        return out.toString();
    }

    private String cpuCell(String target) {
        Double value = serverCpu.get(target);
        return value == null ? "" : fmt("%.0f", value);
    }

    private Double nodeValue(String field) {
        return node == null || !node.has(field) ? null : node.get(field).asDouble();
    }

    private Double nodeMillis(String field) {
        Double micros = nodeValue(field);
        return micros == null ? null : micros / 1000;
    }

    private static void row(StringBuilder out, String... cells) {
        out.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }

    private static String verdict(boolean met) {
        return met ? "**met**" : "**not met**";
    }

    private static String us(Double value) {
        return value == null ? "" : value >= 100 ? fmt("%.0f", value) : fmt("%.1f", value);
    }

    private static String ms(Double value) {
        return value == null ? "" : fmt("%.1f", value);
    }

    private static String rate(HttpLoad.Result[] r) {
        return r == null
                ? ""
                : fmt("%.0f", r[0].perSecond()) + (r[0].errors() > 0 ? fmt(" (%d errors)", r[0].errors()) : "");
    }

    private static String latency(HttpLoad.Result[] r) {
        return r == null
                ? ""
                : fmt(
                                "%.2f / %.2f / %.2f @ %.0f/s",
                                r[1].p50Micros() / 1000,
                                r[1].p99Micros() / 1000,
                                r[1].p999Micros() / 1000,
                                r[1].targetRate())
                        + (r[1].errors() > 0 ? fmt(" (%d errors)", r[1].errors()) : "");
    }

    private static String fmt(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
