package dev.openactions.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Transit test server must behave like Vault where our tests rely on it: versions, contexts, tokens. */
class VaultTransitServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private VaultTransitServer vault;

    @BeforeEach
    void start() {
        vault = VaultTransitServer.start("root-token");
    }

    @AfterEach
    void stop() {
        vault.close();
    }

    private JsonNode post(String path, String body, String token, int expectedStatus) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(vault.url() + path))
                        .header("X-Vault-Token", token)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void encryptsWithTheLatestVersionAndDecryptsOlderOnesUntilRetired() throws Exception {
        post("/v1/transit/keys/k", "{\"type\":\"aes256-gcm96\",\"derived\":true}", "root-token", 204);
        String ctx = b64("tenant/owner/NAME");
        String v1 = post(
                        "/v1/transit/encrypt/k",
                        "{\"batch_input\":[{\"plaintext\":\"" + b64("hello") + "\",\"context\":\"" + ctx + "\"}]}",
                        "root-token",
                        200)
                .path("data")
                .path("batch_results")
                .get(0)
                .path("ciphertext")
                .asText();
        assertThat(v1).startsWith("vault:v1:");

        post("/v1/transit/keys/k/rotate", "", "root-token", 204);
        JsonNode rewrapped = post(
                        "/v1/transit/rewrap/k",
                        "{\"batch_input\":[{\"ciphertext\":\"" + v1 + "\",\"context\":\"" + ctx + "\"}]}",
                        "root-token",
                        200)
                .path("data")
                .path("batch_results")
                .get(0);
        assertThat(rewrapped.path("ciphertext").asText()).startsWith("vault:v2:");
        assertThat(rewrapped.path("key_version").asInt()).isEqualTo(2);

        post("/v1/transit/keys/k/config", "{\"min_decryption_version\":2}", "root-token", 204);
        JsonNode old = post(
                        "/v1/transit/decrypt/k",
                        "{\"batch_input\":[{\"ciphertext\":\"" + v1 + "\",\"context\":\"" + ctx + "\"}]}",
                        "root-token",
                        400)
                .path("data")
                .path("batch_results")
                .get(0);
        assertThat(old.has("error")).isTrue();
        JsonNode fresh = post(
                        "/v1/transit/decrypt/k",
                        "{\"batch_input\":[{\"ciphertext\":\""
                                + rewrapped.path("ciphertext").asText() + "\",\"context\":\"" + ctx + "\"}]}",
                        "root-token",
                        200)
                .path("data")
                .path("batch_results")
                .get(0);
        assertThat(new String(Base64.getDecoder().decode(fresh.path("plaintext").asText()), StandardCharsets.UTF_8))
                .isEqualTo("hello");
    }

    @Test
    void aDifferentContextDoesNotDecrypt() throws Exception {
        post("/v1/transit/keys/k", "{\"derived\":true}", "root-token", 204);
        String ciphertext = post(
                        "/v1/transit/encrypt/k",
                        "{\"batch_input\":[{\"plaintext\":\"" + b64("x") + "\",\"context\":\"" + b64("a") + "\"}]}",
                        "root-token",
                        200)
                .path("data")
                .path("batch_results")
                .get(0)
                .path("ciphertext")
                .asText();
        JsonNode result = post(
                        "/v1/transit/decrypt/k",
                        "{\"batch_input\":[{\"ciphertext\":\"" + ciphertext + "\",\"context\":\"" + b64("b") + "\"}]}",
                        "root-token",
                        400)
                .path("data")
                .path("batch_results")
                .get(0);
        assertThat(result.path("error").asText()).contains("authentication failed");
    }

    @Test
    void refusesAMinimumDecryptionVersionThatDoesNotExist() throws Exception {
        post("/v1/transit/keys/k", "{\"derived\":true}", "root-token", 204);
        post("/v1/transit/keys/k/config", "{\"min_decryption_version\":2}", "root-token", 400);
        post("/v1/transit/keys/k/rotate", "", "root-token", 204);
        post("/v1/transit/keys/k/config", "{\"min_decryption_version\":2}", "root-token", 204);
        assertThat(vault.minDecryptionVersion("k")).isEqualTo(2);
        assertThat(vault.latestVersion("k")).isEqualTo(2);
    }

    @Test
    void canDenyKeyAdministrationWhileAnOperatorStillRotates() throws Exception {
        post("/v1/transit/keys/k", "{\"derived\":true}", "root-token", 204);
        vault.setKeyAdministrationDenied(true);
        post("/v1/transit/keys/k/rotate", "", "root-token", 403);
        post("/v1/transit/keys/k/config", "{\"min_decryption_version\":1}", "root-token", 403);
        assertThat(vault.rotate("k")).isEqualTo(2);
        String ciphertext = post(
                        "/v1/transit/encrypt/k",
                        "{\"batch_input\":[{\"plaintext\":\"" + b64("x") + "\",\"context\":\"" + b64("c") + "\"}]}",
                        "root-token",
                        200)
                .path("data")
                .path("batch_results")
                .get(0)
                .path("ciphertext")
                .asText();
        assertThat(ciphertext).startsWith("vault:v2:");
    }

    @Test
    void canStopRewrappingAfterSomeCallsWhileEverythingElseWorks() throws Exception {
        post("/v1/transit/keys/k", "{\"derived\":true}", "root-token", 204);
        String ctx = b64("c");
        String v1 = post(
                        "/v1/transit/encrypt/k",
                        "{\"batch_input\":[{\"plaintext\":\"" + b64("x") + "\",\"context\":\"" + ctx + "\"}]}",
                        "root-token",
                        200)
                .path("data")
                .path("batch_results")
                .get(0)
                .path("ciphertext")
                .asText();
        String rewrap = "{\"batch_input\":[{\"ciphertext\":\"" + v1 + "\",\"context\":\"" + ctx + "\"}]}";
        vault.allowRewraps(1);
        post("/v1/transit/rewrap/k", rewrap, "root-token", 200);
        post("/v1/transit/rewrap/k", rewrap, "root-token", 503);
        post("/v1/transit/decrypt/k", rewrap, "root-token", 200);
        vault.allowRewraps(Integer.MAX_VALUE);
        post("/v1/transit/rewrap/k", rewrap, "root-token", 200);
    }

    @Test
    void canHangUntilReleased() throws Exception {
        post("/v1/transit/keys/k", "{}", "root-token", 204);
        vault.setUnresponsive(true);
        HttpRequest read = HttpRequest.newBuilder(URI.create(vault.url() + "/v1/transit/keys/k"))
                .header("X-Vault-Token", "root-token")
                .timeout(Duration.ofMillis(300))
                .GET()
                .build();
        Assertions.assertThatThrownBy(() -> http.send(read, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        vault.setUnresponsive(false);
        HttpResponse<String> answered = http.send(
                HttpRequest.newBuilder(read.uri())
                        .header("X-Vault-Token", "root-token")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answered.statusCode()).isEqualTo(200);
    }

    @Test
    void refusesAWrongTokenAndCanPlayDead() throws Exception {
        post("/v1/transit/keys/k", "{}", "wrong", 403);
        vault.setDown(true);
        post("/v1/transit/keys/k", "{}", "root-token", 503);
    }
}
