package dev.openactions.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.openactions.contracts.Topics;
import dev.openactions.localstack.HttpSink;
import dev.openactions.localstack.KafkaBroker;
import dev.openactions.testsupport.HttpSinkResource;
import dev.openactions.testsupport.RestartableKafkaResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Delivery guarantees of identity events against a real broker: 10,000 events of 200 users, with
 * the broker stopped and restarted in the middle of the stream. Every event's action calls an HTTP
 * sink with the event id; the sink must end with each event exactly once, in order per user, and
 * events sent again afterwards (a replay of the topic) must not run again.
 */
@QuarkusTest
@WithTestResource(RestartableKafkaResource.class)
@WithTestResource(
        value = HttpSinkResource.class,
        initArgs = @ResourceArg(name = "property", value = "quarkus.rest-client.secrets-service.url"))
class IdentityEventsDeliveryTest extends FlowTestBase {
    private static final int USERS = 200;
    private static final int EVENTS_PER_USER = 50;

    @RestartableKafkaResource.InjectKafkaBroker
    KafkaBroker broker;

    @Inject
    MeterRegistry metrics;

    @Override
    String secretValuesJson() {
        return "{}";
    }

    @Test
    void tenThousandEventsRunExactlyOnceInOrderPerUserThroughABrokerRestart() throws Exception {
        HttpSink sink = HttpSink.start();
        try {
            deploy(
                    "post-user-registration",
                    FlowFixtures.action("count-registrations", """
                    exports.onExecutePostUserRegistration = async (event, api) => {
                      await fetch('%s/registered', { method: 'POST', headers: {
                        'x-event-id': event.transaction.id, 'x-user': event.user.user_id,
                        'x-seq': String(event.user.app_metadata.seq) } });
                    };""".formatted(sink.url()), List.of()));

            String run = UUID.randomUUID().toString().substring(0, 8);
            List<String> ids = produce(run);

            int total = USERS * EVENTS_PER_USER;
            await().atMost(Duration.ofMinutes(3)).until(() -> sink.received().size() >= total / 3);
            broker.stop();
            // the executor keeps running what it already fetched; commits and records fail meanwhile
            Thread.sleep(4000);
            broker.restart();

            await().atMost(Duration.ofMinutes(5))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(sink.received().size()).isGreaterThanOrEqualTo(total));

            List<HttpSink.Received> received = sink.received();
            Map<String, Integer> perEvent = new HashMap<>();
            Map<String, List<Integer>> perUser = new HashMap<>();
            for (HttpSink.Received r : received) {
                perEvent.merge(r.header("x-event-id"), 1, Integer::sum);
                perUser.computeIfAbsent(r.header("x-user"), u -> new ArrayList<>())
                        .add(Integer.parseInt(r.header("x-seq")));
            }
            assertThat(perEvent.keySet()).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(perEvent.entrySet())
                    .as("events run more than once")
                    .filteredOn(e -> e.getValue() != 1)
                    .isEmpty();
            List<Integer> inOrder = IntStream.range(0, EVENTS_PER_USER).boxed().toList();
            assertThat(perUser)
                    .hasSize(USERS)
                    .allSatisfy((user, seqs) -> assertThat(seqs).as(user).isEqualTo(inOrder));
            double skippedBefore = skipped();
            System.out.printf(
                    "Broker restart: %d events once each; %.0f records read again and skipped by the processed-events store%n",
                    total, skippedBefore);

            // a producer replaying part of the topic (same event ids) changes nothing
            produce(run, 2);
            await().atMost(Duration.ofMinutes(2)).until(() -> skipped() >= skippedBefore + 2 * USERS);
            assertThat(sink.received()).hasSize(total);
        } finally {
            sink.close();
        }
    }

    private double skipped() {
        var counter = metrics.find("executor.events.processed")
                .tags("outcome", "duplicate_skipped")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private List<String> produce(String run) throws Exception {
        return produce(run, EVENTS_PER_USER);
    }

    /** Round-robin over users so each partition carries many interleaved keys; the first {@code perUser} events of each. */
    private List<String> produce(String run, int perUser) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        List<String> ids = new ArrayList<>();
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (int seq = 0; seq < perUser; seq++) {
                for (int user = 0; user < USERS; user++) {
                    String userId = "auth0|" + run + "-" + user;
                    String id = "evt-" + run + "-" + user + "-" + seq;
                    ids.add(id);
                    producer.send(new ProducerRecord<>(
                            Topics.IDENTITY_USER_REGISTERED, Topics.key(TENANT, userId), """
                            {"specversion":"1.0","id":"%s","source":"/test","type":"identity.user.registered.v1",
                             "data":{"user":{"user_id":"%s","email":"u%d@example.com","app_metadata":{"seq":%d}}}}""".formatted(
                                            id, userId, user, seq)));
                }
            }
            producer.flush();
        }
        return ids;
    }
}
