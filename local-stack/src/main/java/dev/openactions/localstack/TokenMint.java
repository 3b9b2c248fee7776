package dev.openactions.localstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.UUID;

/**
 * Mints RS256 access tokens the way an OAuth2 authorization server (Auth0) shapes them:
 * {@code iss}, {@code aud}, {@code sub}, {@code iat}, {@code exp}, a space-separated {@code scope},
 * and the tenant in {@value #TENANT_CLAIM}. Local mode and tests only; the JDK signs, so nothing here
 * depends on a JWT library.
 */
public final class TokenMint {
    /** The claim the services read the tenant from (namespaced, as Auth0 requires for custom claims). */
    public static final String TENANT_CLAIM = "https://openactions.dev/tenant";
    /** The claim the registry reads a partner organisation from (marketplace, ADR 16). */
    public static final String PARTNER_CLAIM = "https://openactions.dev/partner";
    /** Issuer and audience of the local stack and the tests; production configures its own. */
    public static final String LOCAL_ISSUER = "https://openactions.local/";

    public static final String AUDIENCE = "https://api.openactions.dev/";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey key;
    private final String issuer;

    public TokenMint(PrivateKey key, String issuer) {
        this.key = key;
        this.issuer = issuer;
    }

    public static TokenMint local(SigningKeys keys) {
        return new TokenMint(keys.loadPrivateKey(), LOCAL_ISSUER);
    }

    /** A token for a tenant's API client (tenant may be null: a service identity). */
    public String mint(String subject, String tenant, Collection<String> scopes, Duration ttl) {
        return mint(subject, tenant, scopes, AUDIENCE, Instant.now().plus(ttl));
    }

    /** A token for a partner organisation's tooling (no tenant): what the partner API and the guide use. */
    public String mintPartner(String subject, String partner, Collection<String> scopes, Duration ttl) {
        ObjectNode claims =
                claims(subject, null, scopes, AUDIENCE, Instant.now().plus(ttl));
        claims.put(PARTNER_CLAIM, partner);
        return sign(claims);
    }

    public String mint(String subject, String tenant, Collection<String> scopes, String audience, Instant expiresAt) {
        return sign(claims(subject, tenant, scopes, audience, expiresAt));
    }

    private ObjectNode claims(
            String subject, String tenant, Collection<String> scopes, String audience, Instant expiresAt) {
        ObjectNode claims = JSON.createObjectNode();
        claims.put("iss", issuer)
                .put("sub", subject)
                .put("aud", audience)
                .put("iat", Math.min(Instant.now().getEpochSecond(), expiresAt.getEpochSecond() - 1))
                .put("exp", expiresAt.getEpochSecond())
                .put("jti", UUID.randomUUID().toString())
                .put("scope", String.join(" ", scopes));
        if (tenant != null) {
            claims.put(TENANT_CLAIM, tenant);
        }
        return claims;
    }

    /** Signs arbitrary claims (tests use it for malformed tokens). */
    public String sign(ObjectNode claims) {
        String header = B64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = B64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        String signingInput = header + "." + payload;
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }
}
