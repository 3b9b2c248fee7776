package dev.openactions.secrets.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import dev.openactions.testsupport.PostgresResource;
import dev.openactions.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "role", value = "secrets"))
class AuditTrailTest {
    private static final String AUTH = "Authorization";
    private static final String[] ALL_SCOPES = {
        "read:secrets", "write:secrets", "decrypt:secrets", "read:audit", "admin:keys"
    };

    /** A token whose subject the audit trail records as the caller. */
    private static String as(String subject) {
        return TestTokens.bearer(TestTokens.forService(subject, ALL_SCOPES));
    }

    @Inject
    AgroalDataSource dataSource;

    private static String secrets(String tenant, String owner) {
        return "/internal/v1/tenants/" + tenant + "/owners/" + owner + "/secrets";
    }

    private static String audit(String tenant) {
        return "/internal/v1/tenants/" + tenant + "/audit";
    }

    @Test
    void recordsEveryChangeAndDecryptWithCallerAndNamesButNeverValues() throws Exception {
        String tenant = "audit-" + UUID.randomUUID().toString().substring(0, 8);
        String owner = "action-1";
        given().header(AUTH, as("registry-service"))
                .contentType(ContentType.JSON)
                .body("{\"secrets\":[{\"name\":\"B\",\"value\":\"value-b\"},{\"name\":\"A\",\"value\":\"value-a\"}]}")
                .put(secrets(tenant, owner))
                .then()
                .statusCode(200);
        given().header(AUTH, as("registry-service"))
                .contentType(ContentType.JSON)
                .body("{\"secrets\":[{\"name\":\"A\"},{\"name\":\"C\",\"value\":\"value-c\"}]}")
                .put(secrets(tenant, owner))
                .then()
                .statusCode(200);
        given().header(AUTH, as("executor-service"))
                .post(secrets(tenant, owner) + "/decrypt")
                .then()
                .statusCode(200);
        given().header(AUTH, as("ops:alice"))
                .contentType(ContentType.JSON)
                .body("{\"value\":\"value-d\"}")
                .put(secrets(tenant, owner) + "/D")
                .then()
                .statusCode(200);
        given().header(AUTH, as("ops:alice"))
                .delete(secrets(tenant, owner) + "/D")
                .then()
                .statusCode(204);
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate(
                    "update secret_values set ciphertext = (select ciphertext from secret_values where tenant_id = '"
                            + tenant + "' and name = 'A') where tenant_id = '" + tenant + "' and name = 'C'");
        }
        given().header(AUTH, as("executor-service"))
                .post(secrets(tenant, owner) + "/decrypt")
                .then()
                .statusCode(500);
        given().header(AUTH, as("registry-service"))
                .delete("/internal/v1/tenants/" + tenant + "/owners/" + owner)
                .then()
                .statusCode(204);
        // a subject outside the safe alphabet is not written into the audit trail as it is
        given().header(AUTH, as("spaces and; other=stuff"))
                .post(secrets(tenant, "action-2") + "/decrypt")
                .then()
                .statusCode(200);

        given().queryParam("owner_id", owner)
                .get(audit(tenant))
                .then()
                .statusCode(200)
                .body("total", equalTo(8))
                .body(
                        "events.action",
                        contains("delete", "decrypt", "delete", "set", "decrypt", "delete", "set", "set"))
                .body(
                        "events.outcome",
                        contains(
                                "success", "failure", "success", "success", "success", "success", "success", "success"))
                .body(
                        "events.caller",
                        contains(
                                "registry-service",
                                "executor-service",
                                "ops:alice",
                                "ops:alice",
                                "executor-service",
                                "registry-service",
                                "registry-service",
                                "registry-service"))
                .body(
                        "events.names",
                        contains(
                                List.of("A", "C"),
                                List.of("A", "C"),
                                List.of("D"),
                                List.of("D"),
                                List.of("A", "C"),
                                List.of("B"),
                                List.of("C"),
                                List.of("A", "B")))
                .body("events[1].detail", equalTo("integrity check failed"))
                .body("events.tenant_id", everyItem(equalTo(tenant)))
                .body("events.occurred_at", everyItem(notNullValue()))
                .body(not(containsString("value-")));

        given().get(audit(tenant))
                .then()
                .statusCode(200)
                .body("total", equalTo(9))
                .body("events[0].owner_id", equalTo("action-2"))
                .body("events[0].caller", equalTo("unknown"))
                .body("events[0].names", empty());
    }

    @Test
    void pagesNewestFirstAndKeepsTenantsApart() {
        String tenant = "audit-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 5; i++) {
            given().contentType(ContentType.JSON)
                    .body("{\"secrets\":[{\"name\":\"S" + i + "\",\"value\":\"v\"}]}")
                    .put(secrets(tenant, "o" + i))
                    .then()
                    .statusCode(200);
        }
        given().queryParam("per_page", 2)
                .queryParam("page", 0)
                .get(audit(tenant))
                .then()
                .statusCode(200)
                .body("events", hasSize(2))
                .body("total", equalTo(5))
                .body("page", equalTo(0))
                .body("per_page", equalTo(2))
                .body("events.owner_id", contains("o4", "o3"))
                .body("events.action", contains("set", "set"));
        given().queryParam("per_page", 2)
                .queryParam("page", 2)
                .get(audit(tenant))
                .then()
                .statusCode(200)
                .body("events", hasSize(1))
                .body("events[0].owner_id", equalTo("o0"));
        given().get(audit("other-" + tenant))
                .then()
                .statusCode(200)
                .body("events", empty())
                .body("total", equalTo(0));
    }

    @Test
    void rejectsBadPaging() {
        given().queryParam("per_page", 101)
                .get(audit("t"))
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().queryParam("page", -1).get(audit("t")).then().statusCode(400).contentType("application/problem+json");
        given().queryParam("owner_id", "bad owner")
                .get(audit("t"))
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }
}
