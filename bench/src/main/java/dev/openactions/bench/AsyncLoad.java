package dev.openactions.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The asynchronous path end to end: CloudEvents produced to {@code identity.user-registered} the way
 * the auth server publishes them, and "done" observed on {@code actions.executions}, where the
 * executor publishes each flow's record with the event's id. Event→done latency is measured from
 * the event's <em>intended</em> send time (same process, one clock), so a backlog counts.
 */
final class AsyncLoad implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "identity.user-registered";
    private static final String DONE_TOPIC = "actions.executions";

    /** Events/s and latency of one phase; latencies in milliseconds. */
    record Result(
            String mode,
            long sent,
            long done,
            double seconds,
            double perSecond,
            double p50Millis,
            double p99Millis,
            double maxMillis,
            double targetRate) {
        String line() {
            return String.format(
                    Locale.ROOT,
                    "%s: %d events sent, %d done in %.1f s = %.0f events/s; event->done p50 %.1f ms, p99 %.1f ms, max %.1f ms%s",
                    mode,
                    sent,
                    done,
                    seconds,
                    perSecond,
                    p50Millis,
                    p99Millis,
                    maxMillis,
                    targetRate > 0 ? String.format(Locale.ROOT, " (target %.0f/s)", targetRate) : "");
        }
    }

    private final String tenant;
    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> consumer;
    private final Map<String, Long> pending = new ConcurrentHashMap<>();
    private final AtomicLong doneCount = new AtomicLong();
    /** Counted down by the reader for every event of the current phase whose record arrived. */
    private volatile CountDownLatch allDone = new CountDownLatch(0);

    private volatile long lastDoneNanos;
    private final Histogram latencies = new Histogram(Duration.ofMinutes(5).toNanos(), 3);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread reader;
    private long sequence;

    AsyncLoad(String bootstrapServers, String tenant) {
        this.tenant = tenant;
        producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.LINGER_MS_CONFIG, "1"),
                new StringSerializer(),
                new StringSerializer());
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20"),
                new StringDeserializer(),
                new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(DONE_TOPIC, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(DONE_TOPIC, p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve "end" now, before any event is sent
        reader = Thread.ofPlatform().name("executions-reader").daemon().start(this::read);
    }

    private void read() {
        while (running.get()) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                long now = System.nanoTime();
                String eventId = eventId(record.value());
                Long intended = eventId == null ? null : pending.remove(eventId);
                if (intended != null) {
                    synchronized (latencies) {
                        latencies.recordValue(Math.max(0, now - intended));
                    }
                    doneCount.incrementAndGet();
                    lastDoneNanos = now;
                    allDone.countDown();
                }
            }
        }
        consumer.close(Duration.ofSeconds(2));
    }

    private static String eventId(String value) {
        try {
            JsonNode id = JSON.readTree(value).path("event_id");
            return id.isTextual() ? id.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** As fast as the producer goes: the executor's sustained events/s once a backlog exists. */
    Result burst(int events, Duration timeout) throws InterruptedException {
        return burst(tenant, events, timeout);
    }

    /** A burst of another tenant's events (that tenant's own post-user-registration flow runs). */
    Result burst(String eventsTenant, int events, Duration timeout) throws InterruptedException {
        reset(events);
        long start = System.nanoTime();
        for (int i = 0; i < events; i++) {
            send(eventsTenant, System.nanoTime());
        }
        producer.flush();
        awaitDone(timeout);
        long end = doneCount.get() > 0 ? lastDoneNanos : System.nanoTime();
        return result("burst", events, (end - start) / 1e9, 0);
    }

    /** An open-loop schedule at a fixed rate; latency from each event's intended send time. */
    Result fixedRate(double perSecond, Duration duration, Duration drain) throws InterruptedException {
        long period = (long) (1e9 / perSecond);
        int events = (int) (perSecond * duration.toNanos() / 1e9);
        reset(events);
        long start = System.nanoTime() + 10_000_000;
        for (int i = 0; i < events; i++) {
            long intended = start + i * period;
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            send(tenant, intended);
        }
        producer.flush();
        awaitDone(drain);
        return result("fixed-rate", events, (System.nanoTime() - start) / 1e9, perSecond);
    }

    private void send(String eventsTenant, long intendedNanos) {
        long n = sequence++;
        String id = "bench-" + n + "-" + Long.toHexString(intendedNanos);
        String userId = "auth0|bench" + (n % 997);
        String event = """
                {"specversion":"1.0","id":"%s","source":"/bench","type":"identity.user.registered.v1","time":"%s",\
                "datacontenttype":"application/json","data":{"user":{"user_id":"%s","email":"u%d@example.com","created_at":"%s"},\
                "connection":{"id":"con_1","name":"Username-Password-Authentication","strategy":"auth0"}}}""".formatted(id, Instant.now(), userId, n, Instant.now());
        pending.put(id, intendedNanos);
        producer.send(new ProducerRecord<>(TOPIC, eventsTenant + "/" + userId, event));
    }

    private void reset(int events) {
        pending.clear();
        doneCount.set(0);
        allDone = new CountDownLatch(events);
        synchronized (latencies) {
            latencies.reset();
        }
    }

    /** Until every event of the phase is done or the time is up (the result then counts what arrived). */
    private void awaitDone(Duration timeout) throws InterruptedException {
        allDone.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private Result result(String mode, long sent, double seconds, double rate) {
        long done = doneCount.get();
        synchronized (latencies) {
            return new Result(
                    mode,
                    sent,
                    done,
                    seconds,
                    done / seconds,
                    latencies.getValueAtPercentile(50) / 1e6,
                    latencies.getValueAtPercentile(99) / 1e6,
                    latencies.getMaxValue() / 1e6,
                    rate);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        reader.join(5000);
        producer.close(Duration.ofSeconds(5));
    }
}
