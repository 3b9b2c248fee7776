package dev.openactions.registry.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import dev.openactions.registry.ExecutorStubResource;
import dev.openactions.testsupport.HttpSinkResource;
import dev.openactions.testsupport.KafkaResource;
import dev.openactions.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The console's files at /console/ with their caching headers, and its public sign-in settings (local sign-in off). */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "role", value = "registry"))
@WithTestResource(KafkaResource.class)
@WithTestResource(
        value = HttpSinkResource.class,
        initArgs = @ResourceArg(name = "property", value = "quarkus.rest-client.secrets-service.url"))
@WithTestResource(ExecutorStubResource.class)
class ConsoleFilesTest {

    @BeforeEach
    void anonymous() {
        RestAssured.replaceFiltersWith(List.of());
    }

    private static String indexHtml() {
        return given().get("/console/").then().statusCode(200).extract().asString();
    }

    @Test
    void theIndexIsServedWithoutATokenAndRevalidatedEveryTime() {
        Response index = given().get("/console/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.contentType()).startsWith("text/html");
        assertThat(index.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(index.header("Content-Security-Policy"))
                .contains("script-src 'self'")
                .contains("frame-ancestors 'none'");
        assertThat(index.asString()).contains("<div id=\"app\">").contains("/console/assets/");
        given().get("/console/index.html").then().statusCode(200).header("Cache-Control", "no-cache");
        given().redirects().follow(false).get("/console").then().statusCode(302).header("Location", "/console/");
    }

    @Test
    void hashedAssetsAreCachedAsImmutable() {
        Matcher script =
                Pattern.compile("src=\"(/console/assets/[^\"]+\\.js)\"").matcher(indexHtml());
        assertThat(script.find()).as("index.html names its hashed script").isTrue();
        Response asset = given().get(script.group(1));
        assertThat(asset.statusCode()).isEqualTo(200);
        assertThat(asset.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
        assertThat(asset.contentType()).contains("javascript");
        assertThat(asset.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void nothingElseIsServedFromTheClasspath() {
        given().get("/console/assets/missing-0000.js").then().statusCode(404);
        given().get("/console/../application.properties").then().statusCode(not(equalTo(200)));
        given().get("/console/%2e%2e/application.properties").then().statusCode(not(equalTo(200)));
        given().get("/application.properties").then().statusCode(404);
    }

    @Test
    void withoutConfigurationNoSignInIsOfferedAndTheLocalOneIsClosed() {
        given().get("/console/config.json")
                .then()
                .statusCode(200)
                .header("Cache-Control", containsString("no-cache"))
                .body("sign_in", equalTo("none"));
        given().post("/console/local-sign-in")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body(not(containsString("Exception")));
    }
}
