package dev.openactions.secrets.keys;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import dev.openactions.testsupport.PostgresResource;
import dev.openactions.testsupport.VaultTransitResource;
import dev.openactions.testsupport.VaultTransitServer;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The vault-transit key provider through quarkus-vault against a Transit server doing real AES-GCM. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "role", value = "secrets"))
@WithTestResource(VaultTransitResource.class)
class VaultTransitProviderTest {
    @VaultTransitResource.InjectVault
    VaultTransitServer vault;

    @Inject
    AgroalDataSource dataSource;

    @AfterEach
    void vaultBack() {
        vault.setDown(false);
        vault.setUnresponsive(false);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }

    private static String owner(String tenant, String owner) {
        return "/internal/v1/tenants/" + tenant + "/owners/" + owner + "/secrets";
    }

    @Test
    void storesVaultCiphertextBoundToTheRowAndDecryptsIt() throws Exception {
        String owner = UUID.randomUUID().toString();
        String value = "vault-protected-" + UUID.randomUUID();
        given().contentType(ContentType.JSON)
                .body("{\"secrets\":[{\"name\":\"K\",\"value\":\"" + value + "\"}]}")
                .put(owner("t1", owner))
                .then()
                .statusCode(200);
        given().post(owner("t1", owner) + "/decrypt").then().statusCode(200).body("secrets.K", equalTo(value));

        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "select ciphertext, key_id, key_version from secret_values where owner_id = '" + owner + "'")) {
            assertThat(rs.next()).isTrue();
            String stored = new String(rs.getBytes(1), StandardCharsets.UTF_8);
            assertThat(stored).startsWith("vault:v1:").doesNotContain(value);
            assertThat(rs.getString(2)).isEqualTo("vault-transit:openactions-secrets");
            assertThat(rs.getInt(3)).isEqualTo(1);
        }
    }

    @Test
    void aCiphertextCopiedToAnotherOwnerDoesNotDecrypt() throws Exception {
        String victim = UUID.randomUUID().toString();
        String thief = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON)
                .body("{\"secrets\":[{\"name\":\"K\",\"value\":\"victim\"}]}")
                .put(owner("t1", victim))
                .then()
                .statusCode(200);
        given().contentType(ContentType.JSON)
                .body("{\"secrets\":[{\"name\":\"K\",\"value\":\"thief\"}]}")
                .put(owner("t1", thief))
                .then()
                .statusCode(200);
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate(
                    "update secret_values set ciphertext = (select ciphertext from secret_values where owner_id = '"
                            + victim + "') where owner_id = '" + thief + "'");
        }
        given().post(owner("t1", thief) + "/decrypt")
                .then()
                .statusCode(500)
                .contentType("application/problem+json")
                .body("type", equalTo("https://openactions.dev/problems/secret-integrity"))
                .body(not(containsString("victim")));
        given().post(owner("t1", victim) + "/decrypt").then().statusCode(200).body("secrets.K", equalTo("victim"));
    }

    @Test
    void vaultDownAnswers503AndReadinessRecovers() {
        String owner = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON)
                .body("{\"secrets\":[{\"name\":\"K\",\"value\":\"v\"}]}")
                .put(owner("t1", owner))
                .then()
                .statusCode(200);
        vault.setDown(true);
        given().post(owner("t1", owner) + "/decrypt").then().statusCode(503).contentType("application/problem+json");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(503));
        vault.setDown(false);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> given().get("/q/health/ready")
                        .then()
                        .log()
                        .ifValidationFails()
                        .statusCode(200));
        given().post(owner("t1", owner) + "/decrypt").then().statusCode(200).body("secrets.K", equalTo("v"));
    }

    @Test
    void aHangingVaultCostsOneBoundedWaitThenRequestsFailFastUntilItAnswers() {
        String owner = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON)
                .body("{\"secrets\":[{\"name\":\"K\",\"value\":\"v\"}]}")
                .put(owner("t1", owner))
                .then()
                .statusCode(200);
        vault.setUnresponsive(true);

        long start = System.nanoTime();
        given().post(owner("t1", owner) + "/decrypt")
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue());
        // bounded by quarkus.vault.read-timeout (3s), not by Vault
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));

        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(503));
        start = System.nanoTime();
        given().post(owner("t1", owner) + "/decrypt").then().statusCode(503);
        given().contentType(ContentType.JSON)
                .body("{\"secrets\":[{\"name\":\"K\",\"value\":\"w\"}]}")
                .put(owner("t1", owner))
                .then()
                .statusCode(503);
        // readiness says down: requests fail at once instead of waiting for Vault
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));

        vault.setUnresponsive(false);
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        given().post(owner("t1", owner) + "/decrypt").then().statusCode(200).body("secrets.K", equalTo("v"));
    }
}
