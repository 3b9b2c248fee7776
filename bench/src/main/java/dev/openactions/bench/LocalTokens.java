package dev.openactions.bench;

import dev.openactions.localstack.SigningKeys;
import dev.openactions.localstack.TokenMint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The auth server's bearer token for the executor's flow endpoint (ADR 8), minted with the local
 * stack's signing key pair, and the executor settings that make it verify such tokens. A token of
 * your own can be given with {@code --authorization} (or BENCH_AUTHORIZATION) instead.
 */
final class LocalTokens {
    /** What the executor needs to verify the tokens, and the header the load generator sends. */
    record Setup(Map<String, String> executorConfig, String authorizationHeader, Path publicKey) {

        /** The same verification settings as arguments of the Node reference's same-work mode. */
        List<String> nodeArguments() {
            return List.of(
                    "--verify-key",
                    publicKey.toString(),
                    "--issuer",
                    TokenMint.LOCAL_ISSUER,
                    "--audience",
                    TokenMint.AUDIENCE);
        }
    }

    private LocalTokens() {}

    static Setup create(Path keyDir, String tenant) {
        SigningKeys keys = SigningKeys.inDirectory(keyDir);
        String token =
                TokenMint.local(keys).mint("bench-auth-server", tenant, List.of("execute:flows"), Duration.ofHours(2));
        return new Setup(
                Map.of(
                        "mp.jwt.verify.publickey.location",
                        keys.publicKey().toUri().toString(),
                        "mp.jwt.verify.issuer",
                        TokenMint.LOCAL_ISSUER,
                        "mp.jwt.verify.audiences",
                        TokenMint.AUDIENCE,
                        "smallrye.jwt.sign.key.location",
                        keys.privateKey().toUri().toString()),
                "Authorization: Bearer " + token,
                keys.publicKey());
    }
}
