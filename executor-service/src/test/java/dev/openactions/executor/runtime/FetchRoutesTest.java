package dev.openactions.executor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** executor.fetch.connect-to is refused at startup for whatever the SSRF rules forbid, except its configured target. */
class FetchRoutesTest {
    private static final List<String> LOOPBACK_ALLOWED = List.of("127.0.0.1");

    @Test
    void aPublicNameMayBeRoutedToAnAllowListedTarget() {
        FetchRoutes.Route route =
                FetchRoutes.validated("Email.US-East-1.amazonaws.com:443:127.0.0.1:8443", LOOPBACK_ALLOWED);
        assertThat(route.host()).isEqualTo("email.us-east-1.amazonaws.com");
        assertThat(route.target(URI.create("https://email.us-east-1.amazonaws.com/?a=b%20c"))
                        .toString())
                .isEqualTo("https://127.0.0.1:8443/?a=b%20c");
        assertThat(route.hostHeader(URI.create("https://email.us-east-1.amazonaws.com/")))
                .isEqualTo("email.us-east-1.amazonaws.com");
    }

    @Test
    void internalTargetsMustBeAllowListed() {
        assertThatThrownBy(() -> FetchRoutes.validated("api.example.com:443:127.0.0.1:8443", List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("internal address");
        assertThatThrownBy(() -> FetchRoutes.validated("api.example.com:443:169.254.169.254:80", LOOPBACK_ALLOWED))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("internal address");
        assertThatThrownBy(() -> FetchRoutes.validated("api.example.com:443:10.0.0.5:443", LOOPBACK_ALLOWED))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("internal address");
    }

    @Test
    void internalNamesAndAddressesCannotBeRouted() {
        for (String source : List.of(
                "169.254.169.254:80", "localhost:80", "metadata.google.internal:80", "printer.local:631", "[::1]:80")) {
            assertThatThrownBy(() -> FetchRoutes.validated(source + ":127.0.0.1:8443", LOOPBACK_ALLOWED))
                    .as(source)
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void malformedEntriesAreRefused() {
        assertThatThrownBy(() -> FetchRoutes.validated("api.example.com:443:127.0.0.1", LOOPBACK_ALLOWED))
                .hasMessageContaining("host:port:target-host:target-port");
        assertThatThrownBy(() -> FetchRoutes.validated("api.example.com:0:127.0.0.1:99999", LOOPBACK_ALLOWED))
                .hasMessageContaining("invalid port");
    }
}
