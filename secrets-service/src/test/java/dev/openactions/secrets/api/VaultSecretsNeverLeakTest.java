package dev.openactions.secrets.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dev.openactions.testsupport.PostgresResource;
import dev.openactions.testsupport.VaultTransitResource;
import dev.openactions.testsupport.VaultTransitServer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;

/** The leak contract with Vault Transit, including Vault going down mid-way. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "role", value = "secrets"))
@WithTestResource(VaultTransitResource.class)
class VaultSecretsNeverLeakTest extends SecretsNeverLeakContract {
    @VaultTransitResource.InjectVault
    VaultTransitServer vault;

    @Override
    void duringKeyBackendOutage(Runnable whileDown) {
        vault.setDown(true);
        try {
            whileDown.run();
        } finally {
            vault.setDown(false);
        }
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }
}
