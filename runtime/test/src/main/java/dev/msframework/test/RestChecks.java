package dev.msframework.test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/** What every data service of this system answers the same way: its problem details, paging bounds and operations endpoints. */
public final class RestChecks {

    public static final String PROBLEM = "application/problem+json";

    private RestChecks() {
    }

    /** An RFC 9457 problem with this status: type {@code about:blank}, a title and the request path as instance. */
    public static ValidatableResponse problem(Response response, int status) {
        return response.then().statusCode(status)
                .contentType(PROBLEM)
                .body("status", equalTo(status))
                .body("type", equalTo("about:blank"))
                .body("title", notNullValue())
                .body("instance", containsString("/"));
    }

    /** A page size outside 1..100 or a negative page number of the list at this path is a 400 naming the parameter. */
    public static void pagingOutOfBoundsIsRejected(String path) {
        problem(given().queryParam("size", 101).get(path), 400).body("errors.field", hasItem("size"));
        problem(given().queryParam("size", 0).get(path), 400).body("errors.field", hasItem("size"));
        problem(given().queryParam("page", -1).get(path), 400).body("errors.field", hasItem("page"));
    }

    /**
     * Liveness and readiness are UP, readiness includes the check whose name contains {@code readinessCheck},
     * Prometheus metrics include the HTTP server's, and the OpenAPI document describes {@code path}.
     */
    public static void operationsEndpointsAreServed(String readinessCheck, String path) {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString(readinessCheck)));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests"));
        given().get("/q/openapi").then().statusCode(200).body(containsString(path));
    }
}
