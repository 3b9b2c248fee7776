package dev.openactions.partnerkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kit's main on the example integration of the partner guide (docs/examples/consent-check), its
 * consent API answered by a local stand-in: the cases pass with a measured coverage figure, a wrong
 * expectation fails with exit code 1 and the reason, an unusable directory is exit code 2.
 */
class PartnerKitTest {
    private static final Path EXAMPLE = Path.of("..", "docs", "examples", "consent-check");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ConsentApiStandIn consentApi;

    @TempDir
    Path temp;

    record Outcome(int exitCode, JsonNode report, String summary, String stdout) {}

    @BeforeAll
    static void startApi() throws Exception {
        consentApi = ConsentApiStandIn.start();
    }

    @AfterAll
    static void stopApi() {
        consentApi.close();
    }

    private static Outcome kit(Path directory, List<String> options) throws IOException {
        List<String> args = new ArrayList<>(options);
        args.add(directory.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = PartnerKit.run(
                args.toArray(String[]::new),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String stdout = out.toString(StandardCharsets.UTF_8);
        return new Outcome(
                code, stdout.isBlank() ? null : JSON.readTree(stdout), err.toString(StandardCharsets.UTF_8), stdout);
    }

    private static int lineOf(String code, String text) {
        String[] lines = code.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line contains " + text);
    }

    @Test
    void theGuidesExamplePassesWithItsCoverage() throws Exception {
        Outcome outcome = kit(EXAMPLE, consentApi.kitOptions());

        assertThat(outcome.exitCode()).as(outcome.summary()).isEqualTo(0);
        JsonNode report = outcome.report();
        assertThat(report.path("passed").asBoolean()).isTrue();
        assertThat(report.path("trigger_id").asText()).isEqualTo("post-login");
        JsonNode results = report.path("results");
        assertThat(results).hasSize(2);
        assertThat(results.get(0).path("passed").asBoolean()).isTrue();
        assertThat(results.get(0).path("status").asText()).isEqualTo("completed");
        assertThat(results.get(1).path("status").asText()).isEqualTo("denied");
        assertThat(results.get(1).path("commands").get(0).path("type").asText()).isEqualTo("access.deny");
        // DEBUG is on in the second case: the action's log line is in the result, as in an execution record
        assertThat(results.get(1).path("logs").get(0).asText()).contains("no terms-of-service consent for auth0|bob");
        // the case's secret reached the API and nowhere else
        assertThat(consentApi.authorizations).contains("Bearer " + ConsentApiStandIn.KEY);
        assertThat(outcome.stdout()).doesNotContain(ConsentApiStandIn.KEY);

        // measured: the error paths (API unreachable, ON_API_ERROR) never ran in these two cases
        String code = Files.readString(EXAMPLE.resolve("action.js"));
        JsonNode coverage = report.path("coverage");
        assertThat(coverage.path("total_lines").asInt()).isGreaterThan(10);
        assertThat(coverage.path("percent").asDouble()).isBetween(50.0, 99.9);
        List<Integer> uncovered = new ArrayList<>();
        coverage.path("uncovered_lines").forEach(line -> uncovered.add(line.asInt()));
        assertThat(uncovered)
                .contains(
                        lineOf(code, "throw new Error('the consent API answered"),
                        lineOf(code, "if (config.ON_API_ERROR === 'allow')"),
                        lineOf(code, "We could not check your consent"));
        assertThat(uncovered)
                .doesNotContain(lineOf(code, "api.idToken.setCustomClaim"), lineOf(code, "Please accept our"));
        // each case has its own figure; together they cover more than either
        assertThat(results.get(0).path("coverage").path("percent").asDouble())
                .isLessThan(coverage.path("percent").asDouble());
        assertThat(outcome.summary())
                .contains(
                        "PASS  a user who accepted the terms",
                        "2 of 2 test cases passed",
                        "line coverage of action.js");
    }

    @Test
    void aCaseThatDoesNotGetWhatItExpectsFails() throws Exception {
        Path copy = copyOfExample();
        Path cases = copy.resolve("test-cases.json");
        Files.writeString(
                cases, Files.readString(cases).replace("Please accept our terms of service to sign in.", "Go away."));

        Outcome outcome = kit(copy, consentApi.kitOptions());

        assertThat(outcome.exitCode()).isEqualTo(1);
        JsonNode results = outcome.report().path("results");
        assertThat(outcome.report().path("passed").asBoolean()).isFalse();
        assertThat(results.get(0).path("passed").asBoolean()).isTrue();
        assertThat(results.get(1).path("passed").asBoolean()).isFalse();
        assertThat(results.get(1).path("failures").get(0).asText()).contains("no command", "Go away.");
        assertThat(outcome.summary())
                .contains("FAIL  a user without the consent is denied", "1 of 2 test cases passed");
    }

    @Test
    void withoutItsApiTheExampleDeniesAndFails() throws Exception {
        // no route to a stand-in: the real host is not reachable from here, so the action takes its
        // error path (ON_API_ERROR defaults to deny) and the first case fails, as it would at review
        Outcome outcome = kit(EXAMPLE, List.of());

        assertThat(outcome.exitCode()).isEqualTo(1);
        JsonNode first = outcome.report().path("results").get(0);
        assertThat(first.path("status").asText()).isEqualTo("denied");
        assertThat(first.path("failures").get(0).asText()).contains("status was 'denied', expected 'completed'");
    }

    @Test
    void hostsOutsideTheCapabilitiesAreRefused() throws Exception {
        Path copy = copyOfExample();
        Path manifest = copy.resolve("manifest.json");
        Files.writeString(
                manifest,
                Files.readString(manifest)
                        .replace("\"api.consent-vendor.example\"", "\"other.consent-vendor.example\""));

        int requestsBefore = consentApi.authorizations.size();
        Outcome outcome = kit(copy, consentApi.kitOptions());

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(consentApi.authorizations).hasSize(requestsBefore); // refused before any request left
        JsonNode second = outcome.report().path("results").get(1);
        assertThat(second.path("logs").get(0).asText()).contains("outside this integration's capabilities");
    }

    @Test
    void anUnusableDirectoryOrArgumentIsExitCodeTwo() throws Exception {
        assertThat(kit(temp.resolve("missing"), List.of()).exitCode()).isEqualTo(2);
        Path copy = copyOfExample();
        Files.delete(copy.resolve("test-cases.json"));
        Outcome noCases = kit(copy, List.of());
        assertThat(noCases.exitCode()).isEqualTo(2);
        assertThat(noCases.summary()).contains("test-cases.json is missing");
        assertThat(kit(EXAMPLE, List.of("--connect-to")).exitCode()).isEqualTo(2);
        assertThat(kit(EXAMPLE, List.of("--bogus")).exitCode()).isEqualTo(2);
    }

    private Path copyOfExample() throws IOException {
        Path copy = Files.createTempDirectory(temp, "consent-check");
        try (Stream<Path> files = Files.list(EXAMPLE)) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        return copy;
    }
}
