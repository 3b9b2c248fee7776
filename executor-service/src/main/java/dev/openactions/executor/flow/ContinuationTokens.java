package dev.openactions.executor.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openactions.executor.config.ExecutorConfig;
import dev.openactions.executor.domain.ExecutorException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * Signed, expiring tokens that let a suspended post-login flow (a redirect or an MFA challenge) be
 * resumed: they carry where the flow stopped and what it had asked for so far. HMAC-SHA256 over the
 * JSON state, so any change is detected; the caller keeps them, the executor stays stateless.
 */
@ApplicationScoped
public class ContinuationTokens {
    private static final Logger LOG = Logger.getLogger(ContinuationTokens.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    /** Where a suspended flow stopped, and what it had asked for. */
    public record State(String tenantId, String triggerId, String executionId, int actionIndex, String actionId,
            String versionId, List<FlowResult.IssuedCommand> commands, ObjectNode transactionMetadata, Instant expiresAt) {
    }

    private final SecretKeySpec key;
    private final ExecutorConfig.Continuation config;
    private final Clock clock = Clock.systemUTC();

    ContinuationTokens(ExecutorConfig config) {
        this.config = config.continuation();
        byte[] keyBytes = this.config.signingKey().map(k -> Base64.getDecoder().decode(k.trim())).orElseGet(() -> {
            LOG.warn("executor.continuation.signing-key is not set: using a random key, so a suspended login can only be "
                    + "resumed by this replica and not after a restart. Set the same base64 key on every replica.");
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return random;
        });
        if (keyBytes.length < 32) {
            throw new IllegalStateException("executor.continuation.signing-key must be at least 32 bytes (base64)");
        }
        this.key = new SecretKeySpec(keyBytes, "HmacSHA256");
    }

    public String issue(State state) {
        ObjectNode body = JSON.createObjectNode()
                .put("v", 1).put("tenant", state.tenantId()).put("trigger", state.triggerId())
                .put("execution_id", state.executionId()).put("index", state.actionIndex())
                .put("action_id", state.actionId()).put("version_id", state.versionId())
                .put("exp", clock.instant().plus(config.ttl()).getEpochSecond());
        body.set("commands", JSON.valueToTree(state.commands()));
        body.set("tx_metadata", state.transactionMetadata() == null ? JSON.createObjectNode() : state.transactionMetadata());
        String payload = B64.encodeToString(body.toString().getBytes(StandardCharsets.UTF_8));
        return payload + "." + B64.encodeToString(sign(payload));
    }

    /** @throws ExecutorException.Invalid when the token is malformed, tampered with, expired or for another tenant */
    public State verify(String token, String tenantId) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot <= 0) {
            throw invalid();
        }
        String payload = token.substring(0, dot);
        try {
            if (!MessageDigest.isEqual(sign(payload), B64D.decode(token.substring(dot + 1)))) {
                throw invalid();
            }
            JsonNode body = JSON.readTree(B64D.decode(payload));
            if (body.path("exp").asLong() < clock.instant().getEpochSecond()) {
                throw new ExecutorException.Invalid("the continuation token has expired");
            }
            if (!tenantId.equals(body.path("tenant").asText())) {
                throw invalid();
            }
            List<FlowResult.IssuedCommand> commands = new java.util.ArrayList<>();
            for (JsonNode c : (ArrayNode) body.path("commands")) {
                commands.add(new FlowResult.IssuedCommand(c.path("action").asText(), c.path("type").asText(), c.path("args")));
            }
            return new State(tenantId, body.path("trigger").asText(), body.path("execution_id").asText(), body.path("index").asInt(),
                    body.path("action_id").asText(), body.path("version_id").asText(), commands,
                    (ObjectNode) body.path("tx_metadata"), Instant.ofEpochSecond(body.path("exp").asLong()));
        } catch (IllegalArgumentException | IOException | ClassCastException e) {
            throw invalid();
        }
    }

    public Instant expiryFromNow() {
        return clock.instant().plus(config.ttl());
    }

    private byte[] sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ExecutorException.Invalid invalid() {
        return new ExecutorException.Invalid("the continuation token is not valid");
    }
}
