package dev.openactions.testsupport;

import dev.openactions.localstack.SigningKeys;
import dev.openactions.localstack.TokenMint;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Tokens for tests: valid ones for a tenant and scopes, and each way a token can be wrong (expired,
 * signed by another key, for another audience). The signing key pair lives in the module's
 * {@code target/test-jwt} and is shared by {@link JwtResource} (which gives the service the public
 * key) and {@link DefaultTokenCallback}.
 */
public final class TestTokens {
    /** Relative to the module directory, where surefire runs. */
    static final Path KEY_DIR = Path.of("target", "test-jwt").toAbsolutePath();

    private static final Path OTHER_KEY_DIR =
            Path.of("target", "test-jwt-other").toAbsolutePath();
    private static final Duration TTL = Duration.ofMinutes(30);

    private TestTokens() {}

    public static SigningKeys keys() {
        return SigningKeys.inDirectory(KEY_DIR);
    }

    private static TokenMint mint() {
        return TokenMint.local(keys());
    }

    /** A valid token of a tenant's API client with these scopes. */
    public static String forTenant(String tenant, String... scopes) {
        return mint().mint("client-" + tenant + "@clients", tenant, List.of(scopes), TTL);
    }

    /** A valid token of a service identity (no tenant) with these scopes. */
    public static String forService(String service, String... scopes) {
        return mint().mint(service, null, List.of(scopes), TTL);
    }

    /** Expired ten minutes ago (beyond any clock skew allowance). */
    public static String expired(String tenant, String... scopes) {
        return mint().mint(
                        "client-" + tenant + "@clients",
                        tenant,
                        List.of(scopes),
                        TokenMint.AUDIENCE,
                        Instant.now().minus(Duration.ofMinutes(10)));
    }

    /** Well formed and otherwise valid, but signed by a key the service does not trust. */
    public static String badSignature(String tenant, String... scopes) {
        return TokenMint.local(SigningKeys.inDirectory(OTHER_KEY_DIR))
                .mint("client-" + tenant + "@clients", tenant, List.of(scopes), TTL);
    }

    /** Valid, but issued for another API. */
    public static String wrongAudience(String tenant, String... scopes) {
        return mint().mint(
                        "client-" + tenant + "@clients",
                        tenant,
                        List.of(scopes),
                        "https://other-api.example.com/",
                        Instant.now().plus(TTL));
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    static List<String> split(String scopes) {
        return scopes == null || scopes.isBlank()
                ? List.of()
                : Arrays.asList(scopes.trim().split("\\s+"));
    }
}
