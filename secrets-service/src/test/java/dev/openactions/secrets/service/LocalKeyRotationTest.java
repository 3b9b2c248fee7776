package dev.openactions.secrets.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.openactions.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Rotation with the local keyring; its own database and key file, so other tests' rows do not interfere. */
@QuarkusTest
@TestProfile(LocalKeyRotationTest.Profile.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "role", value = "secrets"))
class LocalKeyRotationTest extends KeyRotationContract {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("secrets.local.key-file", "target/rotation-test-kek", "secrets.rotation.batch-size", "500");
        }
    }

    @ConfigProperty(name = "secrets.local.key-file")
    Path keyFile;

    @Test
    void keepsTheKeyIdOfTheRowsAndTurnsTheKeyFileIntoAKeyring() throws Exception {
        String tenant = "ring-" + UUID.randomUUID().toString().substring(0, 8);
        String keyId = keys.status().keyId();
        seed(tenant, 20);
        String id = startRotation("ops:alice");
        awaitStatus(id, "completed");
        int target = rotation(id).getInt("target_version");

        assertThat(count(
                        "select count(*) from secret_values where tenant_id = ? and key_id = ? and key_version = ?",
                        tenant,
                        keyId,
                        target))
                .isEqualTo(20);
        assertThat(Files.readString(keyFile)).contains("id=" + keyId).containsPattern("(?m)^" + target + "=");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                .isEqualTo("rw-------");
    }

    @Test
    void resumesARotationLeftUnfinishedByAnInstanceThatStopped() throws Exception {
        String tenant = "resume-" + UUID.randomUUID().toString().substring(0, 8);
        List<Seeded> seeded = seed(tenant, 200);
        long rows = count("select count(*) from secret_values");
        // what a stopped instance leaves behind: the key rotated, the rotation half-way (cursor at the 100th row)
        int target = keys.rotate();
        String id = UUID.randomUUID().toString();
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement("""
                insert into key_rotations (id, status, key_id, target_version, pass, cursor_id, total, rewrapped, failed,
                                           requested_by, created_at, updated_at)
                select ?::uuid, 'REWRAPPING', ?, ?, 1, (select id from secret_values where tenant_id = ? order by id offset 99 limit 1),
                       200, 0, 0, 'ops:stopped', now(), now()""")) {
            insert.setString(1, id);
            insert.setString(2, keys.status().keyId());
            insert.setInt(3, target);
            insert.setString(4, tenant);
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }

        // no request needed: the scheduler finds it and finishes the job, a second pass catching the rows before the
        // cursor
        awaitStatus(id, "completed");
        JsonPath done = rotation(id);
        assertThat(done.getInt("pass")).isEqualTo(2);
        assertThat(done.getLong("rewrapped")).isEqualTo(rows); // every row was below the new version
        assertThat(count("select count(*) from secret_values where key_version < ?", target))
                .isZero();
        assertThat(openAll(tenant))
                .hasSize(200)
                .containsEntry(
                        seeded.get(7).owner() + "/" + seeded.get(7).name(),
                        seeded.get(7).value());
        given().get("/internal/v1/admin/key")
                .then()
                .statusCode(200)
                .body("provider", equalTo("local"))
                .body("active_rotation", equalTo(null));
    }
}
