package dev.openactions.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openactions.localstack.TokenMint;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Correctly signed tokens that every service must still refuse with 401: a tenant claim that is not
 * a tenant id as written (quoted, an array, an object, a number, empty), an {@code iat} in the
 * future beyond the clock skew, and a lifetime longer than the 24 h maximum.
 */
public final class HostileTokens {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HostileTokens() {}

    /** Each refused token by what is wrong with it. */
    public static Map<String, String> refused(String tenant, String... scopes) {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("quoted tenant", token(scopes, c -> c.put(TokenMint.TENANT_CLAIM, "\"" + tenant + "\"")));
        tokens.put(
                "tenant in an array",
                token(scopes, c -> c.putArray(TokenMint.TENANT_CLAIM).add(tenant)));
        tokens.put(
                "tenant in an object",
                token(scopes, c -> c.putObject(TokenMint.TENANT_CLAIM).put("id", tenant)));
        tokens.put("numeric tenant", token(scopes, c -> c.put(TokenMint.TENANT_CLAIM, 42)));
        tokens.put("empty tenant", token(scopes, c -> c.put(TokenMint.TENANT_CLAIM, "")));
        tokens.put("tenant with a slash", token(scopes, c -> c.put(TokenMint.TENANT_CLAIM, tenant + "/x")));
        long now = Instant.now().getEpochSecond();
        tokens.put(
                "iat an hour ahead",
                token(
                        scopes,
                        c -> c.put(TokenMint.TENANT_CLAIM, tenant)
                                .put("iat", now + 3600)
                                .put("exp", now + 7200)));
        tokens.put(
                "lifetime of 25 hours",
                token(
                        scopes,
                        c -> c.put(TokenMint.TENANT_CLAIM, tenant)
                                .put("iat", now - 60)
                                .put("exp", now - 60 + Duration.ofHours(25).toSeconds())));
        return tokens;
    }

    /** A token these rules accept: iat a few seconds ahead (within the skew), a lifetime of exactly 24 h. */
    public static String acceptedAtTheLimits(String tenant, String... scopes) {
        long now = Instant.now().getEpochSecond();
        return token(
                scopes,
                c -> c.put(TokenMint.TENANT_CLAIM, tenant)
                        .put("iat", now + 5)
                        .put("exp", now + 5 + Duration.ofHours(24).toSeconds()));
    }

    private static String token(String[] scopes, Consumer<ObjectNode> adjust) {
        long now = Instant.now().getEpochSecond();
        ObjectNode claims = JSON.createObjectNode();
        claims.put("iss", TokenMint.LOCAL_ISSUER)
                .put("sub", "client-hostile@clients")
                .put("aud", TokenMint.AUDIENCE)
                .put("iat", now)
                .put("exp", now + 1800)
                .put("jti", UUID.randomUUID().toString())
                .put("scope", String.join(" ", scopes));
        adjust.accept(claims);
        return TokenMint.local(TestTokens.keys()).sign(claims);
    }
}
