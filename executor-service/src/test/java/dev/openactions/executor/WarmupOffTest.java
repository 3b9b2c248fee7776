package dev.openactions.executor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import dev.openactions.executor.warmup.HttpWarmup;
import dev.openactions.testsupport.HttpSinkResource;
import dev.openactions.testsupport.KafkaResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * executor.warmup.enabled=false (the test profile's setting): no warm-up request is sent and readiness does
 * not wait for one. Same resources as FlowsResourceTest, so the application is shared, not restarted.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(
        value = HttpSinkResource.class,
        initArgs = @ResourceArg(name = "property", value = "quarkus.rest-client.secrets-service.url"))
class WarmupOffTest {
    @Inject
    HttpWarmup warmup;

    @Test
    void readinessDoesNotWaitForAWarmupThatIsOff() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body(containsString("\"warmup\""))
                .body(containsString("off"));
        assertThat(warmup.state()).isEqualTo(HttpWarmup.State.OFF);
        assertThat(warmup.requestsSent()).isZero();
    }
}
