package dev.openactions.executor.warmup;

import dev.openactions.executor.flow.WarmupFlow;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The warm-up's HTTP client: one post-login flow request to this service's own endpoint per {@link #send()}. */
final class WarmupClient {
    private final HttpClient client;
    private final HttpRequest request;
    private volatile String lastFailure = "none";

    WarmupClient(URI url, String token) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        this.request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(WarmupFlow.REQUEST))
                .build();
    }

    /** Whether the flow ran to completion (200 with status completed). */
    boolean send() throws InterruptedException {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200 && response.body().contains("\"status\":\"completed\"")) {
                return true;
            }
            lastFailure = "status " + response.statusCode();
        } catch (IOException e) {
            lastFailure = e.toString();
        }
        return false;
    }

    String lastFailure() {
        return lastFailure;
    }

    static boolean listening(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
