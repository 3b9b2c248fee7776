package dev.openactions.executor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openactions.contracts.FlowSnapshot;
import dev.openactions.contracts.Topics;
import dev.openactions.testsupport.KafkaTestClient;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Publishes flow snapshots the way the registry does, for executor tests. */
final class FlowFixtures {
    private static final AtomicLong REVISION = new AtomicLong(System.currentTimeMillis());

    private FlowFixtures() {}

    static FlowSnapshot.BoundAction action(String name, String code, List<String> secretNames) {
        return action(name, code, secretNames, FlowSnapshot.OnError.FAIL, null);
    }

    static FlowSnapshot.BoundAction action(
            String name, String code, List<String> secretNames, FlowSnapshot.OnError onError, Long timeoutMs) {
        return new FlowSnapshot.BoundAction(
                UUID.randomUUID().toString(),
                name,
                UUID.randomUUID().toString(),
                name,
                UUID.randomUUID().toString(),
                1,
                code,
                "node22",
                secretNames,
                onError,
                timeoutMs);
    }

    static long publish(
            KafkaTestClient kafka,
            ObjectMapper json,
            String tenant,
            String trigger,
            FlowSnapshot.BoundAction... actions) {
        long revision = REVISION.incrementAndGet();
        FlowSnapshot snapshot = new FlowSnapshot(tenant, trigger, revision, Instant.now(), List.of(actions));
        try {
            kafka.send(Topics.ACTIONS_FLOWS, Topics.key(tenant, trigger), json.writeValueAsString(snapshot));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return revision;
    }
}
