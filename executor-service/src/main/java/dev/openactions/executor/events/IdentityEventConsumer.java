package dev.openactions.executor.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openactions.executor.config.EventsConfig;
import dev.openactions.executor.config.ExecutorConfig;
import dev.openactions.executor.deadletters.DeadLetterHeaders;
import dev.openactions.executor.flow.FlowResult;
import dev.openactions.executor.flow.FlowRunner;
import dev.openactions.executor.flow.FlowView;
import dev.openactions.executor.repository.ProcessedEvents;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * Runs the asynchronous triggers from identity events, effectively once (ADR 0007):
 * <ul>
 * <li>records arrive in polled batches (up to {@code max.poll.records}); each user's events run in
 * order, different users' concurrently, and up to {@code executor.events.batches-in-flight} batches
 * overlap; a batch is acknowledged once all of it is settled, so the events in flight at a crash are
 * at most that many batches per channel copy;</li>
 * <li>an event id already in {@link ProcessedEvents} is acknowledged without running (one lookup
 * per batch; completed ids are written in one statement per batch);</li>
 * <li>a malformed event (not a CloudEvent, wrong type, schema violation, unknown tenant) goes
 * straight to {@code <topic>.dlq};</li>
 * <li>a failed flow goes to {@code <topic>.retry} with the time of its next attempt (exponential
 * backoff; other keys keep flowing meanwhile), then to {@code <topic>.dlq} after the last attempt;</li>
 * <li>a completed, denied or no-op event is recorded as processed, then acknowledged.</li>
 * </ul>
 */
@ApplicationScoped
public class IdentityEventConsumer {
    private static final Logger LOG = Logger.getLogger(IdentityEventConsumer.class);

    private final FlowRunner runner;
    private final FlowView flows;
    private final ObjectMapper json;
    private final ProcessedEvents processed;
    private final EventSchemas schemas;
    private final EventChannels channels;
    private final MeterRegistry metrics;
    private final Set<String> configuredTenants;
    private final RetryPublisher retries;
    private final ExecutorService batchPool;
    private final UserOrderedExecutor byUser;
    private final EventsInFlight inFlight = new EventsInFlight();
    private final Semaphore batchSlots;
    private final int batchesInFlight;

    IdentityEventConsumer(
            FlowRunner runner,
            FlowView flows,
            ObjectMapper json,
            ProcessedEvents processed,
            EventSchemas schemas,
            EventChannels channels,
            MeterRegistry metrics,
            EventsConfig events,
            ExecutorConfig config,
            RetryPublisher retries) {
        this.retries = retries;
        this.runner = runner;
        this.flows = flows;
        this.json = json;
        this.processed = processed;
        this.schemas = schemas;
        this.channels = channels;
        this.metrics = metrics;
        HashSet<String> tenants = new HashSet<>(events.knownTenants().orElse(List.of()));
        tenants.add(config.defaultTenant());
        this.configuredTenants = Set.copyOf(tenants);
        AtomicInteger threads = new AtomicInteger();
        this.batchPool = Executors.newFixedThreadPool(Math.max(1, events.batchParallelism()), r -> {
            Thread thread = new Thread(r, "identity-events-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.byUser = new UserOrderedExecutor(batchPool);
        this.batchesInFlight = Math.max(1, events.batchesInFlight());
        this.batchSlots = new Semaphore(batchesInFlight);
    }

    @Incoming(IdentityChannels.USER_REGISTERED)
    @Blocking(ordered = true)
    public CompletionStage<Void> userRegistered(Message<List<String>> batch) {
        return handleBatch(channels.byName(IdentityChannels.USER_REGISTERED), batch);
    }

    @Incoming(IdentityChannels.PASSWORD_CHANGED)
    @Blocking(ordered = true)
    public CompletionStage<Void> passwordChanged(Message<List<String>> batch) {
        return handleBatch(channels.byName(IdentityChannels.PASSWORD_CHANGED), batch);
    }

    /**
     * Retries wait for their due time on a timer, not in a sleeping worker thread (workers also run
     * the identity channels, which must never wait for a retry), then run on a worker. One retry
     * record at a time per channel; records of a retry topic are due roughly in the order they were
     * written, so waiting for the head is waiting in turn (ADR 7).
     */
    @Incoming(IdentityChannels.USER_REGISTERED_RETRY)
    public CompletionStage<Void> userRegisteredRetry(Message<String> message) {
        return retry(channels.byName(IdentityChannels.USER_REGISTERED), message);
    }

    @Incoming(IdentityChannels.PASSWORD_CHANGED_RETRY)
    public CompletionStage<Void> passwordChangedRetry(Message<String> message) {
        return retry(channels.byName(IdentityChannels.PASSWORD_CHANGED), message);
    }

    @SuppressWarnings("unchecked")
    private CompletionStage<Void> retry(EventChannels.Channel channel, Message<String> message) {
        IncomingKafkaRecordMetadata<String, String> record = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("not a Kafka record"));
        String due = DeadLetterHeaders.last(record.getHeaders(), DeadLetterHeaders.RETRY_NOT_BEFORE);
        long wait = 1;
        try {
            wait = due == null ? 1 : Math.max(1, Long.parseLong(due) - System.currentTimeMillis());
        } catch (NumberFormatException e) {
            // a hand-made record: try it now
        }
        return Uni.createFrom()
                .voidItem()
                .onItem()
                .delayIt()
                .by(Duration.ofMillis(wait))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .chain(() -> Uni.createFrom().completionStage(handle(channel, message)))
                .subscribeAsCompletionStage();
    }

    /**
     * A polled batch (ADR 0007, batches): malformed records to the dead-letter topic; one lookup of
     * the processed ids of the whole batch; each event taken on as in flight (a duplicate of an event
     * still running here is skipped); different users' events run concurrently on at most
     * {@code executor.events.batch-parallelism} threads, each user's after that user's earlier events,
     * also those of earlier batches still running. This method returns once the batch is dispatched,
     * so the next poll is parsed and started while this one runs; at most
     * {@code executor.events.batches-in-flight} batches per channel copy run at a time. When all of a
     * batch has run it is settled: completed ids recorded in one statement, failures to the retry
     * path, and only then acknowledged. A crash reruns at most the batches in flight.
     */
    @SuppressWarnings("unchecked")
    private CompletionStage<Void> handleBatch(EventChannels.Channel channel, Message<List<String>> message) {
        IncomingKafkaRecordBatchMetadata<String, String> metadata = message.getMetadata(
                        IncomingKafkaRecordBatchMetadata.class)
                .orElseThrow(() -> new IllegalStateException("not a Kafka record batch"));
        IdentityEventBatch batch = IdentityEventBatch.parse(
                json, channel, metadata.getRecords(), event -> refuseIfMalformed(channel, event));
        List<IdentityEventBatch.Item> runnable = new ArrayList<>();
        for (IdentityEventBatch.Item item : batch.items()) {
            if (item.runnable()) {
                runnable.add(item);
            } else {
                IdentityEvent event = item.event();
                publishDeadLetter(
                        item,
                        event == null ? null : event.id(),
                        event == null ? null : event.tenantId(),
                        "malformed",
                        item.malformed(),
                        null);
            }
        }
        Set<ProcessedEvents.EventKey> done;
        try {
            done = processed.completedAmong(
                    runnable.stream().map(IdentityEventConsumer::key).toList());
        } catch (ProcessedEvents.StoreUnavailable e) {
            LOG.warnf(
                    "%s: %d event(s) could not be checked against the processed ids: %s",
                    channel.topic(), runnable.size(), e.getMessage());
            runnable.forEach(item -> publishFailure(item, e.getMessage()));
            return message.ack();
        }
        Set<ProcessedEvents.EventKey> taken = new HashSet<>();
        for (IdentityEventBatch.Item item : runnable) {
            ProcessedEvents.EventKey key = key(item);
            if (done.contains(key) || !inFlight.take(key)) {
                count(channel, "duplicate_skipped");
                LOG.debugf(
                        "%s event %s of tenant %s already processed or in flight: skipped",
                        channel.trigger().id(), item.event().id(), item.event().tenantId());
            } else {
                taken.add(key);
            }
        }
        awaitBatchSlot(channel);
        List<CompletableFuture<List<Ran>>> groups = new ArrayList<>();
        for (Map.Entry<String, List<IdentityEventBatch.Item>> user :
                batch.byUser(item -> taken.contains(key(item))).entrySet()) {
            List<IdentityEventBatch.Item> userEvents = user.getValue();
            groups.add(byUser.submit(
                    user.getKey(),
                    () -> userEvents.stream().map(item -> run(channel, item)).toList()));
        }
        CompletableFuture.allOf(groups.toArray(CompletableFuture[]::new)).whenComplete((ignored, failure) -> {
            try {
                settle(channel, batch.items().size(), groups, done.size());
            } finally {
                inFlight.settled(taken);
                batchSlots.release();
            }
            message.ack().whenComplete((ok, ackFailure) -> {
                if (ackFailure != null) {
                    LOG.warnf("%s: a batch could not be acknowledged: %s", channel.topic(), ackFailure);
                }
            });
        });
        return CompletableFuture.completedFuture(null);
    }

    /** Blocks the channel's (ordered) worker while the most batches allowed are in flight: back-pressure on the poll. */
    private void awaitBatchSlot(EventChannels.Channel channel) {
        try {
            batchSlots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a batch of " + channel.topic(), e);
        }
    }

    /**
     * A batch whose events have all run: completed ids recorded in one statement (a store failure sends
     * them to the retry path, where they may run once more), failures to the retry or dead-letter topic.
     */
    private void settle(
            EventChannels.Channel channel, int records, List<CompletableFuture<List<Ran>>> groups, int skipped) {
        List<Ran> ran = new ArrayList<>();
        for (CompletableFuture<List<Ran>> group : groups) {
            ran.addAll(group.join()); // run(...) catches what a flow throws, so every group has a result
        }
        List<Ran> completed = ran.stream().filter(r -> r.failure() == null).toList();
        try {
            processed.recordAll(completed.stream()
                    .map(r -> new ProcessedEvents.Completed(
                            r.item().event().tenantId(),
                            r.item().event().id(),
                            channel.trigger().id(),
                            r.outcome(),
                            r.executionId()))
                    .toList());
            completed.forEach(r -> count(channel, r.outcome()));
        } catch (RuntimeException e) {
            // the same path as when a single event's record fails: retried, so it may run once more
            LOG.warnf(
                    "%s: %d completed event(s) could not be recorded: %s",
                    channel.topic(), completed.size(), e.getMessage());
            completed.forEach(r -> publishFailure(r.item(), e.getMessage()));
        }
        ran.stream().filter(r -> r.failure() != null).forEach(r -> publishFailure(r.item(), r.failure(), r.action()));
        LOG.debugf(
                "%s: batch of %d record(s): %d ran, %d already processed",
                channel.topic(), records, ran.size(), skipped);
    }

    /** What running one event of a batch came to: an outcome to record, or a failure for the retry path. */
    private record Ran(
            IdentityEventBatch.Item item, String outcome, String executionId, String failure, String action) {}

    private Ran run(EventChannels.Channel channel, IdentityEventBatch.Item item) {
        IdentityEvent event = item.event();
        try {
            boolean bound = flows.find(event.tenantId(), channel.trigger().id())
                    .map(f -> !f.actions().isEmpty())
                    .orElse(false);
            FlowResult result = runner.run(event.tenantId(), channel.trigger(), flowEvent(event), event.id());
            if (result.status() == FlowResult.Status.FAILED) {
                return new Ran(item, null, result.executionId(), failureReason(result), failingAction(result));
            }
            String outcome = bound ? result.status().name().toLowerCase(Locale.ROOT) : "no_op";
            LOG.debugf(
                    "%s event %s of tenant %s: %s (attempt %d)",
                    channel.trigger().id(),
                    event.id(),
                    event.tenantId(),
                    outcome,
                    item.delivery().attempt());
            return new Ran(item, outcome, result.executionId(), null, null);
        } catch (RuntimeException e) {
            LOG.warnf(
                    "%s event %s of tenant %s could not be processed: %s",
                    channel.trigger().id(), event.id(), event.tenantId(), e.toString());
            return new Ran(
                    item, null, null, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), null);
        }
    }

    private static ProcessedEvents.EventKey key(IdentityEventBatch.Item item) {
        return new ProcessedEvents.EventKey(
                item.event().tenantId(), item.event().id());
    }

    private void publishFailure(IdentityEventBatch.Item item, String reason) {
        publishFailure(item, reason, null);
    }

    /** A failed attempt of a batch's event: to the retry topic with its due time, or to the dead-letter topic after the last attempt. */
    private void publishFailure(IdentityEventBatch.Item item, String reason, String action) {
        Delivery delivery = item.delivery();
        IdentityEvent event = item.event();
        if (delivery.attempt() >= channels.maxAttempts()) {
            publishDeadLetter(item, event.id(), event.tenantId(), "failed", reason, action);
            return;
        }
        RecordHeaders headers = retryHeaders(item.record().headers(), delivery, event, reason, action);
        publishUntilAcknowledged(delivery.channel().retryTopic(), item, headers);
        metrics.counter("executor.events.retried", "topic", delivery.channel().topic())
                .increment();
    }

    /** The same metric and log line for a dead letter on the single-record and the batch path. */
    private void countAndLogDeadLetter(Delivery delivery, String eventId, String kind, String reason) {
        metrics.counter(
                        "executor.events.dead_lettered",
                        "topic",
                        delivery.channel().topic(),
                        "kind",
                        kind)
                .increment();
        LOG.errorf(
                "Dead-lettering %s record %s-%d@%d (event %s) after %d attempt(s): %s",
                kind,
                delivery.originalTopic(),
                delivery.originalPartition(),
                delivery.originalOffset(),
                eventId,
                delivery.attempt(),
                reason);
    }

    private void publishDeadLetter(
            IdentityEventBatch.Item item, String eventId, String tenantId, String kind, String reason, String action) {
        Delivery delivery = item.delivery();
        countAndLogDeadLetter(delivery, eventId, kind, reason);
        RecordHeaders headers = forwardedHeaders(item.record().headers());
        delivery.headers(eventId, tenantId, kind, reason, action).forEach(headers::add);
        publishUntilAcknowledged(delivery.channel().deadLetterTopic(), item, headers);
    }

    /**
     * The batch is acknowledged only after its retries and dead letters are on the broker: while the
     * broker refuses them nothing else of this channel could be committed either, so wait for it.
     */
    private void publishUntilAcknowledged(String topic, IdentityEventBatch.Item item, RecordHeaders headers) {
        while (!retries.publish(topic, item.record().key(), item.record().value(), headers)) {
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("interrupted while publishing to " + topic);
            }
        }
    }

    /**
     * The headers of a failed attempt's record on the retry topic: the original's own headers, where it
     * came from and why it failed, and when the next attempt is due (exponential backoff).
     */
    private RecordHeaders retryHeaders(
            Headers original, Delivery delivery, IdentityEvent event, String reason, String action) {
        Duration delay = channels.delayBefore(delivery.attempt() + 1);
        LOG.warnf(
                "%s event %s of tenant %s failed on attempt %d of %d, retrying in %d ms: %s",
                delivery.channel().trigger().id(),
                event.id(),
                event.tenantId(),
                delivery.attempt(),
                channels.maxAttempts(),
                delay.toMillis(),
                reason);
        RecordHeaders headers = forwardedHeaders(original);
        delivery.headers(event.id(), event.tenantId(), "failed", reason, action).forEach(headers::add);
        DeadLetterHeaders.put(
                headers,
                DeadLetterHeaders.RETRY_NOT_BEFORE,
                Long.toString(System.currentTimeMillis() + delay.toMillis()));
        return headers;
    }

    private static RecordHeaders forwardedHeaders(Headers original) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : original) {
            if (!DeadLetterHeaders.isBookkeeping(header.key())) {
                headers.add(header);
            }
        }
        return headers;
    }

    /** Lets the batches in flight settle (bounded) so that a clean shutdown reruns nothing, then stops the pool. */
    @PreDestroy
    void stopBatchPool() {
        try {
            if (!batchSlots.tryAcquire(batchesInFlight, 10, TimeUnit.SECONDS)) {
                LOG.warnf("%d event(s) still in flight at shutdown: they run again after restart", inFlight.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        batchPool.shutdownNow();
    }

    @SuppressWarnings("unchecked")
    private CompletionStage<Void> handle(EventChannels.Channel channel, Message<String> message) {
        IncomingKafkaRecordMetadata<String, String> record = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("not a Kafka record"));
        Delivery delivery = Delivery.of(channel, record);
        IdentityEvent event;
        try {
            event = IdentityEvent.parse(json, record.getKey(), message.getPayload(), record.getHeaders());
        } catch (IdentityEvent.Malformed e) {
            return deadLetter(message, delivery, null, null, "malformed", e.getMessage(), null);
        }
        try {
            refuseIfMalformed(channel, event);
        } catch (IdentityEvent.Malformed e) {
            return deadLetter(message, delivery, event.id(), event.tenantId(), "malformed", e.getMessage(), null);
        }
        try {
            if (processed.contains(event.tenantId(), event.id())) {
                count(channel, "duplicate_skipped");
                LOG.debugf(
                        "%s event %s of tenant %s already processed: skipped",
                        channel.trigger().id(), event.id(), event.tenantId());
                return message.ack();
            }
            boolean bound = flows.find(event.tenantId(), channel.trigger().id())
                    .map(f -> !f.actions().isEmpty())
                    .orElse(false);
            FlowResult result = runner.run(event.tenantId(), channel.trigger(), flowEvent(event), event.id());
            if (result.status() == FlowResult.Status.FAILED) {
                return fail(message, delivery, event, failureReason(result), failingAction(result));
            }
            String outcome = bound ? result.status().name().toLowerCase(Locale.ROOT) : "no_op";
            processed.record(event.tenantId(), event.id(), channel.trigger().id(), outcome, result.executionId());
            count(channel, outcome);
            LOG.infof(
                    "%s event %s of tenant %s: %s (%d action(s), attempt %d)",
                    channel.trigger().id(),
                    event.id(),
                    event.tenantId(),
                    outcome,
                    result.runs().size(),
                    delivery.attempt());
            return message.ack();
        } catch (RuntimeException e) {
            // the store or the runtime failed: the same retry path as a failing action
            LOG.warnf(
                    "%s event %s of tenant %s could not be processed: %s",
                    channel.trigger().id(), event.id(), event.tenantId(), e.toString());
            return fail(
                    message,
                    delivery,
                    event,
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(),
                    null);
        }
    }

    private void refuseIfMalformed(EventChannels.Channel channel, IdentityEvent event) {
        if (event.type() == null || !event.type().equals(channel.eventType())) {
            throw new IdentityEvent.Malformed("event type '" + event.type() + "' does not belong on " + channel.topic()
                    + " (expected '" + channel.eventType() + "')");
        }
        if (event.id().isBlank()) {
            throw new IdentityEvent.Malformed("the CloudEvent id is empty");
        }
        Optional<String> violations = schemas.violations(channel.eventType(), event.data());
        if (violations.isPresent()) {
            throw new IdentityEvent.Malformed("schema " + channel.eventType() + ": " + violations.get());
        }
        if (!configuredTenants.contains(event.tenantId()) && !flows.knowsTenant(event.tenantId())) {
            throw new IdentityEvent.Malformed("unknown tenant '" + event.tenantId() + "'");
        }
    }

    private static ObjectNode flowEvent(IdentityEvent event) {
        // the event's own tree, not a copy: it is parsed per delivery and used by nothing after the flow
        // (a retry re-reads the record's payload)
        ObjectNode flowEvent = event.data();
        // Actions get the event id so that their own side effects can be made idempotent.
        ObjectNode transaction = flowEvent.path("transaction").isObject()
                ? (ObjectNode) flowEvent.get("transaction")
                : flowEvent.putObject("transaction");
        transaction.put("id", event.id());
        return flowEvent;
    }

    /** A failed attempt: to the retry topic with its due time, or to the dead-letter topic after the last attempt. */
    private CompletionStage<Void> fail(
            Message<String> message, Delivery delivery, IdentityEvent event, String reason, String action) {
        if (delivery.attempt() >= channels.maxAttempts()) {
            return deadLetter(message, delivery, event.id(), event.tenantId(), "failed", reason, action);
        }
        IncomingKafkaRecordMetadata<?, ?> record =
                message.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow();
        RecordHeaders headers = retryHeaders(record.getHeaders(), delivery, event, reason, action);
        if (!retries.publish(
                delivery.channel().retryTopic(), (String) record.getKey(), message.getPayload(), headers)) {
            return deadLetter(
                    message,
                    delivery,
                    event.id(),
                    event.tenantId(),
                    "failed",
                    reason + " (and the retry topic is unreachable)",
                    action);
        }
        metrics.counter("executor.events.retried", "topic", delivery.channel().topic())
                .increment();
        return message.ack();
    }

    private CompletionStage<Void> deadLetter(
            Message<String> message,
            Delivery delivery,
            String eventId,
            String tenantId,
            String kind,
            String reason,
            String action) {
        countAndLogDeadLetter(delivery, eventId, kind, reason);
        RecordHeaders headers = delivery.headers(eventId, tenantId, kind, reason, action);
        return message.nack(
                new EventFailed(reason),
                Metadata.of(OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(delivery.channel().deadLetterTopic())
                        .withHeaders(headers)
                        .build()));
    }

    private void count(EventChannels.Channel channel, String outcome) {
        metrics.counter("executor.events.processed", "topic", channel.topic(), "outcome", outcome)
                .increment();
    }

    /** Why the flow failed: the first failing action's error (its own message, secrets redacted). */
    private static String failureReason(FlowResult result) {
        return result.firstFailure()
                .map(run -> run.result().error().id() + ": " + run.errorMessage())
                .orElse("the flow failed");
    }

    /** The action that stopped the flow, as {@code name (id)}. */
    private static String failingAction(FlowResult result) {
        return result.lastFailure()
                .map(run -> run.result().actionName() + " (" + run.result().actionId() + ")")
                .orElse(null);
    }

    /** The reason an event was nacked (the failure strategies log it; headers carry the details). */
    static final class EventFailed extends RuntimeException {
        EventFailed(String message) {
            super(message, null, false, false);
        }
    }
}
