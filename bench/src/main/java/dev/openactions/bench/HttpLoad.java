package dev.openactions.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * HTTP load generator with HdrHistogram, in two modes:
 * <ul>
 * <li><b>closed loop</b> ({@link #saturate}): N connections, each sends its next request as soon as
 * the previous answer arrived — the server's saturation throughput;</li>
 * <li><b>fixed rate</b> ({@link #fixedRate}): an open-loop schedule (wrk2's model): connection i owns
 * requests i, i+N, i+2N… at their intended start times; latency is measured from the
 * <em>intended</em> start, so a stalled server is charged for the requests that queued behind the
 * stall (coordinated omission corrected).</li>
 * </ul>
 * Usable on its own: {@code java -cp … dev.openactions.bench.HttpLoad URL BODY_FILE [closed CONNECTIONS SECONDS
 * | rate PER_SECOND CONNECTIONS SECONDS] [-H "Authorization: Bearer …"]}.
 */
public final class HttpLoad {
    private static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(60);

    /** What one load phase measured; latencies in microseconds. */
    public record Result(
            String mode,
            long requests,
            long errors,
            double seconds,
            double perSecond,
            double p50Micros,
            double p99Micros,
            double p999Micros,
            double maxMicros,
            int connections,
            double targetRate) {
        public String line() {
            return String.format(
                    Locale.ROOT,
                    "%s: %d requests (%d errors) in %.1f s = %.0f/s; latency p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms (%d connections%s)",
                    mode,
                    requests,
                    errors,
                    seconds,
                    perSecond,
                    p50Micros / 1000,
                    p99Micros / 1000,
                    p999Micros / 1000,
                    maxMicros / 1000,
                    connections,
                    targetRate > 0 ? String.format(Locale.ROOT, ", target %.0f/s", targetRate) : "");
        }
    }

    private final URI url;
    private final byte[] body;
    private final String[] headers;

    public HttpLoad(URI url, byte[] body, List<String> headers) {
        this.url = url;
        this.body = body;
        this.headers = headers.toArray(String[]::new);
    }

    /** One request, returning the status and the body, to check a server's answer before loading it. */
    public String probe() throws IOException {
        try (HttpConnection connection = new HttpConnection(url, headers, body, true)) {
            int status = connection.exchange();
            return status + " " + new String(connection.lastBody(), StandardCharsets.UTF_8);
        }
    }

    public Result saturate(int connections, Duration duration) throws InterruptedException {
        Histogram[] histograms = new Histogram[connections];
        LongAdder errors = new LongAdder();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Histogram histogram = new Histogram(HIGHEST_NANOS, 3);
            histograms[i] = histogram;
            threads.add(Thread.ofPlatform().name("load-" + i).daemon().start(() -> {
                try (HttpConnection connection = new HttpConnection(url, headers, body, false)) {
                    long now = System.nanoTime();
                    while (now < end) {
                        long sent = now;
                        if (!send(connection, errors)) {
                            LockSupport.parkNanos(1_000_000); // server refused: don't spin
                        }
                        now = System.nanoTime();
                        histogram.recordValue(Math.min(now - sent, HIGHEST_NANOS));
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return result("closed-loop", merge(histograms), errors.sum(), seconds, connections, 0);
    }

    public Result fixedRate(double perSecond, int connections, Duration duration) throws InterruptedException {
        Histogram[] histograms = new Histogram[connections];
        LongAdder errors = new LongAdder();
        long period = (long) (1e9 / perSecond);
        long total = (long) (perSecond * duration.toNanos() / 1e9);
        SlowRequestLog slowLog = new SlowRequestLog();
        // Every connection is opened, and answered once, before the schedule starts: the phase measures
        // logins at a fixed rate on kept-alive connections; set up inside the schedule, 16 TCP and HTTP
        // connections at once landed on its first milliseconds (190 requests over 3 ms in one run).
        CountDownLatch connected = new CountDownLatch(connections);
        AtomicLong start = new AtomicLong();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Histogram histogram = new Histogram(HIGHEST_NANOS, 3);
            histograms[i] = histogram;
            int first = i;
            threads.add(Thread.ofPlatform().name("rate-" + i).daemon().start(() -> {
                try (HttpConnection connection = new HttpConnection(url, headers, body, false)) {
                    try {
                        send(connection, new LongAdder()); // untimed; a broken server shows in the timed requests
                    } finally {
                        connected.countDown();
                    }
                    go.await();
                    for (long k = first; k < total; k += connections) {
                        long intended = start.get() + k * period;
                        long wait;
                        while ((wait = intended - System.nanoTime()) > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        send(connection, errors);
                        long latency = System.nanoTime() - intended;
                        histogram.recordValue(Math.min(latency, HIGHEST_NANOS));
                        slowLog.record(intended, latency);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        connected.await();
        start.set(System.nanoTime() + 20_000_000); // every thread parked before the first intended send
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start.get()) / 1e9;
        if (SlowRequestLog.enabled()) {
            try {
                slowLog.write(start.get());
            } catch (IOException e) {
                BenchRun.log("could not write the slow request log: " + e);
            }
        }
        return result("fixed-rate", merge(histograms), errors.sum(), seconds, connections, perSecond);
    }

    private static boolean send(HttpConnection connection, LongAdder errors) {
        try {
            int status = connection.exchange();
            if (status / 100 != 2) {
                errors.increment();
            }
            return true;
        } catch (IOException e) {
            errors.increment();
            return false;
        }
    }

    private static Histogram merge(Histogram[] histograms) {
        Histogram all = new Histogram(HIGHEST_NANOS, 3);
        for (Histogram h : histograms) {
            all.add(h);
        }
        return all;
    }

    private static Result result(String mode, Histogram h, long errors, double seconds, int connections, double rate) {
        long n = h.getTotalCount();
        return new Result(
                mode,
                n,
                errors,
                seconds,
                n / seconds,
                h.getValueAtPercentile(50) / 1e3,
                h.getValueAtPercentile(99) / 1e3,
                h.getValueAtPercentile(99.9) / 1e3,
                h.getMaxValue() / 1e3,
                connections,
                rate);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println(
                    "usage: HttpLoad URL BODY_FILE closed CONNECTIONS SECONDS | rate PER_SECOND CONNECTIONS SECONDS [-H header]...");
            System.exit(2);
        }
        List<String> headers = new ArrayList<>();
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("-H")) {
                headers.add(args[i + 1]);
            }
        }
        HttpLoad load = new HttpLoad(URI.create(args[0]), Files.readAllBytes(Path.of(args[1])), headers);
        System.out.println(load.probe());
        Result result = args[2].equals("closed")
                ? load.saturate(Integer.parseInt(args[3]), Duration.ofSeconds(Long.parseLong(args[4])))
                : load.fixedRate(
                        Double.parseDouble(args[3]),
                        Integer.parseInt(args[4]),
                        Duration.ofSeconds(Long.parseLong(args[5])));
        System.out.println(result.line());
    }
}
