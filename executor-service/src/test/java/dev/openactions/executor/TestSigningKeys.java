package dev.openactions.executor;

import dev.openactions.testsupport.JwtResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * Every test of this module runs against a service that verifies bearer tokens with the test key
 * pair (test-support's {@link JwtResource}); the tests send tokens minted with it.
 */
@WithTestResource(value = JwtResource.class, scope = TestResourceScope.GLOBAL)
final class TestSigningKeys {
    private TestSigningKeys() {}
}
