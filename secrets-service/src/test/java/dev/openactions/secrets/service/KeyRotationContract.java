package dev.openactions.secrets.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import dev.openactions.secrets.keys.KeyProvider;
import dev.openactions.secrets.keys.KeyProviderException;
import dev.openactions.secrets.keys.SealedValue;
import dev.openactions.secrets.support.LogCapture;
import dev.openactions.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Key rotation, the same for every key provider: rotate, rewrap every stored value in the
 * background, then retire the old versions — and refuse to retire while a value still needs them.
 */
abstract class KeyRotationContract {
    static final String ROTATIONS = "/internal/v1/admin/key-rotations";
    /** A token whose subject the audit trail and the rotation record as the operator. */
    static String operator(String subject) {
        return TestTokens.bearer(TestTokens.forService(
                subject, "admin:keys", "read:audit", "read:secrets", "write:secrets", "decrypt:secrets"));
    }

    static final int SEAL_BATCH = 500;

    @Inject
    KeyProvider keys;

    @Inject
    AgroalDataSource dataSource;

    /** One stored value as the test knows it. */
    record Seeded(String tenant, String owner, String name, String value) {
        byte[] binding() {
            return new SecretBinding(tenant, owner, name).bytes();
        }
    }

    /**
     * Stores {@code count} values (ten per owner) the fast way: sealed by the provider in batches,
     * inserted with JDBC batches — what the service would store, without 1,000 HTTP round trips.
     */
    List<Seeded> seed(String tenant, int count) throws SQLException {
        String run = UUID.randomUUID().toString();
        List<Seeded> seeded = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            seeded.add(new Seeded(tenant, "owner-" + (i / 10), "SECRET_" + (i % 10), "value-" + i + "-" + run));
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement(
                        "insert into secret_values (tenant_id, owner_id, name, ciphertext, key_id, key_version, created_at, updated_at)"
                                + " values (?, ?, ?, ?, ?, ?, now(), now())")) {
            c.setAutoCommit(false);
            for (int from = 0; from < count; from += SEAL_BATCH) {
                List<Seeded> chunk = seeded.subList(from, Math.min(count, from + SEAL_BATCH));
                List<SealedValue> sealed = keys.seal(chunk.stream()
                        .map(s -> new KeyProvider.Plaintext(s.value().getBytes(StandardCharsets.UTF_8), s.binding()))
                        .toList());
                for (int i = 0; i < chunk.size(); i++) {
                    insert.setString(1, chunk.get(i).tenant());
                    insert.setString(2, chunk.get(i).owner());
                    insert.setString(3, chunk.get(i).name());
                    insert.setBytes(4, sealed.get(i).ciphertext());
                    insert.setString(5, sealed.get(i).keyId());
                    insert.setInt(6, sealed.get(i).keyVersion());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            c.commit();
        }
        return seeded;
    }

    /** Reads the tenant's rows back and opens each with the provider, in batches: owner/name → value. */
    Map<String, String> openAll(String tenant) throws SQLException {
        List<KeyProvider.Ciphertext> ciphertexts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement(
                        "select owner_id, name, ciphertext, key_id, key_version from secret_values where tenant_id = ? order by id")) {
            select.setString(1, tenant);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1) + "/" + rs.getString(2));
                    ciphertexts.add(new KeyProvider.Ciphertext(
                            new SealedValue(rs.getString(4), rs.getInt(5), rs.getBytes(3)),
                            new SecretBinding(tenant, rs.getString(1), rs.getString(2)).bytes()));
                }
            }
        }
        Map<String, String> opened = new LinkedHashMap<>();
        for (int from = 0; from < ciphertexts.size(); from += SEAL_BATCH) {
            List<byte[]> values = keys.open(ciphertexts.subList(from, Math.min(ciphertexts.size(), from + SEAL_BATCH)));
            for (int i = 0; i < values.size(); i++) {
                opened.put(names.get(from + i), new String(values.get(i), StandardCharsets.UTF_8));
            }
        }
        return opened;
    }

    long count(String sql, Object... parameters) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static JsonPath rotation(String id) {
        return given().get(ROTATIONS + "/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    static String startRotation(String caller) {
        ExtractableResponse<Response> started = given().header("Authorization", operator(caller))
                .post(ROTATIONS)
                .then()
                .statusCode(202)
                .body("status", equalTo("rewrapping"))
                .extract();
        String id = started.path("id");
        assertThat(started.header("Location")).endsWith(ROTATIONS + "/" + id);
        return id;
    }

    static void awaitStatus(String id, String status) {
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> rotation(id).getString("status"), equalTo(status));
    }

    static double metric(String name) {
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*})? (\\S+)$").matcher(metrics);
        assertThat(m.find()).as("metric " + name).isTrue();
        return Double.parseDouble(m.group(1));
    }

    static void tamper(Connection c, String tenant, String owner, String name) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate(
                    "update secret_values set ciphertext = overlay(ciphertext placing decode(lpad(to_hex(get_byte(ciphertext, 20) # 1), 2, '0'), 'hex') from 21 for 1)"
                            + " where tenant_id = '" + tenant + "' and owner_id = '" + owner + "' and name = '" + name
                            + "'");
        }
    }

    @Test
    void rotatesAndRewrapsTenThousandValuesThenRetiresTheOldVersion() throws Exception {
        String tenant = "bulk-" + UUID.randomUUID().toString().substring(0, 8);
        KeyProvider.KeyStatus before = keys.status();
        List<Seeded> seeded = seed(tenant, 10_000);
        Seeded sample = seeded.get(4242);
        KeyProvider.Ciphertext oldCiphertext;
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "select ciphertext, key_id, key_version from secret_values where tenant_id = ? and owner_id = ? and name = ?")) {
            s.setString(1, tenant);
            s.setString(2, sample.owner());
            s.setString(3, sample.name());
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                oldCiphertext = new KeyProvider.Ciphertext(
                        new SealedValue(rs.getString(2), rs.getInt(3), rs.getBytes(1)), sample.binding());
            }
        }
        double rewrappedBefore = metric("secrets_rotation_values_rewrapped_total");

        try (LogCapture logs = LogCapture.start()) {
            String id = startRotation("ops:alice");
            JsonPath started = rotation(id);
            int target = started.getInt("target_version");
            assertThat(target).isEqualTo(before.latestVersion() + 1);
            assertThat(started.getLong("total")).isGreaterThanOrEqualTo(10_000);
            assertThat(started.getString("requested_by")).isEqualTo("ops:alice");

            awaitStatus(id, "completed");
            JsonPath done = rotation(id);
            assertThat(done.getLong("rewrapped")).isGreaterThanOrEqualTo(10_000);
            assertThat(done.getLong("failed")).isZero();
            assertThat(done.getLong("remaining")).isZero();
            assertThat(done.getString("completed_at")).isNotNull();

            // nothing sealed under an older version is left in the table
            assertThat(count("select count(*) from secret_values where key_version < ?", target))
                    .isZero();
            assertThat(count(
                            "select count(*) from secret_values where tenant_id = ? and key_version = ? and key_id = ?",
                            tenant,
                            target,
                            before.keyId()))
                    .isEqualTo(10_000);
            // every value still decrypts to what was stored
            Map<String, String> opened = openAll(tenant);
            assertThat(opened).hasSize(10_000);
            for (Seeded s : seeded) {
                assertThat(opened.get(s.owner() + "/" + s.name())).isEqualTo(s.value());
            }
            given().post("/internal/v1/tenants/" + tenant + "/owners/" + sample.owner() + "/secrets/decrypt")
                    .then()
                    .statusCode(200)
                    .body("secrets." + sample.name(), equalTo(sample.value()));
            assertThat(metric("secrets_rotation_values_remaining")).isZero();
            assertThat(metric("secrets_rotation_values_rewrapped_total") - rewrappedBefore)
                    .isGreaterThanOrEqualTo(10_000);

            // the old version can go now, and then really is gone
            given().header("Authorization", operator("ops:bob"))
                    .post(ROTATIONS + "/" + id + "/retire")
                    .then()
                    .statusCode(200)
                    .body("retired_below", equalTo(target))
                    .body("retired_by", equalTo("ops:bob"));
            given().get("/internal/v1/admin/key")
                    .then()
                    .statusCode(200)
                    .body("min_decryption_version", equalTo(target))
                    .body("latest_version", equalTo(target))
                    .body("values_by_version.'" + target + "'", greaterThanOrEqualTo(10_000));
            assertThat(keys.status().minDecryptionVersion()).isEqualTo(target);
            assertThatThrownBy(() -> keys.open(List.of(oldCiphertext)))
                    .isInstanceOf(KeyProviderException.class)
                    .satisfies(e ->
                            assertThat(((KeyProviderException) e).unavailable()).isFalse());
            assertThat(openAll(tenant)).containsEntry(sample.owner() + "/" + sample.name(), sample.value());

            assertThat(logs.text()).contains("Key rotation " + id + " completed");
            for (Seeded s : List.of(seeded.get(0), sample, seeded.get(9_999))) {
                assertThat(logs.text()).doesNotContain(s.value());
            }
        }
    }

    @Test
    void refusesToRetireWhileAValueStillNeedsAnOldVersion() throws Exception {
        String tenant = "broken-" + UUID.randomUUID().toString().substring(0, 8);
        seed(tenant, 50);
        try (Connection c = dataSource.getConnection()) {
            tamper(c, tenant, "owner-3", "SECRET_7");
        }
        String id = startRotation("ops:alice");
        int target = rotation(id).getInt("target_version");
        awaitStatus(id, "incomplete");
        JsonPath done = rotation(id);
        assertThat(done.getLong("failed")).isEqualTo(1);
        assertThat(done.getLong("remaining")).isEqualTo(1);
        assertThat(done.getString("last_error")).contains("could not be rewrapped");

        given().post(ROTATIONS + "/" + id + "/retire")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://openactions.dev/problems/retirement-refused"));
        assertThat(keys.status().minDecryptionVersion()).isLessThan(target);
        given().get(ROTATIONS + "/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");

        // the owner sets the broken secret again: now nothing needs the old version
        given().contentType(ContentType.JSON)
                .body("{\"value\":\"fixed\"}")
                .put("/internal/v1/tenants/" + tenant + "/owners/owner-3/secrets/SECRET_7")
                .then()
                .statusCode(200);
        given().post(ROTATIONS + "/" + id + "/retire").then().statusCode(200).body("retired_below", equalTo(target));
        assertThat(keys.status().minDecryptionVersion()).isEqualTo(target);
        assertThat(openAll(tenant)).hasSize(50).containsEntry("owner-3/SECRET_7", "fixed");
    }
}
