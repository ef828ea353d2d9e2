package ${package}.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusIntegrationTest;

import ${package}.security.Tokens;

/**
 * The packaged application (prod profile, JSON logs): it starts with its production configuration, guards
 * the API, and answers a fast 503 when the data services are down (the build points them at a closed port).
 */
@QuarkusIntegrationTest
class ApiIT {

    static final String PATH = "/api/v1/${resourcePath}";

    @Test
    void startsGuardedAndDegradesToProblems() {
        given().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
        given().get(PATH).then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(Tokens.of("reader")).get(PATH + "/1").then()
                .statusCode(503)
                .contentType("application/problem+json")
                .body("status", is(503))
                .time(lessThan(5000L));
    }
}
