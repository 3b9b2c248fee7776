package dev.openactions.executor.deadletters;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Headers the executor puts on identity events it sends to {@code <topic>.retry} or to
 * {@code <topic>.dlq}: the latest failure and where the event first arrived. The identity events'
 * side writes them; dead-letter administration reads them and drops them on replay. On the dead-letter
 * topic SmallRye's own {@code dead-letter-*} headers come first, so read the last occurrence of a
 * name ({@link Headers#lastHeader}).
 */
public final class DeadLetterHeaders {
    /** Why the event failed (malformed: what is wrong with it; failed: the action's error). */
    public static final String REASON = "dead-letter-reason";
    /** {@code malformed} (never retried) or {@code failed} (retried, then dead-lettered). */
    public static final String KIND = "dead-letter-kind";
    /** How many times the event was tried, including the last one. */
    public static final String ATTEMPTS = "dead-letter-attempts";
    /** The failing action, as {@code name (id)}; absent when no action was involved. */
    public static final String ACTION = "dead-letter-action";

    public static final String EVENT_ID = "dead-letter-event-id";
    public static final String TENANT = "dead-letter-tenant";
    /** Where the event was first read: the identity topic, its partition and offset. */
    public static final String ORIGINAL_TOPIC = "dead-letter-original-topic";

    public static final String ORIGINAL_PARTITION = "dead-letter-original-partition";
    public static final String ORIGINAL_OFFSET = "dead-letter-original-offset";
    /** On retry topics: epoch milliseconds before which the next attempt must not start. */
    public static final String RETRY_NOT_BEFORE = "retry-not-before";
    /** Set on events the admin replay put back on their topic. */
    public static final String REPLAYED_AT = "replayed-at";

    private DeadLetterHeaders() {}

    public static String last(Headers headers, String name) {
        Header header = headers == null ? null : headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public static void put(RecordHeaders headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Whether a header is failure bookkeeping (dropped when an event is replayed). */
    public static boolean isBookkeeping(String name) {
        return name.startsWith("dead-letter-")
                || name.startsWith("delayed-retry-")
                || name.equals(REPLAYED_AT)
                || name.equals(RETRY_NOT_BEFORE);
    }
}
