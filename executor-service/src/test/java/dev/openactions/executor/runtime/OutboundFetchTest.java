package dev.openactions.executor.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openactions.executor.config.ExecutorConfig;
import dev.openactions.localstack.HttpSink;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The host side of fetch against loopback servers: numeric host forms are parsed the WHATWG way
 * before the SSRF check (and the request goes to that address), and the allow-list takes
 * {@code host:port}, so a listed port does not open the others.
 */
class OutboundFetchTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpSink allowed;
    private HttpSink other;

    @BeforeEach
    void start() {
        allowed = HttpSink.start();
        other = HttpSink.start();
        allowed.respondWith(200, "{\"ok\":true}");
        other.respondWith(200, "{\"ok\":true}");
    }

    @AfterEach
    void stop() {
        allowed.close();
        other.close();
    }

    private static OutboundFetch fetchWith(String allowList) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .withMapping(ExecutorConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter());
        if (allowList != null) {
            builder.withDefaultValue("executor.fetch.allowed-private-hosts", allowList);
        }
        SmallRyeConfig config = builder.build();
        return new OutboundFetch(config.getConfigMapping(ExecutorConfig.class));
    }

    private static JsonNode get(OutboundFetch fetch, String url) throws Exception {
        return JSON.readTree(fetch.fetch(
                JSON.createObjectNode().put("url", url).put("method", "GET").toString(), Duration.ofSeconds(5)));
    }

    private static int port(HttpSink sink) {
        return URI.create(sink.url()).getPort();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "0177.0.0.1",
                "127.1",
                "0x7f000001",
                "2130706433",
                "0x7f.0.0.1",
                "localhost",
                "[::1]",
                "[::ffff:127.0.0.1]",
                "[::127.0.0.1]",
                "0",
                "0.0.0.0"
            })
    void everyFormOfLoopbackIsRefusedWithoutAnAllowList(String host) throws Exception {
        JsonNode outcome = get(fetchWith(null), "http://" + host + ":" + port(allowed) + "/x");
        assertThat(outcome.path("error").asText()).contains("internal addresses");
        assertThat(allowed.received()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "0177.0.0.1", "127.1", "0x7f000001", "2130706433"})
    void anAllowedHostAndPortIsReachedInEveryNumericFormAndOtherPortsStayClosed(String host) throws Exception {
        OutboundFetch fetch = fetchWith("127.0.0.1:" + port(allowed));

        JsonNode reached = get(fetch, "http://" + host + ":" + port(allowed) + "/hook");
        assertThat(reached.path("status").asInt()).isEqualTo(200);
        assertThat(reached.path("url").asText()).isEqualTo("http://127.0.0.1:" + port(allowed) + "/hook");
        assertThat(allowed.received()).hasSize(1);

        JsonNode refused = get(fetch, "http://" + host + ":" + port(other) + "/hook");
        assertThat(refused.path("error").asText()).contains("internal addresses");
        assertThat(other.received()).isEmpty();
    }

    @Test
    void aBareHostEntryStillAllowsEveryPortOfThatHost() throws Exception {
        OutboundFetch fetch = fetchWith("127.0.0.1");
        assertThat(get(fetch, other.url() + "/a").path("status").asInt()).isEqualTo(200);
        assertThat(get(fetch, allowed.url() + "/b").path("status").asInt()).isEqualTo(200);
    }

    @Test
    void hostsWhatwgRefusesAreRefused() throws Exception {
        assertThat(get(fetchWith(null), "http://256.0.0.1/").path("error").asText())
                .contains("invalid host");
        assertThat(get(fetchWith(null), "http://1.2.3.4.5/").path("error").asText())
                .contains("invalid host");
    }

    @Test
    void bodiesCrossAsBase64BothWays() throws Exception {
        OutboundFetch fetch = fetchWith("127.0.0.1:" + port(allowed));
        String request = JSON.createObjectNode()
                .put("url", allowed.url() + "/bin")
                .put("method", "POST")
                .put("body64", Base64.getEncoder().encodeToString("héllo".getBytes(StandardCharsets.UTF_8)))
                .toString();
        JsonNode outcome = JSON.readTree(fetch.fetch(request, Duration.ofSeconds(5)));
        assertThat(allowed.received().get(0).body()).isEqualTo("héllo");
        assertThat(new String(Base64.getDecoder().decode(outcome.path("body64").asText())))
                .isEqualTo("{\"ok\":true}");
    }
}
