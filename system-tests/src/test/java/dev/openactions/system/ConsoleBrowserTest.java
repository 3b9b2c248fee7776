package dev.openactions.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openactions.localstack.KafkaBroker;
import dev.openactions.localstack.PlatformClient;
import dev.openactions.localstack.PlatformServices;
import dev.openactions.localstack.PostgresServer;
import dev.openactions.localstack.ProjectLayout;
import dev.openactions.localstack.TokenMint;
import dev.openactions.testsupport.NpmRegistryServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web console in a real browser against the real services: the three packaged services as
 * processes (the registry with the local stack's demo sign-in), PostgreSQL and Kafka, and headless
 * Debian Chromium driven by playwright-core (the journeys are in {@code e2e/console.test.mjs}; their
 * screenshots go to {@code target/console-screenshots}).
 */
class ConsoleBrowserTest {
    private static final Path E2E = Path.of("e2e").toAbsolutePath();
    private static final Path SHOTS = Path.of("target/console-screenshots").toAbsolutePath();

    private static PostgresServer postgres;
    private static KafkaBroker kafka;
    private static PlatformServices services;
    private static NpmRegistryServer npm;
    private static Path chromium;

    @BeforeAll
    static void startPlatform() throws Exception {
        chromium = Chromium.ensureInstalled();
        ProjectLayout layout = ProjectLayout.locate();
        Path work = Files.createTempDirectory("openactions-console-");
        postgres = PostgresServer.start(0, null);
        kafka = KafkaBroker.start(layout, 0, work.resolve("kafka"), work.resolve("logs/kafka.log"))
                .createPlatformTopics();
        // the journey adds a real dependency (ms): the registry resolves it against an npm registry on 127.0.0.1
        npm = NpmRegistryServer.start();
        npm.publishRealPackages();
        services = PlatformServices.start(
                layout,
                postgres,
                kafka,
                PlatformServices.Ports.random(),
                work,
                Map.of("registry.npm.url", npm.url()),
                Map.of());
    }

    @AfterAll
    static void stopPlatform() {
        if (services != null) {
            services.close();
        }
        if (npm != null) {
            npm.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void theConsoleJourneysPassInHeadlessChromium() throws Exception {
        Files.createDirectories(SHOTS);
        Path log = Path.of("target/console-e2e.log").toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder(
                        "node", "--test", "--test-concurrency=1", "--test-reporter=spec", "console.test.mjs")
                .directory(E2E.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("REGISTRY_URL", services.registry().baseUrl());
        env.put("EXECUTOR_URL", services.executor().baseUrl());
        env.put(
                "FLOWS_TOKEN",
                services.tokens().mint("auth-server", "default", PlatformClient.FLOW_SCOPES, Duration.ofHours(1)));
        env.put(
                "OTHER_TOKEN",
                services.tokens()
                        .mint("someone", "other-tenant", PlatformClient.MANAGEMENT_SCOPES, Duration.ofHours(1)));
        env.put("PARTNER_TOKEN", partnerToken("e2e-vendor"));
        env.put(
                "REVIEWER_TOKEN",
                services.tokens().mint("reviewer-e2e", null, List.of("review:integrations"), Duration.ofHours(1)));
        env.put("SHOTS_DIR", SHOTS.toString());
        env.put("CHROMIUM", chromium.toString());
        Process node = builder.start();
        boolean finished = node.waitFor(10, TimeUnit.MINUTES);
        if (!finished) {
            node.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(output);
        assertThat(finished).as("the browser journeys finished in time").isTrue();
        assertThat(node.exitValue()).as("browser journeys:\n" + output).isZero();
        assertThat(output).containsPattern("(?m)^. fail 0$").doesNotContain("✖");
        for (String view : List.of(
                "editor", "test", "flows", "executions", "versions", "secrets", "dependencies", "marketplace")) {
            assertThat(SHOTS.resolve(view + ".png")).as("screenshot of " + view).isNotEmptyFile();
        }
    }

    /** A marketplace partner's token: the partner claim instead of a tenant, as the authorization server issues it. */
    private static String partnerToken(String partner) {
        long now = Instant.now().getEpochSecond();
        ObjectNode claims = new ObjectMapper()
                .createObjectNode()
                .put("iss", TokenMint.LOCAL_ISSUER)
                .put("sub", "partner-" + partner + "@clients")
                .put("aud", TokenMint.AUDIENCE)
                .put("iat", now)
                .put("exp", now + 3600)
                .put("jti", UUID.randomUUID().toString())
                .put("scope", "create:integrations submit:integrations")
                .put("https://openactions.dev/partner", partner);
        return services.tokens().sign(claims);
    }
}
