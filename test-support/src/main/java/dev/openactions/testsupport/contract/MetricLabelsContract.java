package dev.openactions.testsupport.contract;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every service's {@code config/MetricLabels} and {@code api/HttpProblems}: {@code /q/metrics} never
 * turns a path or a method the client chose into a label (unmatched routes count as
 * {@code /unmatched}, odd methods as {@code OTHER}), so probes cannot grow the label set. An
 * interface, so a {@code @QuarkusTest} that already runs another contract adds it without a second
 * application boot.
 */
public interface MetricLabelsContract {

    /** A path of one of the service's routes. */
    String aRoute();

    @Test
    default void metricsDoNotLabelPathsOrMethodsTheClientChose() {
        String probe = "probe-" + UUID.randomUUID().toString().substring(0, 8);
        given().get("/" + probe + "/secret-path");
        given().request("FROBNICATE", aRoute());
        given().request("FROBNICATE", "/" + probe + "/other");
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("http_server_requests"), "no HTTP metrics at /q/metrics");
        assertFalse(metrics.contains(probe), "a client-chosen path became a label");
        assertFalse(metrics.contains("FROBNICATE"), "a client-chosen method became a label");
    }
}
