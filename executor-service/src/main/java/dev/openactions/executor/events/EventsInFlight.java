package dev.openactions.executor.events;

import dev.openactions.executor.repository.ProcessedEvents;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The events this process has taken on and not yet settled (completed ids written to the processed
 * store, or handed to the retry/dead-letter topic). Batches overlap, so the processed-id lookup of a
 * new batch cannot see what an earlier batch of this process is still running: an event id found here
 * is a duplicate of one in flight and is skipped like a processed one. An id leaves only after its
 * batch is settled, so there is no moment in which neither the store nor this set knows it.
 */
final class EventsInFlight {
    private final Set<ProcessedEvents.EventKey> keys = ConcurrentHashMap.newKeySet();

    /** Takes the event on; false if the same event is already in flight here. */
    boolean take(ProcessedEvents.EventKey key) {
        return keys.add(key);
    }

    void settled(Collection<ProcessedEvents.EventKey> settled) {
        keys.removeAll(settled);
    }

    int size() {
        return keys.size();
    }
}
