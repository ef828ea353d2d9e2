package dev.msframework.problem.example;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.msframework.problem.Problem;

/** A service maps an exception of its own; the library's mappers still take everything else. */
@QuarkusTest
class CustomExceptionMapperTest {

    @Test
    void theServicesMapperAnswersItsException() {
        given().post("/shop/orders/pen-42").then()
                .statusCode(409)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("about:blank"))
                .body("title", equalTo("Conflict"))
                .body("detail", equalTo("Item pen-42 is out of stock."))
                .body("instance", equalTo("/shop/orders/pen-42"))
                .body("errors.field", contains("sku"));
    }

    @Test
    void theLibrarysCatchAllStillAnswersTheRest() {
        given().post("/shop/orders/x1").then()
                .statusCode(500)
                .contentType(Problem.MEDIA_TYPE)
                .body("detail", equalTo("An unexpected error occurred; it has been logged."));
    }
}
