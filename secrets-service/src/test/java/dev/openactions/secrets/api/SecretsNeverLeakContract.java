package dev.openactions.secrets.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openactions.secrets.support.LogCapture;
import io.agroal.api.AgroalDataSource;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Planted secret values must not show up in any log line or in any response other than decrypt —
 * while storing, decrypting, failing to decrypt, refusing bad requests and (where the provider has
 * one) during a key backend outage. Run by each key provider.
 */
abstract class SecretsNeverLeakContract {
    @Inject
    AgroalDataSource dataSource;

    /** Values shaped like API keys and, on purpose, like valid secret names too. */
    private final List<String> planted = new ArrayList<>();

    private final List<String> responses = new ArrayList<>();
    private LogCapture logs;

    @BeforeEach
    void captureLogs() {
        logs = LogCapture.start();
    }

    @AfterEach
    void stopCapturing() {
        logs.close();
    }

    /** Puts the key backend out of reach, runs {@code whileDown}, brings it back and waits until ready. */
    abstract void duringKeyBackendOutage(Runnable whileDown);

    String plant() {
        String value = "sk_live_" + UUID.randomUUID().toString().replace("-", "");
        planted.add(value);
        return value;
    }

    private static String secrets(String owner) {
        return "/internal/v1/tenants/leak-test/owners/" + owner + "/secrets";
    }

    /** A response that must not contain planted values. */
    private Response keep(Response response) {
        responses.add(response.asString());
        return response;
    }

    @Test
    void plantedValuesReachNoLogLineAndNoResponseButDecrypt() throws Exception {
        String owner = UUID.randomUUID().toString();
        String stored = plant();
        String tampered = plant();
        String single = plant();
        keep(given().contentType(ContentType.JSON)
                        .body("{\"secrets\":[{\"name\":\"API_KEY\",\"value\":\"" + stored
                                + "\"},{\"name\":\"OTHER\",\"value\":\"" + tampered + "\"}]}")
                        .put(secrets(owner)))
                .then()
                .statusCode(200);
        keep(given().contentType(ContentType.JSON)
                        .body("{\"value\":\"" + single + "\"}")
                        .put(secrets(owner) + "/SINGLE"))
                .then()
                .statusCode(200);
        keep(given().get(secrets(owner))).then().statusCode(200);

        // decrypt is the one response that carries values
        Response decrypted = given().post(secrets(owner) + "/decrypt");
        decrypted.then().statusCode(200);
        assertThat(decrypted.asString()).contains(stored, tampered, single);

        // refused bodies: values and value-like names are not echoed
        String inBrokenJson = plant();
        keep(given().contentType(ContentType.JSON)
                        .body("{\"secrets\":[{\"name\":\"X\",\"value\":\"" + inBrokenJson + "\"")
                        .put(secrets(owner)))
                .then()
                .statusCode(400);
        String asObject = plant();
        keep(given().contentType(ContentType.JSON)
                        .body("{\"secrets\":[{\"name\":\"X\",\"value\":{\"v\":\"" + asObject + "\"}}]}")
                        .put(secrets(owner)))
                .then()
                .statusCode(400);
        String tooLong = plant();
        keep(given().contentType(ContentType.JSON)
                        .body("{\"secrets\":[{\"name\":\"X\",\"value\":\"" + tooLong + "x".repeat(4100) + "\"}]}")
                        .put(secrets(owner)))
                .then()
                .statusCode(400);
        String pastedAsName = plant();
        keep(given().contentType(ContentType.JSON)
                        .body("{\"secrets\":[{\"name\":\"" + pastedAsName + "\"}]}")
                        .put(secrets(owner)))
                .then()
                .statusCode(422);
        keep(given().contentType(ContentType.JSON)
                        .body("{\"secrets\":[{\"name\":\"" + pastedAsName + "\",\"value\":\"a\"},{\"name\":\""
                                + pastedAsName + "\",\"value\":\"b\"}]}")
                        .put(secrets(owner)))
                .then()
                .statusCode(422);
        String pastedWithDash = plant() + "-x";
        keep(given().contentType(ContentType.JSON)
                        .body("{\"secrets\":[{\"name\":\"" + pastedWithDash + "\",\"value\":\"v\"}]}")
                        .put(secrets(owner)))
                .then()
                .statusCode(400);
        keep(given().contentType(ContentType.JSON)
                        .body("{\"value\":\"" + plant() + "x".repeat(4100) + "\"}")
                        .put(secrets(owner) + "/SINGLE"))
                .then()
                .statusCode(400);

        // a row that fails its integrity check
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate(
                    "update secret_values set ciphertext = overlay(ciphertext placing decode(lpad(to_hex(get_byte(ciphertext, 20) # 1), 2, '0'), 'hex') from 21 for 1)"
                            + " where owner_id = '" + owner + "' and name = 'OTHER'");
        }
        keep(given().post(secrets(owner) + "/decrypt")).then().statusCode(500);

        // the key backend out of reach while storing and decrypting
        String owner2 = UUID.randomUUID().toString();
        String whileDown = plant();
        duringKeyBackendOutage(() -> {
            keep(given().contentType(ContentType.JSON)
                            .body("{\"secrets\":[{\"name\":\"K\",\"value\":\"" + whileDown + "\"}]}")
                            .put(secrets(owner2)))
                    .then()
                    .statusCode(503);
            keep(given().post(secrets(owner) + "/decrypt")).then().statusCode(503);
        });

        keep(given().get("/internal/v1/tenants/leak-test/audit"));
        keep(given().get("/q/metrics"));
        given().delete("/internal/v1/tenants/leak-test/owners/" + owner).then().statusCode(204);

        // the capture works: it saw this test's own log lines
        assertThat(logs.text())
                .contains("Decrypted 3 secrets of leak-test/" + owner)
                .contains("Integrity check failed");
        for (String value : planted) {
            assertThat(logs.text()).as("log output").doesNotContain(value);
            assertThat(responses).as("responses other than decrypt").noneMatch(body -> body.contains(value));
        }
    }
}
