package dev.msframework.client;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

import dev.msframework.problem.Problem;

/** The answers of an API service whose data-service call failed (see {@link DownstreamTestResources}). */
@QuarkusTest
class DownstreamProblemMappersTest {

    static ValidatableResponse problem(String path, int status) {
        return given().get(path).then().statusCode(status)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("about:blank"))
                .body("status", equalTo(status))
                // this request's path, not the data service's
                .body("instance", equalTo(path));
    }

    static void unavailable(String path, String detail) {
        problem(path, 503)
                .header("Retry-After", "5")
                .body("title", equalTo("Service Unavailable"))
                .body("detail", containsString(detail));
    }

    @Test
    void aSuccessfulCallIsAnswered() {
        given().get("/api-test/orders/7").then().statusCode(200).body("id", equalTo("7"));
    }

    @Test
    void aDataServiceProblemIsPassedOn() {
        problem("/api-test/orders/missing", 404)
                .body("title", equalTo("Not Found"))
                .body("detail", equalTo("No order missing."))
                .body("$", not(hasKey("errors")));
    }

    @Test
    void aDataServiceProblemKeepsItsFieldErrors() {
        problem("/api-test/orders/invalid", 400)
                .body("title", equalTo("Bad Request"))
                .body("detail", equalTo("The request has invalid fields."))
                .body("errors.field", contains("quantity"))
                .body("errors.message", contains("must be greater than 0"));
    }

    @Test
    void aFourHundredWithoutAProblemKeepsItsStatus() {
        problem("/api-test/orders/plain", 409)
                .body("title", equalTo("Conflict"))
                .body("$", not(hasKey("detail")));
    }

    @Test
    void aFailingDataServiceIsA503() {
        unavailable("/api-test/orders/failing", "The data-postgres service failed");
    }

    @Test
    void anUnavailableExceptionIsA503() {
        unavailable("/api-test/unavailable", "The data-mongo service failed");
    }

    @Test
    void anUnreachableDataServiceIsA503() {
        unavailable("/api-test/unreachable", "unreachable");
    }

    @Test
    void aFaultToleranceExceptionIsA503() {
        unavailable("/api-test/timeout", "too slow or unavailable");
        unavailable("/api-test/circuit-open", "too slow or unavailable");
    }

    @Test
    void aProcessingExceptionIsA503() {
        unavailable("/api-test/processing", "unreachable");
    }
}
