package dev.openactions.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads one executor process's own count of processed identity events from its Prometheus endpoint. */
final class ExecutorMetrics {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ExecutorMetrics() {}

    /** Sum of {@code executor_events_processed_total} over the outcomes of one topic. */
    static long processedEvents(String baseUrl, String topic) throws IOException, InterruptedException {
        return Math.round(sum(baseUrl, "executor_events_processed_total", "topic=\"" + topic + "\""));
    }

    /**
     * The context pool's counters (contexts prepared, waits for a busy context that got one or prepared
     * one), printed after the HTTP phases: churn there explains a latency tail.
     */
    static String contextPool(String baseUrl) throws IOException, InterruptedException {
        return String.format(
                "contexts prepared %.0f, waits for a busy context %.0f (got one) / %.0f (prepared one)",
                sum(baseUrl, "executor_context_pool_prepared_total", ""),
                sum(baseUrl, "executor_context_pool_waits_total", "outcome=\"got_one\""),
                sum(baseUrl, "executor_context_pool_waits_total", "outcome=\"prepared_one\""));
    }

    /** Sum of a metric's samples whose labels contain {@code labelFilter}. */
    private static double sum(String baseUrl, String metric, String labelFilter)
            throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/q/metrics"))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        double sum = 0;
        for (String line : response.body().split("\n")) {
            if ((line.startsWith(metric + "{") || line.startsWith(metric + " ")) && line.contains(labelFilter)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }
}
