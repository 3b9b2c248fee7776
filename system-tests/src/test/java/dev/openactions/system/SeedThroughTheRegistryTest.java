package dev.openactions.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openactions.localstack.KafkaBroker;
import dev.openactions.localstack.PlatformClient;
import dev.openactions.localstack.PlatformServices;
import dev.openactions.localstack.PostgresServer;
import dev.openactions.localstack.ProjectLayout;
import dev.openactions.testsupport.NpmRegistryServer;
import dev.openactions.testsupport.SesEndpoint;
import dev.openactions.testsupport.SigV4;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * npm dependencies end to end across the packaged services (ADRs 12 and 13 in docs/adr/): the
 * first seed's node-ses action,
 * unchanged, created and deployed through the registry's management API with its dependency
 * {@code node-ses@3.0.3} (resolved from an npm registry this test serves on 127.0.0.1 with the real
 * published tarballs) and its secrets, bound to post-user-registration and run by a registration
 * event from Kafka. SES is a local HTTPS endpoint reached only through the executor's
 * {@code executor.fetch.connect-to} and extra trust store.
 */
class SeedThroughTheRegistryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TENANT = "default";
    private static final String TRIGGER = "post-user-registration";
    private static final String SEED_CODE = """
            exports.onExecutePostUserRegistration = async (event) => {
              const ses = require('node-ses');
              const client = ses.createClient({key: event.secrets.AWS_SES_KEY, secret: event.secrets.AWS_SES_SECRET});
              client.sendEmail({
                to:   'tolga@example.com',
                from: 'info@example.com',
                subject: 'New user has registered in your app',
                message: `Hi, ${event.user.username} (${event.user.email}) registered your app.`,
                altText: 'plain text'
              });
            };
            """;
    private static final String KEY = "AKIDSYSTEMTEST0001";
    private static final String SECRET = "system-test-secret-key/xyz";

    private static PostgresServer postgres;
    private static KafkaBroker kafka;
    private static NpmRegistryServer npm;
    private static SesEndpoint ses;
    private static PlatformServices services;
    private static PlatformClient platform;

    @BeforeAll
    static void startPlatform() throws Exception {
        ProjectLayout layout = ProjectLayout.locate();
        Path work = Files.createTempDirectory("openactions-seed-");
        postgres = PostgresServer.start(0, null);
        kafka = KafkaBroker.start(layout, 0, work.resolve("kafka"), work.resolve("logs/kafka.log"))
                .createPlatformTopics();
        npm = NpmRegistryServer.start();
        npm.publishRealPackages();
        ses = SesEndpoint.start();
        Map<String, String> executor = new HashMap<>(ses.executorConfig());
        // connect-to may only target an internal address the operator allow-listed
        executor.put("executor.fetch.allowed-private-hosts", "127.0.0.1");
        // the first run loads node-ses's whole tree (~100 packages) into a cold engine on a busy 2-core machine
        executor.put("executor.limits.action-timeout", "30s");
        executor.put("executor.limits.flow-timeout", "40s");
        services = PlatformServices.start(
                layout,
                postgres,
                kafka,
                PlatformServices.Ports.random(),
                work,
                Map.of("registry.npm.url", npm.url()),
                executor);
        platform = services.client(TENANT, kafka.bootstrapServers());
    }

    @AfterAll
    static void stopPlatform() {
        for (AutoCloseable closeable : new AutoCloseable[] {platform, services, ses, npm, kafka, postgres}) {
            if (closeable != null) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // keep closing the rest
                }
            }
        }
    }

    @Test
    void theSeedActionDeployedThroughTheRegistrySendsOneSignedEmailAndRecordsTheLateError() throws Exception {
        ObjectNode action = PlatformClient.actionJson(
                "notify-ses-" + UUID.randomUUID(),
                TRIGGER,
                SEED_CODE,
                List.<String[]>of(new String[] {"AWS_SES_KEY", KEY}, new String[] {"AWS_SES_SECRET", SECRET}));
        action.putArray("dependencies").addObject().put("name", "node-ses").put("version", "3.0.3");
        String id = platform.createAction(action).expect(201).body().path("id").asText();
        JsonNode version = platform.deployAndAwaitBuilt(id, Duration.ofMinutes(2));
        assertThat(version.path("dependencies").toString())
                .contains("\"node-ses\"")
                .contains("\"3.0.3\"");
        assertThat(npm.requests())
                .as("the registry resolved against the test's npm registry")
                .anyMatch(r -> r.contains("node-ses"));
        platform.bind(TRIGGER, List.of(id)).expect(200);

        ObjectNode data = JSON.createObjectNode();
        data.putObject("user")
                .put("user_id", "auth0|ada")
                .put("username", "ada")
                .put("email", "ada@example.com");
        JsonNode record = registrationThatRanTheAction(data);
        assertThat(record.path("status").asText()).as(record.toString()).isEqualTo("completed");
        JsonNode run = record.path("results").get(0);
        assertThat(run.path("error").isNull() || run.path("error").isMissingNode())
                .as(run.toString())
                .isTrue();
        assertThat(run.path("logs").toString()).contains("callback is not a function");
        assertThat(record.toString()).doesNotContain(SECRET);

        // the registry's executions API has the same record (Auth0's shape: status "final", no logs)
        String executionId = record.path("id").asText();
        JsonNode stored = await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> platform.send(
                                "GET",
                                services.registry().baseUrl() + "/api/v2/actions/executions/" + executionId,
                                null),
                        reply -> reply.status() == 200)
                .body();
        assertThat(stored.path("status").asText()).as(stored.toString()).isEqualTo("final");
        assertThat(stored.path("results").get(0).path("error").isNull()
                        || stored.path("results").get(0).path("error").isMissingNode())
                .as(stored.toString())
                .isTrue();

        // exactly one SendEmail, and still one a second later (no second delivery of the event)
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(5))
                .until(() -> ses.received().size() == 1);
        assertThat(ses.received()).as("exactly one SendEmail").hasSize(1);
        SesEndpoint.Received email = ses.received().get(0);
        assertThat(email.method()).isEqualTo("POST");
        assertThat(email.headers().get("host")).isEqualTo(SesEndpoint.HOST);
        Map<String, String> form = form(email.body());
        assertThat(form)
                .containsEntry("Action", "SendEmail")
                .containsEntry("Destination.ToAddresses.member.1", "tolga@example.com")
                .containsEntry("Source", "info@example.com")
                .containsEntry("Message.Subject.Data", "New user has registered in your app")
                .containsEntry("Message.Body.Html.Data", "Hi, ada (ada@example.com) registered your app.")
                .containsEntry("Message.Body.Text.Data", "plain text");
        assertThat(SigV4.valid(email, KEY, SECRET))
                .as("SigV4 signature of %s", email.headers())
                .isTrue();
        assertThat(SigV4.valid(email, KEY, "another-secret")).isFalse();
    }

    /**
     * The binding reaches the executor as a flow snapshot on Kafka, so a registration may arrive before
     * it and run an empty flow (its execution record has no results). One registration at a time is
     * published, each awaited to its record, until one ran the action: no two can send an email.
     */
    private static JsonNode registrationThatRanTheAction(ObjectNode data) {
        return await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> {
                            String eventId = "evt-seed-" + UUID.randomUUID();
                            platform.publishIdentityEvent(
                                    "identity.user-registered", "identity.user.registered.v1", eventId, TENANT, data);
                            JsonNode record = await().atMost(Duration.ofMinutes(2))
                                    .pollInterval(Duration.ofMillis(500))
                                    .until(() -> executionOf(eventId), Optional::isPresent)
                                    .get();
                            return record.path("results").isEmpty() ? null : record;
                        },
                        r -> r != null);
    }

    private static Optional<JsonNode> executionOf(String eventId) throws Exception {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("actions.executions").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode record = JSON.readTree(r.value());
                    if (eventId.equals(record.path("event_id").asText())) {
                        return Optional.of(record);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(
                    URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return form;
    }
}
