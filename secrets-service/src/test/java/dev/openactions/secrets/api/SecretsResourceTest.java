package dev.openactions.secrets.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import dev.openactions.testsupport.PostgresResource;
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
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "role", value = "secrets"))
class SecretsResourceTest {
    private static final String PLANTED = "sk_live_planted-" + UUID.randomUUID();

    @Inject
    AgroalDataSource dataSource;

    private static String ownerPath(String tenant, String owner) {
        return "/internal/v1/tenants/" + tenant + "/owners/" + owner;
    }

    @Test
    void storesValuesEncryptedAndListsOnlyNames() throws Exception {
        String owner = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON)
                .body("{\"secrets\":[{\"name\":\"MAIL_API_KEY\",\"value\":\"" + PLANTED + "\"}]}")
                .when()
                .put(ownerPath("tenant-a", owner) + "/secrets")
                .then()
                .statusCode(200)
                .body("secrets.name", contains("MAIL_API_KEY"))
                .body("secrets[0].updated_at", notNullValue())
                .body(not(containsString(PLANTED)));

        given().when()
                .get(ownerPath("tenant-a", owner) + "/secrets")
                .then()
                .statusCode(200)
                .body("secrets.name", contains("MAIL_API_KEY"))
                .body("secrets[0]", not(hasKey("value")));

        given().when()
                .post(ownerPath("tenant-a", owner) + "/secrets/decrypt")
                .then()
                .statusCode(200)
                .body("secrets.MAIL_API_KEY", equalTo(PLANTED));

        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("select ciphertext from secret_values where owner_id = '" + owner + "'")) {
            assertThat(rs.next()).isTrue();
            String stored = new String(rs.getBytes(1), StandardCharsets.ISO_8859_1);
            assertThat(stored).doesNotContain(PLANTED).doesNotContain("planted");
        }
    }

    @Test
    void replacingTheSetKeepsUnchangedValuesAndDeletesAbsentNames() {
        String owner = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON)
                .body("{\"secrets\":[{\"name\":\"A\",\"value\":\"one\"},{\"name\":\"B\",\"value\":\"two\"}]}")
                .put(ownerPath("tenant-a", owner) + "/secrets")
                .then()
                .statusCode(200);

        given().contentType(ContentType.JSON)
                .body("{\"secrets\":[{\"name\":\"A\"},{\"name\":\"C\",\"value\":\"three\"}]}")
                .put(ownerPath("tenant-a", owner) + "/secrets")
                .then()
                .statusCode(200)
                .body("secrets.name", contains("A", "C"));

        given().post(ownerPath("tenant-a", owner) + "/secrets/decrypt")
                .then()
                .statusCode(200)
                .body("secrets.A", equalTo("one"))
                .body("secrets.C", equalTo("three"))
                .body("secrets", not(hasKey("B")));
    }

    @Test
    void aCiphertextMovedToAnotherTenantDoesNotDecrypt() throws Exception {
        String owner = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON)
                .body("{\"secrets\":[{\"name\":\"K\",\"value\":\"victim-value\"}]}")
                .put(ownerPath("victim", owner) + "/secrets")
                .then()
                .statusCode(200);
        given().contentType(ContentType.JSON)
                .body("{\"secrets\":[{\"name\":\"K\",\"value\":\"attacker\"}]}")
                .put(ownerPath("attacker", owner) + "/secrets")
                .then()
                .statusCode(200);
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate(
                    "update secret_values set ciphertext = (select ciphertext from secret_values where tenant_id = 'victim' and owner_id = '"
                            + owner + "') where tenant_id = 'attacker' and owner_id = '" + owner + "'");
        }
        given().post(ownerPath("attacker", owner) + "/secrets/decrypt")
                .then()
                .statusCode(500)
                .contentType("application/problem+json")
                .body(not(containsString("victim-value")));
    }

    @Test
    void aNewNameWithoutValueIsRejectedWithoutEchoingTheName() {
        given().contentType(ContentType.JSON)
                .body("{\"secrets\":[{\"name\":\"A\",\"value\":\"a\"},{\"name\":\"NEW_NAME_NOT_STORED\"}]}")
                .put(ownerPath("tenant-a", UUID.randomUUID().toString()) + "/secrets")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("secrets[1].value"))
                .body("detail", containsString("secrets[1].value: no value given"))
                .body(not(containsString("NEW_NAME_NOT_STORED")));
    }

    @Test
    void setsAndDeletesOneSecretAndLeavesTheOthers() {
        String owner = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON)
                .body("{\"secrets\":[{\"name\":\"A\",\"value\":\"one\"},{\"name\":\"B\",\"value\":\"two\"}]}")
                .put(ownerPath("tenant-a", owner) + "/secrets")
                .then()
                .statusCode(200);

        given().contentType(ContentType.JSON)
                .body("{\"value\":\"" + PLANTED + "\"}")
                .put(ownerPath("tenant-a", owner) + "/secrets/C")
                .then()
                .statusCode(200)
                .body("name", equalTo("C"))
                .body("updated_at", notNullValue())
                .body(not(containsString(PLANTED)));
        given().contentType(ContentType.JSON)
                .body("{\"value\":\"uno\"}")
                .put(ownerPath("tenant-a", owner) + "/secrets/A")
                .then()
                .statusCode(200);
        given().delete(ownerPath("tenant-a", owner) + "/secrets/B").then().statusCode(204);
        given().delete(ownerPath("tenant-a", owner) + "/secrets/B")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");

        given().post(ownerPath("tenant-a", owner) + "/secrets/decrypt")
                .then()
                .statusCode(200)
                .body("secrets.A", equalTo("uno"))
                .body("secrets.C", equalTo(PLANTED))
                .body("secrets", not(hasKey("B")));

        given().contentType(ContentType.JSON)
                .body("{}")
                .put(ownerPath("tenant-a", owner) + "/secrets/D")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .body("{\"value\":\"x\"}")
                .put(ownerPath("tenant-a", owner) + "/secrets/9bad")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void aTamperedRowGivesAnIntegrityErrorNamingTheSecretButNotItsValue() throws Exception {
        String owner = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON)
                .body(
                        "{\"secrets\":[{\"name\":\"INTACT\",\"value\":\"intact-value\"},{\"name\":\"TAMPERED\",\"value\":\""
                                + PLANTED + "\"}]}")
                .put(ownerPath("tenant-a", owner) + "/secrets")
                .then()
                .statusCode(200);
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            // flip one bit of the GCM output
            s.executeUpdate(
                    "update secret_values set ciphertext = overlay(ciphertext placing decode(lpad(to_hex(get_byte(ciphertext, 20) # 1), 2, '0'), 'hex') from 21 for 1)"
                            + " where owner_id = '" + owner + "' and name = 'TAMPERED'");
        }
        given().post(ownerPath("tenant-a", owner) + "/secrets/decrypt")
                .then()
                .statusCode(500)
                .contentType("application/problem+json")
                .body("type", equalTo("https://openactions.dev/problems/secret-integrity"))
                .body("detail", containsString("TAMPERED"))
                .body("detail", not(containsString("INTACT")))
                .body(not(containsString(PLANTED)))
                .body(not(containsString("intact-value")))
                .body(not(containsString("Exception")));
    }

    @Test
    void invalidInputGetsProblemDetails() {
        given().contentType(ContentType.JSON)
                .body("{\"secrets\":[{\"name\":\"1bad-name\",\"value\":\"x\"}]}")
                .put(ownerPath("tenant-a", "o1") + "/secrets")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors[0].field", containsString("name"));

        given().contentType(ContentType.JSON)
                .body("{\"secrets\": [ {\"name\": ")
                .put(ownerPath("tenant-a", "o1") + "/secrets")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body(not(containsString("Exception")));

        given().contentType(ContentType.JSON)
                .body("{\"secrets\":[{\"name\":\"A\",\"value\":\"" + "x".repeat(4097) + "\"}]}")
                .put(ownerPath("tenant-a", "o1") + "/secrets")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");

        given().contentType(ContentType.JSON)
                .body("{}")
                .put(ownerPath("tenant-a", "o1") + "/secrets")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");

        given().contentType(ContentType.JSON)
                .body("{\"secrets\":[]}")
                .put(ownerPath("bad tenant!", "o1") + "/secrets")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");

        given().get("/internal/v1/nothing-here").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void servesHealthOpenApiAndMetrics() {
        given().get("/q/health/ready").then().statusCode(200).body(containsString("key-provider"));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/openapi")
                .then()
                .statusCode(200)
                .body(containsString("/internal/v1/tenants/{tenantId}/owners/{ownerId}/secrets"));
        given().get(ownerPath("tenant-a", "metrics-probe") + "/secrets").then().statusCode(200);
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("http_server_requests_seconds_count{method=\"GET\",outcome=\"SUCCESS\""));
    }
}
