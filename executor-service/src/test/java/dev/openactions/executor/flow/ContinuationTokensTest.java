package dev.openactions.executor.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openactions.executor.domain.ExecutorException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Continuation tokens resume exactly the flow they were issued for, and nothing else, without a running service. */
class ContinuationTokensTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final Duration TTL = Duration.ofMinutes(10);

    private static ContinuationTokens at(Instant instant) {
        return new ContinuationTokens(KEY, TTL, Clock.fixed(instant, ZoneOffset.UTC));
    }

    private static ContinuationTokens.State state() {
        ObjectNode metadata = JsonNodeFactory.instance.objectNode().put("step", "mfa");
        List<FlowResult.IssuedCommand> commands = List.of(new FlowResult.IssuedCommand(
                "first",
                "idToken.setCustomClaim",
                JsonNodeFactory.instance
                        .objectNode()
                        .put("name", "https://x.example/a")
                        .put("value", 1)));
        return new ContinuationTokens.State(
                "t1", "post-login", "exec-1", 1, "act-2", "ver-2", commands, metadata, null);
    }

    @Test
    void aTokenCarriesWhereTheFlowStoppedAndWhatItHadAskedFor() {
        String token = at(NOW).issue(state());

        ContinuationTokens.State resumed = at(NOW.plusSeconds(60)).verify(token, "t1");

        assertThat(resumed.triggerId()).isEqualTo("post-login");
        assertThat(resumed.executionId()).isEqualTo("exec-1");
        assertThat(resumed.actionIndex()).isEqualTo(1);
        assertThat(resumed.actionId()).isEqualTo("act-2");
        assertThat(resumed.versionId()).isEqualTo("ver-2");
        assertThat(resumed.commands()).singleElement().satisfies(c -> {
            assertThat(c.action()).isEqualTo("first");
            assertThat(c.type()).isEqualTo("idToken.setCustomClaim");
            assertThat(c.args().path("value").asInt()).isEqualTo(1);
        });
        assertThat(resumed.transactionMetadata().path("step").asText()).isEqualTo("mfa");
        assertThat(resumed.expiresAt()).isEqualTo(NOW.plus(TTL));
        assertThat(resumed.tokenId()).isNotBlank();
    }

    @Test
    void everyTokenHasItsOwnIdSoEachResumesOnce() {
        ContinuationTokens tokens = at(NOW);
        String first = tokens.issue(state());
        String second = tokens.issue(state());

        assertThat(tokens.verify(first, "t1").tokenId())
                .isNotEqualTo(tokens.verify(second, "t1").tokenId());
    }

    @Test
    void anExpiredTokenIsRefusedAsExpired() {
        String token = at(NOW).issue(state());

        assertThatThrownBy(() -> at(NOW.plus(TTL).plusSeconds(1)).verify(token, "t1"))
                .isInstanceOf(ExecutorException.Invalid.class)
                .hasMessage("the continuation token has expired");
        assertThat(at(NOW.plus(TTL)).verify(token, "t1").executionId()).isEqualTo("exec-1");
    }

    @Test
    void aChangedPayloadIsRefused() {
        String token = at(NOW).issue(state());
        String payload = new String(
                Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
        String forged = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(payload.replace("\"index\":1", "\"index\":0").getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> at(NOW).verify(forged + token.substring(token.indexOf('.')), "t1"))
                .isInstanceOf(ExecutorException.Invalid.class)
                .hasMessage("the continuation token is not valid");
    }

    @Test
    void aChangedSignatureIsRefused() {
        String token = at(NOW).issue(state());
        // the signature's first character (its last one also holds padding bits a decoder may ignore)
        int dot = token.indexOf('.');
        String tampered =
                token.substring(0, dot + 1) + (token.charAt(dot + 1) == 'A' ? 'B' : 'A') + token.substring(dot + 2);

        assertThatThrownBy(() -> at(NOW).verify(tampered, "t1"))
                .isInstanceOf(ExecutorException.Invalid.class)
                .hasMessage("the continuation token is not valid");
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        byte[] otherKey = Arrays.copyOf(KEY, KEY.length);
        otherKey[0] ^= 1;
        String token = new ContinuationTokens(otherKey, TTL, Clock.fixed(NOW, ZoneOffset.UTC)).issue(state());

        assertThatThrownBy(() -> at(NOW).verify(token, "t1"))
                .isInstanceOf(ExecutorException.Invalid.class)
                .hasMessage("the continuation token is not valid");
    }

    @Test
    void anotherTenantsTokenIsRefused() {
        String token = at(NOW).issue(state());

        assertThatThrownBy(() -> at(NOW).verify(token, "t2"))
                .isInstanceOf(ExecutorException.Invalid.class)
                .hasMessage("the continuation token is not valid");
    }

    @Test
    void malformedTokensAreRefusedAsInvalidNeverAsAnotherError() {
        for (String token : new String[] {null, "", "no-dot", ".sig", "@@@.@@@", "e30.e30", "bm90IGpzb24.AAAA"}) {
            assertThatThrownBy(() -> at(NOW).verify(token, "t1"))
                    .as("token %s", token)
                    .isInstanceOf(ExecutorException.Invalid.class)
                    .hasMessage("the continuation token is not valid");
        }
    }

    @Test
    void aKeyShorterThan32BytesIsRefused() {
        assertThatThrownBy(() -> new ContinuationTokens(new byte[31], TTL, Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least 32 bytes");
    }
}
