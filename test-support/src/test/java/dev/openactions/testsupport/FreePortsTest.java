package dev.openactions.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openactions.localstack.FreePorts;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void aPortIsHandedOutOnceEvenWhenTheKernelOffersItAgain() {
        // The kernel picks a port at random for each bind to port 0 and may offer one it released a moment
        // ago: over 2,000 picks from its ~28,000 ephemeral ports a repeat is all but certain, and a broker
        // given the same port for two listeners does not start.
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            assertThat(ports.add(FreePorts.next()))
                    .as("pick %d was handed out before", i)
                    .isTrue();
        }
    }

    @Test
    void aHandedOutPortIsFree() {
        int port = FreePorts.next();

        assertThat(FreePorts.isOpen(port)).isFalse();
    }
}
