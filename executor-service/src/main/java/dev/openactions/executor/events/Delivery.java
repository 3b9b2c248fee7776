package dev.openactions.executor.events;

import dev.openactions.executor.deadletters.DeadLetterHeaders;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Where a record came from and which attempt this is, from the failure headers of earlier hops. */
record Delivery(
        EventChannels.Channel channel, String originalTopic, int originalPartition, long originalOffset, int attempt) {
    static Delivery of(EventChannels.Channel channel, IncomingKafkaRecordMetadata<String, String> record) {
        return of(channel, record.getTopic(), record.getPartition(), record.getOffset(), record.getHeaders());
    }

    static Delivery of(EventChannels.Channel channel, String recordTopic, int partition, long offset, Headers headers) {
        String topic = DeadLetterHeaders.last(headers, DeadLetterHeaders.ORIGINAL_TOPIC);
        String attempts = DeadLetterHeaders.last(headers, DeadLetterHeaders.ATTEMPTS);
        if (topic == null) {
            return new Delivery(channel, recordTopic, partition, offset, 1);
        }
        return new Delivery(
                channel,
                topic,
                parseInt(DeadLetterHeaders.last(headers, DeadLetterHeaders.ORIGINAL_PARTITION), -1),
                parseLong(DeadLetterHeaders.last(headers, DeadLetterHeaders.ORIGINAL_OFFSET)),
                parseInt(attempts, 0) + 1);
    }

    RecordHeaders headers(String eventId, String tenantId, String kind, String reason, String action) {
        RecordHeaders headers = new RecordHeaders();
        DeadLetterHeaders.put(headers, DeadLetterHeaders.REASON, truncate(reason));
        DeadLetterHeaders.put(headers, DeadLetterHeaders.KIND, kind);
        DeadLetterHeaders.put(headers, DeadLetterHeaders.ATTEMPTS, Integer.toString(attempt));
        DeadLetterHeaders.put(headers, DeadLetterHeaders.ACTION, action);
        DeadLetterHeaders.put(headers, DeadLetterHeaders.EVENT_ID, eventId);
        DeadLetterHeaders.put(headers, DeadLetterHeaders.TENANT, tenantId);
        DeadLetterHeaders.put(headers, DeadLetterHeaders.ORIGINAL_TOPIC, originalTopic);
        DeadLetterHeaders.put(headers, DeadLetterHeaders.ORIGINAL_PARTITION, Integer.toString(originalPartition));
        DeadLetterHeaders.put(headers, DeadLetterHeaders.ORIGINAL_OFFSET, Long.toString(originalOffset));
        return headers;
    }

    private static String truncate(String reason) {
        return reason == null || reason.length() <= 1000 ? reason : reason.substring(0, 1000) + "…";
    }

    private static int parseInt(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static long parseLong(String value) {
        try {
            return value == null ? -1 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
