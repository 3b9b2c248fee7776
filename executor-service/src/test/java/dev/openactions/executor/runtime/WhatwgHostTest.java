package dev.openactions.executor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** WHATWG URL host parsing: every numeric IPv4 form Node accepts becomes the address it means. */
class WhatwgHostTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "127.0.0.1, 127.0.0.1",
        "0177.0.0.1, 127.0.0.1",
        "127.1, 127.0.0.1",
        "127.0.1, 127.0.0.1",
        "0x7f000001, 127.0.0.1",
        "0X7F.0.0.1, 127.0.0.1",
        "2130706433, 127.0.0.1",
        "017700000001, 127.0.0.1",
        "0x7f.1, 127.0.0.1",
        "127.0.0.1., 127.0.0.1",
        "0, 0.0.0.0",
        "0x, 0.0.0.0",
        "10.0.0.010, 10.0.0.8",
        "169.254.169.254, 169.254.169.254",
        "0xa9fea9fe, 169.254.169.254",
        "0251.0376.0251.0376, 169.254.169.254",
        "192.168.1, 192.168.0.1",
        "Example.COM, example.com",
        "1.2.3.example, 1.2.3.example",
        "[::1], [::1]",
        "[FD00::1], [fd00::1]"
    })
    void numericHostsAreCanonicalized(String host, String expected) {
        assertThat(WhatwgHost.canonical(host)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"1.2.3.4.5", "256.0.0.1", "1.2.3.256", "0x100000000", "4294967296", "09.0.0.1", "1..2.3", "0xg"})
    void invalidNumericHostsAreRefused(String host) {
        if (host.equals("0xg")) {
            assertThat(WhatwgHost.canonical(host)).isEqualTo("0xg"); // not a number: a (strange) domain name
            return;
        }
        assertThatThrownBy(() -> WhatwgHost.canonical(host)).isInstanceOf(WhatwgHost.InvalidHost.class);
    }
}
