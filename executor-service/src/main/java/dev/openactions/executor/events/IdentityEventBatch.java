package dev.openactions.executor.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One polled batch of an identity topic, parsed: each record with where it came from, its event (if
 * it could be read) and, for a record that must not run, why. Records keep their poll order, so
 * grouping by record key ({@code tenant/user_id}) keeps each user's events in order.
 */
record IdentityEventBatch(List<Item> items) {

    /**
     * A record of the batch. {@code malformed} is null for a record that can run; otherwise it says
     * why the record goes to the dead-letter topic ({@code event} is then whatever could be read).
     */
    record Item(ConsumerRecord<String, String> record, Delivery delivery, IdentityEvent event, String malformed) {
        boolean runnable() {
            return malformed == null;
        }
    }

    /** Parses every record; {@code validate} throws {@link IdentityEvent.Malformed} for events that must not run. */
    static IdentityEventBatch parse(
            ObjectMapper json,
            EventChannels.Channel channel,
            Iterable<ConsumerRecord<String, String>> records,
            Consumer<IdentityEvent> validate) {
        List<Item> items = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            Delivery delivery =
                    Delivery.of(channel, record.topic(), record.partition(), record.offset(), record.headers());
            IdentityEvent event = null;
            String malformed = null;
            try {
                event = IdentityEvent.parse(json, record.key(), record.value(), record.headers());
                validate.accept(event);
            } catch (IdentityEvent.Malformed e) {
                malformed = e.getMessage();
            }
            items.add(new Item(record, delivery, event, malformed));
        }
        return new IdentityEventBatch(List.copyOf(items));
    }

    /** Runnable items accepted by {@code include}, grouped by record key, in poll order within each group. */
    Map<String, List<Item>> byUser(Predicate<Item> include) {
        Map<String, List<Item>> groups = new LinkedHashMap<>();
        for (Item item : items) {
            if (item.runnable() && include.test(item)) {
                groups.computeIfAbsent(String.valueOf(item.record().key()), k -> new ArrayList<>())
                        .add(item);
            }
        }
        return groups;
    }
}
