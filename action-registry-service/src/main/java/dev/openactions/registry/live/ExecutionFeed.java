package dev.openactions.registry.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The open live streams of this replica, per tenant. An execution goes to the streams of its own
 * tenant only; a stream that fails or closes is dropped.
 */
@ApplicationScoped
public class ExecutionFeed {
    private static final Logger LOG = Logger.getLogger(ExecutionFeed.class);

    private final Map<String, Set<Subscriber>> streams = new ConcurrentHashMap<>();
    private final LiveConfig config;
    private final ObjectMapper json;

    ExecutionFeed(LiveConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    /** One open stream. */
    record Subscriber(SseEventSink sink, Sse sse) {}

    /** Registers a stream for the tenant; false when the tenant already holds the maximum. */
    public boolean subscribe(String tenantId, SseEventSink sink, Sse sse) {
        Set<Subscriber> set = streams.computeIfAbsent(tenantId, t -> ConcurrentHashMap.newKeySet());
        synchronized (set) {
            set.removeIf(s -> s.sink().isClosed());
            if (set.size() >= config.maxStreamsPerTenant()) {
                return false;
            }
            set.add(new Subscriber(sink, sse));
            return true;
        }
    }

    public int openStreams(String tenantId) {
        Set<Subscriber> set = streams.get(tenantId);
        return set == null
                ? 0
                : (int) set.stream().filter(s -> !s.sink().isClosed()).count();
    }

    /** Sends the execution to the tenant's open streams. */
    public void publish(String tenantId, LiveExecution execution) {
        Set<Subscriber> set = streams.get(tenantId);
        if (set == null || set.isEmpty()) {
            return;
        }
        String data;
        try {
            data = json.writeValueAsString(execution);
        } catch (Exception e) {
            LOG.warnf("Cannot serialise execution %s for the live stream", execution.id());
            return;
        }
        for (Subscriber s : List.copyOf(set)) {
            send(
                    set,
                    s,
                    s.sse()
                            .newEventBuilder()
                            .name("execution")
                            .id(execution.id())
                            .data(data)
                            .build());
        }
    }

    @Scheduled(every = "${live.heartbeat:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void heartbeat() {
        for (Set<Subscriber> set : streams.values()) {
            for (Subscriber s : List.copyOf(set)) {
                send(set, s, s.sse().newEventBuilder().comment("keep-alive").build());
            }
        }
        streams.values().removeIf(Set::isEmpty);
    }

    private static void send(Set<Subscriber> set, Subscriber s, OutboundSseEvent event) {
        if (s.sink().isClosed()) {
            set.remove(s);
            return;
        }
        s.sink().send(event).whenComplete((ignored, failure) -> {
            if (failure != null) {
                set.remove(s);
                s.sink().close();
            }
        });
    }
}
