package dev.msframework.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/** Every exception that leaves an endpoint is an application/problem+json answer (see {@link ProblemTestResource}). */
@QuarkusTest
class ProblemMappersTest {

    static ValidatableResponse problem(Response response, int status, String instance) {
        return response.then().statusCode(status)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("about:blank"))
                .body("status", equalTo(status))
                .body("title", notNullValue())
                .body("instance", equalTo(instance));
    }

    @Test
    void anInvalidBodyFieldIsA400NamingIt() {
        problem(given().contentType(ContentType.JSON).body("{\"title\":\" \",\"quantity\":0}")
                .post("/problem-test/items"), 400, "/problem-test/items")
                .body("title", equalTo("Bad Request"))
                .body("errors.field", contains("quantity", "title"))
                .body("errors.message", contains(notNullValue(), notNullValue()));
    }

    @Test
    void anInvalidElementOfAListBodyIsA400NamingItsIndex() {
        problem(given().contentType(ContentType.JSON)
                .body("[{\"title\":\"pen\",\"quantity\":1},{\"title\":\" \",\"quantity\":1},null]")
                .post("/problem-test/items/batch"), 400, "/problem-test/items/batch")
                .body("errors.field", contains("[1].title", "items[2]"));
        problem(given().contentType(ContentType.JSON).body("[{\"title\":\"pen\",\"quantity\":\"many\"}]")
                .post("/problem-test/items/batch"), 400, "/problem-test/items/batch")
                .body("errors.field", contains("[0].quantity"));
        problem(given().contentType(ContentType.JSON).body("[{},{},{},{}]")
                .post("/problem-test/items/batch"), 400, "/problem-test/items/batch")
                .body("errors.field", hasItem("items"));
    }

    @Test
    void aValidBodyPasses() {
        given().contentType(ContentType.JSON).body("{\"title\":\"pen\",\"quantity\":2}")
                .post("/problem-test/items")
                .then().statusCode(200).body("title", equalTo("pen"));
    }

    @Test
    void anInvalidQueryParameterIsA400NamingIt() {
        problem(given().queryParam("size", 101).get("/problem-test/items"), 400, "/problem-test/items")
                .body("errors.field", contains("size"));
        given().queryParam("size", 100).get("/problem-test/items").then().statusCode(200);
    }

    @Test
    void aValueOfTheWrongJsonTypeIsA400NamingTheField() {
        problem(given().contentType(ContentType.JSON).body("{\"title\":\"pen\",\"quantity\":\"many\"}")
                .post("/problem-test/items"), 400, "/problem-test/items")
                .body("errors.field", contains("quantity"));
        problem(given().contentType(ContentType.JSON).body("{\"title\":\"pen\",\"quantity\":1,\"sizes\":[1,\"big\"]}")
                .post("/problem-test/items"), 400, "/problem-test/items")
                .body("errors.field", contains("sizes[1]"));
    }

    @Test
    void anInvalidReturnValueIsTheServersFault() {
        problem(given().get("/problem-test/summary"), 500, "/problem-test/summary")
                .body("$", not(hasKey("errors")));
    }

    @Test
    void malformedJsonIsA400() {
        problem(given().contentType(ContentType.JSON).body("{\"title\":\"pen\",")
                .post("/problem-test/items"), 400, "/problem-test/items")
                .body("detail", containsString("not valid JSON"))
                // a syntax error is about no field in particular
                .body("$", not(hasKey("errors")));
    }

    @Test
    void aNotFoundExceptionIsA404Problem() {
        problem(given().get("/problem-test/items/7"), 404, "/problem-test/items/7")
                .body("title", equalTo("Not Found"))
                .body("$", not(hasKey("errors")));
    }

    @Test
    void aWebApplicationExceptionKeepsItsStatusAndMessage() {
        problem(given().get("/problem-test/gone"), 410, "/problem-test/gone")
                .body("title", equalTo("Gone"))
                .body("detail", equalTo("Item 7 was deleted."));
    }

    @Test
    void anUnexpectedExceptionIsA500ThatDoesNotLeakItsMessage() {
        String body = problem(given().get("/problem-test/boom"), 500, "/problem-test/boom")
                .body("title", equalTo("Internal Server Error"))
                .body("detail", equalTo("An unexpected error occurred; it has been logged."))
                .extract().asString();
        assertFalse(body.contains("hunter2") || body.contains("IllegalStateException"), body);
    }
}
