package dev.openactions.secrets.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.openactions.testsupport.PostgresResource;
import dev.openactions.testsupport.VaultTransitResource;
import dev.openactions.testsupport.VaultTransitServer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rotation with Vault Transit (rotate, batch rewrap, min_decryption_version); its own Vault and database. */
@QuarkusTest
@TestProfile(VaultKeyRotationTest.Profile.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "role", value = "secrets"))
@WithTestResource(VaultTransitResource.class)
class VaultKeyRotationTest extends KeyRotationContract {
    static final String KEY = "openactions-secrets";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("secrets.rotation.batch-size", "250");
        }
    }

    @VaultTransitResource.InjectVault
    VaultTransitServer vault;

    @AfterEach
    void rewrapsAllowed() {
        vault.allowRewraps(Integer.MAX_VALUE);
        vault.setKeyAdministrationDenied(false);
    }

    @Test
    void rewrapsToAVersionAnOperatorCreatedWhenVaultDoesNotLetTheServiceRotate() throws Exception {
        String tenant = "policy-" + UUID.randomUUID().toString().substring(0, 8);
        List<Seeded> seeded = seed(tenant, 30);
        vault.setKeyAdministrationDenied(true);
        int before = vault.latestVersion(KEY);
        given().post(ROTATIONS)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://openactions.dev/problems/key-operation-not-permitted"))
                .body("detail", containsString("rotate_key=false"));
        assertThat(vault.latestVersion(KEY)).isEqualTo(before);
        given().get("/internal/v1/admin/key").then().statusCode(200).body("active_rotation", nullValue());

        int target = vault.rotate(KEY); // the operator, with their own token
        String id = given().queryParam("rotate_key", false)
                .post(ROTATIONS)
                .then()
                .statusCode(202)
                .body("target_version", equalTo(target))
                .extract()
                .path("id");
        awaitStatus(id, "completed");
        assertThat(vault.latestVersion(KEY)).isEqualTo(target);
        assertThat(count("select count(*) from secret_values where key_version < ?", target))
                .isZero();
        Map<String, String> opened = openAll(tenant);
        seeded.forEach(s -> assertThat(opened).containsEntry(s.owner() + "/" + s.name(), s.value()));

        given().post(ROTATIONS + "/" + id + "/retire")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://openactions.dev/problems/key-operation-not-permitted"))
                .body("detail", containsString("min_decryption_version=" + target));
        assertThat(vault.minDecryptionVersion(KEY)).isLessThan(target);
    }

    @Test
    void retiringRaisesTheMinimumDecryptionVersionInVault() throws Exception {
        seed("min-" + UUID.randomUUID().toString().substring(0, 8), 10);
        String id = startRotation("ops:alice");
        awaitStatus(id, "completed");
        int target = rotation(id).getInt("target_version");
        assertThat(vault.latestVersion(KEY)).isEqualTo(target);
        given().post(ROTATIONS + "/" + id + "/retire").then().statusCode(200);
        assertThat(vault.minDecryptionVersion(KEY)).isEqualTo(target);
    }

    @Test
    void pausesWhileVaultRefusesToRewrapAndServesEveryoneMeanwhile() throws Exception {
        String tenant = "pause-" + UUID.randomUUID().toString().substring(0, 8);
        List<Seeded> seeded = seed(tenant, 1_000);
        // rows go in id order, 250 per Vault call: let Vault rewrap until part of this tenant's rows are done
        long earlierRows = count(
                "select count(*) from secret_values where id < (select min(id) from secret_values where tenant_id = ?)",
                tenant);
        int allowed = (int) (earlierRows / 250) + 2;
        vault.allowRewraps(allowed);
        String id = startRotation("ops:alice");
        int target = rotation(id).getInt("target_version");

        await().atMost(Duration.ofSeconds(30)).until(() -> rotation(id).getString("last_error") != null);
        JsonPath paused = rotation(id);
        assertThat(paused.getString("status")).isEqualTo("rewrapping");
        assertThat(paused.getLong("rewrapped")).isEqualTo(250L * allowed);
        long below = count("select count(*) from secret_values where key_version < ?", target);
        assertThat(below).isPositive();
        assertThat(paused.getLong("remaining")).isEqualTo(below);
        assertThat(metric("secrets_rotation_values_remaining")).isEqualTo(below);

        // no downtime: values under both versions decrypt, new values go to the new version
        String rewrapped = ownerAt(tenant, "=", target);
        String notYet = ownerAt(tenant, "<", target);
        for (String owner : List.of(rewrapped, notYet)) {
            Seeded expected = seeded.stream()
                    .filter(s -> s.owner().equals(owner))
                    .findFirst()
                    .orElseThrow();
            given().post("/internal/v1/tenants/" + tenant + "/owners/" + owner + "/secrets/decrypt")
                    .then()
                    .statusCode(200)
                    .body("secrets." + expected.name(), equalTo(expected.value()));
        }
        given().contentType(ContentType.JSON)
                .body("{\"secrets\":[{\"name\":\"NEW\",\"value\":\"during-rotation\"}]}")
                .put("/internal/v1/tenants/" + tenant + "/owners/new-owner/secrets")
                .then()
                .statusCode(200);
        assertThat(count("select count(*) from secret_values where owner_id = 'new-owner' and key_version = ?", target))
                .isEqualTo(1);

        given().post(ROTATIONS)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://openactions.dev/problems/rotation-in-progress"));
        given().post(ROTATIONS + "/" + id + "/retire").then().statusCode(409);
        given().get("/internal/v1/admin/key").then().statusCode(200).body("active_rotation", equalTo(id));

        vault.allowRewraps(Integer.MAX_VALUE);
        awaitStatus(id, "completed");
        assertThat(rotation(id).getString("last_error")).isNull();
        assertThat(count("select count(*) from secret_values where key_version < ?", target))
                .isZero();
        assertThat(openAll(tenant)).hasSize(1_001);
    }

    private String ownerAt(String tenant, String comparison, int version) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement("select owner_id from secret_values where tenant_id = ? and key_version "
                                + comparison + " ? order by id limit 1")) {
            s.setString(1, tenant);
            s.setInt(2, version);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }
}
