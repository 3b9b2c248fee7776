package dev.openactions.executor.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openactions.executor.config.ExecutorConfig;
import dev.openactions.executor.domain.ExecutorException;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * Signed, expiring tokens that let a suspended post-login flow (a redirect or an MFA challenge) be
 * resumed: they carry where the flow stopped and what it had asked for so far. HMAC-SHA256 over the
 * JSON state, so any change is detected; the caller keeps them. Each token carries a unique id
 * ({@code jti}) so that it resumes a login once: the flow runner claims the id in the executor's
 * database, shared by every replica, before it resumes.
 *
 * <p>Every replica must sign with the same key, or a login suspended on one cannot resume on
 * another: outside dev and test the service refuses to start without
 * {@code executor.continuation.signing-key}, so the check runs at startup, not at the first login.
 */
@Startup
@ApplicationScoped
public class ContinuationTokens {
    private static final Logger LOG = Logger.getLogger(ContinuationTokens.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    /** Where a suspended flow stopped, and what it had asked for. */
    public record State(
            String tenantId,
            String triggerId,
            String executionId,
            int actionIndex,
            String actionId,
            String versionId,
            List<FlowResult.IssuedCommand> commands,
            ObjectNode transactionMetadata,
            Instant expiresAt,
            String tokenId) {

        /** A state to issue: the token id is assigned by {@link #issue(State)}. */
        public State(
                String tenantId,
                String triggerId,
                String executionId,
                int actionIndex,
                String actionId,
                String versionId,
                List<FlowResult.IssuedCommand> commands,
                ObjectNode transactionMetadata,
                Instant expiresAt) {
            this(
                    tenantId,
                    triggerId,
                    executionId,
                    actionIndex,
                    actionId,
                    versionId,
                    commands,
                    transactionMetadata,
                    expiresAt,
                    null);
        }
    }

    private final SecretKeySpec key;
    private final Duration ttl;
    private final Clock clock;

    @Inject
    ContinuationTokens(ExecutorConfig config) {
        this(signingKey(config.continuation()), config.continuation().ttl(), Clock.systemUTC());
    }

    /** Tokens signed with this key, valid for {@code ttl} by {@code clock} (tests pass their own). */
    ContinuationTokens(byte[] keyBytes, Duration ttl, Clock clock) {
        if (keyBytes.length < 32) {
            throw new IllegalStateException("executor.continuation.signing-key must be at least 32 bytes (base64)");
        }
        this.key = new SecretKeySpec(keyBytes, "HmacSHA256");
        this.ttl = ttl;
        this.clock = clock;
    }

    private static byte[] signingKey(ExecutorConfig.Continuation config) {
        if (config.signingKey().isEmpty() && LaunchMode.current() == LaunchMode.NORMAL) {
            throw new IllegalStateException(
                    "executor.continuation.signing-key is not set (EXECUTOR_CONTINUATION_SIGNING_KEY): "
                            + "set the same base64 key of at least 32 bytes on every replica, e.g. from `openssl rand -base64 32`. "
                            + "Without it a login suspended on one replica cannot resume on another.");
        }
        return config.signingKey()
                .map(k -> Base64.getDecoder().decode(k.trim()))
                .orElseGet(() -> {
                    LOG.warn(
                            "executor.continuation.signing-key is not set: using a random key, so a suspended login can only be "
                                    + "resumed by this replica and not after a restart. Set the same base64 key on every replica.");
                    byte[] random = new byte[32];
                    new SecureRandom().nextBytes(random);
                    return random;
                });
    }

    public String issue(State state) {
        ObjectNode body = JSON.createObjectNode()
                .put("v", 1)
                .put("jti", UUID.randomUUID().toString())
                .put("tenant", state.tenantId())
                .put("trigger", state.triggerId())
                .put("execution_id", state.executionId())
                .put("index", state.actionIndex())
                .put("action_id", state.actionId())
                .put("version_id", state.versionId())
                .put("exp", clock.instant().plus(ttl).getEpochSecond());
        body.set("commands", JSON.valueToTree(state.commands()));
        body.set(
                "tx_metadata",
                state.transactionMetadata() == null ? JSON.createObjectNode() : state.transactionMetadata());
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
            if (!tenantId.equals(body.path("tenant").asText())
                    || !body.path("jti").isTextual()) {
                throw invalid();
            }
            List<FlowResult.IssuedCommand> commands = new ArrayList<>();
            for (JsonNode c : (ArrayNode) body.path("commands")) {
                commands.add(new FlowResult.IssuedCommand(
                        c.path("action").asText(), c.path("type").asText(), c.path("args")));
            }
            return new State(
                    tenantId,
                    body.path("trigger").asText(),
                    body.path("execution_id").asText(),
                    body.path("index").asInt(),
                    body.path("action_id").asText(),
                    body.path("version_id").asText(),
                    commands,
                    (ObjectNode) body.path("tx_metadata"),
                    Instant.ofEpochSecond(body.path("exp").asLong()),
                    body.path("jti").asText());
        } catch (IllegalArgumentException | IOException | ClassCastException e) {
            throw invalid();
        }
    }

    public Instant expiryFromNow() {
        return clock.instant().plus(ttl);
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
