package dev.openactions.testsupport;

import dev.openactions.localstack.SigningKeys;
import dev.openactions.localstack.TokenMint;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a service at the test signing key pair ({@link TestTokens#keys()}): it verifies tokens
 * with the public key, against the local issuer and audience, and signs its own service tokens
 * (calls to other services) with the private key, as in local mode.
 */
public class JwtResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        SigningKeys keys = TestTokens.keys();
        return Map.of(
                "mp.jwt.verify.publickey.location",
                keys.publicKey().toUri().toString(),
                "mp.jwt.verify.issuer",
                TokenMint.LOCAL_ISSUER,
                "mp.jwt.verify.audiences",
                TokenMint.AUDIENCE,
                "smallrye.jwt.sign.key.location",
                keys.privateKey().toUri().toString());
    }

    @Override
    public void stop() {
        // the key files stay in target/ for the next test JVM
    }
}
