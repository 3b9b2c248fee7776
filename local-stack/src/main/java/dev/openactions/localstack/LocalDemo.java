package dev.openactions.localstack;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * {@code deploy/local/run.sh}: starts PostgreSQL, Kafka and the three services on this machine,
 * seeds the demo tenant, runs one registration and one login, prints what happened, and keeps
 * everything running until Ctrl-C. Each run starts from empty state under {@code .local/}.
 */
public final class LocalDemo {
    private static final String TENANT = "default";

    private LocalDemo() {}

    public static void main(String[] args) throws Exception {
        ProjectLayout layout = ProjectLayout.locate();
        Path work = layout.root().resolve(".local");
        deleteRecursively(work.resolve("state"));
        Path state = Files.createDirectories(work.resolve("state"));
        Path logs = Files.createDirectories(work.resolve("logs"));
        CountDownLatch stopped = new CountDownLatch(1);

        say("Starting PostgreSQL (embedded) ...");
        PostgresServer postgres = PostgresServer.start(intProperty("openactions.postgres.port", 15432), null);
        say("Starting Kafka (KRaft) ...");
        KafkaBroker kafka = KafkaBroker.start(
                        layout,
                        intProperty("openactions.kafka.port", 19092),
                        state.resolve("kafka"),
                        logs.resolve("kafka.log"))
                .createPlatformTopics();
        HttpSink mailSink = HttpSink.start(intProperty("openactions.mail-sink.port", 8025));
        mailSink.respondWith(202, "{\"id\":\"msg_demo\",\"status\":\"queued\"}");
        say("Starting the services (logs in " + logs + ") ...");
        PlatformServices services = PlatformServices.start(
                layout,
                postgres,
                kafka,
                PlatformServices.Ports.fixed(),
                work,
                // the demo's mail provider listens on loopback, which actions may not call by default: allow its port
                // only, not every service on this machine (docs/security.md, "What the host enforces on actions")
                Map.of(
                        "executor.fetch.allowed-private-hosts",
                        "127.0.0.1:" + URI.create(mailSink.url()).getPort()));
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            say("Stopping ...");
                            services.close();
                            mailSink.close();
                            kafka.close();
                            postgres.close();
                            stopped.countDown();
                        },
                        "local-demo-stop"));

        try (PlatformClient platform = services.client(TENANT, kafka.bootstrapServers())) {
            say(
                    "Seeding the demo tenant: a welcome-email action (post-user-registration) and a plan-claim action (post-login) ...");
            DemoScenario.seed(platform, mailSink.url(), "demo-key-" + UUID.randomUUID());
            DemoScenario.Outcome outcome = DemoScenario.run(platform, mailSink, TENANT, Duration.ofSeconds(60));

            say("");
            say("== A user registered: the mail API received ==");
            say("POST " + outcome.email().path());
            say(outcome.email().body());
            say("");
            say("== A user logged in: the executor answered ==");
            say(outcome.loginResponse().toPrettyString());
        }
        say("");
        say("OpenActions is running:");
        say("  registry  " + services.registry().baseUrl() + "/api/v2/actions/actions   (OpenAPI: /q/openapi)");
        say("  console   " + services.registry().baseUrl() + "/console/   (sign in to the demo tenant)");
        say("  executor  " + services.executor().baseUrl() + "/api/v1/flows/post-login");
        say("  secrets   " + services.secrets().baseUrl() + "/q/health/ready");
        say("  kafka     " + kafka.bootstrapServers() + "   postgres 127.0.0.1:" + postgres.port() + "   mail sink "
                + mailSink.url());
        say("Every API call needs a bearer token; mint one for the demo tenant with, e.g.:");
        say("  TOKEN=$(deploy/local/token.sh --tenant " + TENANT
                + " --scopes \"read:actions create:actions update:actions delete:actions\")");
        say("  curl -H \"Authorization: Bearer $TOKEN\" " + services.registry().baseUrl() + "/api/v2/actions/actions");
        say("Press Ctrl-C to stop.");
        stopped.await();
    }

    private static int intProperty(String name, int fallback) {
        return Integer.parseInt(System.getProperty(name, Integer.toString(fallback)));
    }

    private static void say(String line) {
        System.out.println(line);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
