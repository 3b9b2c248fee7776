package dev.openactions.partnerkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openactions.testsupport.NpmRegistryServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An integration that {@code require}s npm packages, run by the kit's main against an npm registry on
 * 127.0.0.1 (test-support's {@link NpmRegistryServer}: tarballs built here and real published ones):
 * the dependencies are resolved by the platform's resolver (ranges pinned, the transitive tree
 * deduplicated, integrity checked) and loaded by the executor's loader, the cases pass with the
 * coverage of the integration's own code; a package that cannot be had stops the kit with the
 * platform's error and exit code 2.
 */
class PartnerKitDependenciesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLE = Path.of("..", "docs", "examples", "consent-check");
    private static NpmRegistryServer npm;
    private static ConsentApiStandIn consentApi;

    @TempDir
    Path temp;

    record Outcome(int exitCode, JsonNode report, String summary) {}

    @BeforeAll
    static void startRegistry() throws Exception {
        consentApi = ConsentApiStandIn.start();
        npm = NpmRegistryServer.start();
        npm.publishRealPackages(); // ms@2.1.3 among them, as published
        // a partner's own helper package, which needs ms itself: one ms in the tree serves both
        String rules = """
                const ms = require('ms');
                module.exports = {
                  windowMs: (text) => ms(text),
                  tooLong: (text, max) => ms(text) > ms(max),
                };
                """;
        npm.publish("consent-rules", "1.0.0", Map.of("ms", "^2.0.0"), Map.of("index.js", rules));
        npm.publish("consent-rules", "1.2.0", Map.of("ms", "^2.1.0"), Map.of("index.js", rules));
        npm.publish("tampered-rules", "1.0.0", Map.of(), Map.of("index.js", "module.exports = {};"));
        npm.tamper("tampered-rules", "1.0.0");
        npm.publish(
                "native-rules",
                "1.0.0",
                Map.of(),
                Map.of("index.js", "module.exports = require('./build/rules.node');", "binding.gyp", "{}"));
    }

    @AfterAll
    static void stopRegistry() {
        npm.close();
        consentApi.close();
    }

    private static final String CODE = """
            const rules = require('consent-rules');
            const ms = require('ms');

            exports.onExecutePostLogin = async (event, api) => {
              const window = event.configuration.SESSION_WINDOW;
              if (rules.tooLong(window, '1d')) {
                api.access.deny('Sessions longer than ' + ms(ms('1d'), { long: true }) + ' are not allowed.');
                return;
              }
              api.idToken.setCustomClaim('https://partner.example/window_ms', rules.windowMs(window));
            };
            """;

    private static final String CASES = """
            [
              {
                "name": "a two-hour window becomes a claim",
                "event": { "user": { "user_id": "auth0|alice" } },
                "configuration": { "SESSION_WINDOW": "2h" },
                "expect": { "commands": [ { "type": "idToken.setCustomClaim",
                  "args": { "name": "https://partner.example/window_ms", "value": 7200000 } } ] }
              },
              {
                "name": "a window over a day is denied",
                "event": { "user": { "user_id": "auth0|bob" } },
                "configuration": { "SESSION_WINDOW": "3d" },
                "expect": { "status": "denied", "commands": [ { "type": "access.deny",
                  "args": { "reason": "Sessions longer than 1 day are not allowed." } } ] }
              }
            ]
            """;

    private static final String MANIFEST = """
            { "configuration": [ { "name": "SESSION_WINDOW", "label": "Session window", "required": true } ] }
            """;

    private Path integration(String dependencies) throws IOException {
        Path directory = Files.createTempDirectory(temp, "session-window");
        Files.writeString(
                directory.resolve("integration.json"),
                "{\"trigger_id\": \"post-login\", \"listing\": {\"name\": \"Session window\"}}");
        Files.writeString(directory.resolve("action.js"), CODE);
        Files.writeString(directory.resolve("manifest.json"), MANIFEST);
        Files.writeString(directory.resolve("test-cases.json"), CASES);
        Files.writeString(directory.resolve("dependencies.json"), dependencies);
        return directory;
    }

    private static Outcome kit(Path directory, Map<String, String> env, String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of(options));
        args.add(directory.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = PartnerKit.run(
                args.toArray(String[]::new),
                env,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String stdout = out.toString(StandardCharsets.UTF_8);
        return new Outcome(code, stdout.isBlank() ? null : JSON.readTree(stdout), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anIntegrationThatRequiresPackagesPassesWithItsCoverage() throws Exception {
        Path directory = integration("""
                [ { "name": "consent-rules", "version": "^1.0.0" }, { "name": "ms", "version": "^2.1.0" } ]
                """);
        int msTarballsBefore = tarballRequests("/ms/-/ms-2.1.3.tgz");

        Outcome outcome = kit(directory, Map.of(), "--npm-registry", npm.url());

        assertThat(outcome.exitCode()).as(outcome.summary()).isEqualTo(0);
        JsonNode report = outcome.report();
        assertThat(report.path("passed").asBoolean()).isTrue();
        assertThat(report.path("results").get(0).path("status").asText()).isEqualTo("completed");
        assertThat(report.path("results").get(1).path("status").asText()).isEqualTo("denied");
        // pinned as a submission pins them: the range's highest version (latest), the exact version of ms
        assertThat(report.path("dependencies").toString())
                .isEqualTo(
                        "[{\"name\":\"consent-rules\",\"version\":\"1.2.0\"},{\"name\":\"ms\",\"version\":\"2.1.3\"}]");
        assertThat(report.path("dependency_bundle").asText()).matches("[0-9a-f]{64}");
        // one ms for the action and for consent-rules (hoisted, not nested): its tarball was fetched once
        assertThat(tarballRequests("/ms/-/ms-2.1.3.tgz")).isEqualTo(msTarballsBefore + 1);
        // the coverage is of action.js only: every line of it ran, the packages' lines are not counted
        JsonNode coverage = report.path("coverage");
        assertThat(coverage.path("percent").asDouble()).isEqualTo(100.0);
        assertThat(coverage.path("total_lines").asInt()).isBetween(5, CODE.split("\n").length);
        assertThat(outcome.summary())
                .contains("npm dependencies: consent-rules@1.2.0, ms@2.1.3", "2 of 2 test cases passed");
    }

    @Test
    void theGuidesExampleWithADependencyStillReachesItsApiThroughARoute() throws Exception {
        // resolving opens an HTTP client; the routed requests of the cases must still carry their Host header
        Path copy = Files.createTempDirectory(temp, "consent-check");
        try (var files = Files.list(EXAMPLE)) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        Path code = copy.resolve("action.js");
        Files.writeString(
                code,
                Files.readString(code)
                        .replace("AbortSignal.timeout(3000)", "AbortSignal.timeout(require('ms')('3s'))"));
        Files.writeString(copy.resolve("dependencies.json"), "[ { \"name\": \"ms\", \"version\": \"^2.1.0\" } ]");
        List<String> options = new ArrayList<>(consentApi.kitOptions());
        options.addAll(List.of("--npm-registry", npm.url()));

        Outcome outcome = kit(copy, Map.of(), options.toArray(String[]::new));

        assertThat(outcome.exitCode()).as(outcome.summary()).isEqualTo(0);
        assertThat(outcome.report().path("dependencies").get(0).path("version").asText())
                .isEqualTo("2.1.3");
        assertThat(consentApi.authorizations).contains("Bearer " + ConsentApiStandIn.KEY);
    }

    @Test
    void theSameDependenciesResolveToTheSameTree() throws Exception {
        String dependencies = """
                [ { "name": "ms", "version": "^2.1.0" }, { "name": "consent-rules", "version": "1.x" } ]
                """;
        Outcome first = kit(integration(dependencies), Map.of(), "--npm-registry", npm.url());
        Outcome second = kit(integration(dependencies), Map.of(PartnerKit.NPM_REGISTRY_ENV, npm.url()));

        assertThat(second.exitCode()).as(second.summary()).isEqualTo(0);
        assertThat(second.report().path("dependency_bundle").asText())
                .isEqualTo(first.report().path("dependency_bundle").asText());
    }

    @Test
    void aPackageTheRegistryDoesNotHaveStopsTheKit() throws Exception {
        Path directory = integration("""
                [ { "name": "consent-rules", "version": "^1.0.0" }, { "name": "no-such-rules", "version": "^1.0.0" } ]
                """);

        Outcome outcome = kit(directory, Map.of(PartnerKit.NPM_REGISTRY_ENV, npm.url()));

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.report()).isNull(); // no case ran
        assertThat(outcome.summary())
                .contains("cannot resolve the npm dependencies", "dependency_not_found", "'no-such-rules'");
    }

    @Test
    void aVersionNoneSatisfiesStopsTheKit() throws Exception {
        Outcome outcome = kit(
                integration("[ { \"name\": \"consent-rules\", \"version\": \"^3.0.0\" } ]"),
                Map.of(),
                "--npm-registry",
                npm.url());

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.summary())
                .contains("dependency_not_found", "no version of 'consent-rules' satisfies '^3.0.0'");
    }

    @Test
    void aTarballThatDoesNotMatchItsIntegrityIsNotUsed() throws Exception {
        Outcome outcome = kit(
                integration("[ { \"name\": \"tampered-rules\", \"version\": \"1.0.0\" } ]"),
                Map.of(),
                "--npm-registry",
                npm.url());

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.report()).isNull();
        assertThat(outcome.summary())
                .contains(
                        "dependency_integrity_mismatch",
                        "'tampered-rules@1.0.0'",
                        "does not match its published integrity");
    }

    @Test
    void aNativeAddonIsRefused() throws Exception {
        Outcome outcome = kit(
                integration("[ { \"name\": \"native-rules\", \"version\": \"^1.0.0\" } ]"),
                Map.of(),
                "--npm-registry",
                npm.url());

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.summary()).contains("dependency_native_addon", "'native-rules@1.0.0'");
    }

    @Test
    void aRegistryUrlTheOperatorDoesNotAllowIsRefused() throws Exception {
        String dependencies =
                "[ { \"name\": \"ms\", \"version\": \"^2.1.0\", \"registry_url\": \"" + npm.url() + "/mirror\" } ]";

        Outcome outcome = kit(integration(dependencies), Map.of(), "--npm-registry", npm.url());

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.summary()).contains("dependency_invalid", "registry_url of 'ms'");
    }

    @Test
    void malformedOrTooManyDependenciesAreRefusedBeforeResolving() throws Exception {
        int requestsBefore = npm.requests().size();
        Outcome notAList = kit(integration("{ \"ms\": \"^2.1.0\" }"), Map.of(), "--npm-registry", npm.url());
        StringBuilder eleven = new StringBuilder("[");
        for (int i = 0; i < 11; i++) {
            eleven.append(i == 0 ? "" : ",").append("{\"name\": \"p").append(i).append("\", \"version\": \"1.0.0\"}");
        }
        Outcome tooMany = kit(integration(eleven + "]"), Map.of(), "--npm-registry", npm.url());

        assertThat(notAList.exitCode()).isEqualTo(2);
        assertThat(notAList.summary()).contains("dependencies.json: must be an array");
        assertThat(tooMany.exitCode()).isEqualTo(2);
        assertThat(tooMany.summary()).contains("at most 10 dependencies");
        assertThat(npm.requests()).hasSize(requestsBefore);
    }

    @Test
    void aRegistryAddressTheKitCannotUseIsExitCodeTwo() throws Exception {
        Outcome outcome = kit(
                integration("[ { \"name\": \"ms\", \"version\": \"^2.1.0\" } ]"),
                Map.of(),
                "--npm-registry",
                "ftp://127.0.0.1/npm");

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.summary()).contains("cannot resolve the npm dependencies", "invalid_option");
    }

    private static int tarballRequests(String path) {
        return (int) npm.requests().stream().filter(path::equals).count();
    }
}
