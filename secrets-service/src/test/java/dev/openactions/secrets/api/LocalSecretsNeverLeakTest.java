package dev.openactions.secrets.api;

import dev.openactions.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The leak contract with the local AES-GCM provider, whose key file is always at hand. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "role", value = "secrets"))
class LocalSecretsNeverLeakTest extends SecretsNeverLeakContract {

    @Override
    void duringKeyBackendOutage(Runnable whileDown) {
        // a key file in memory has no outage to simulate
    }
}
