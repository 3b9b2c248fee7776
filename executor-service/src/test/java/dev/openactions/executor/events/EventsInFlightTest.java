package dev.openactions.executor.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openactions.executor.repository.ProcessedEvents.EventKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventsInFlightTest {
    private final EventsInFlight inFlight = new EventsInFlight();

    @Test
    void anEventInFlightCannotBeTakenOnAgainUntilItsBatchIsSettled() {
        EventKey event = new EventKey("default", "evt-1");
        assertThat(inFlight.take(event)).isTrue();
        assertThat(inFlight.take(event)).isFalse();
        assertThat(inFlight.take(new EventKey("other-tenant", "evt-1"))).isTrue();

        inFlight.settled(List.of(event));

        assertThat(inFlight.take(event)).isTrue();
        assertThat(inFlight.size()).isEqualTo(2);
    }
}
