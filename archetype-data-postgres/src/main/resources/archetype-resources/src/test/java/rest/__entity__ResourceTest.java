package ${package}.rest;

import static io.restassured.RestAssured.given;
import static ${package}.rest.RestChecks.problem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** The ${entity} API end to end against a real PostgreSQL; the same tests run against the packaged jar (IT). */
@QuarkusTest
class ${entity}ResourceTest {

    static final String PATH = "/api/v1/${resourcePath}";

    @Test
    void createsReadsUpdatesAndDeletes() {
        long id = create(Map.of("title", "Write the report", "description", "Q3 figures", "dueDate", "2030-01-31"))
                .body("title", equalTo("Write the report"))
                .body("description", equalTo("Q3 figures"))
                .body("status", equalTo("OPEN"))
                .body("dueDate", equalTo("2030-01-31"))
                .body("createdAt", notNullValue())
                .body("version", equalTo(0))
                .extract().jsonPath().getLong("id");

        given().get(PATH + "/" + id).then().statusCode(200)
                .body("id", equalTo((int) id))
                .body("title", equalTo("Write the report"));

        given().contentType(ContentType.JSON)
                .body(Map.of("title", "Write the final report", "status", "DONE", "version", 0))
                .put(PATH + "/" + id).then().statusCode(200)
                .body("title", equalTo("Write the final report"))
                .body("status", equalTo("DONE"))
                .body("description", nullValue())
                .body("version", equalTo(1));

        given().delete(PATH + "/" + id).then().statusCode(204);
        problem(given().get(PATH + "/" + id), 404)
                .body("detail", containsString(String.valueOf(id)));
        problem(given().delete(PATH + "/" + id), 404);
    }

    @Test
    void createAnswers201WithLocation() {
        long id = create(Map.of("title", "Located")).extract().jsonPath().getLong("id");
        given().contentType(ContentType.JSON).body(Map.of("title", "Located again"))
                .post(PATH).then().statusCode(201)
                .header("Location", containsString(PATH + "/"));
        given().get(PATH + "/" + id).then().statusCode(200);
    }

    @Test
    void staleUpdateIsAConflictAndLosesNothing() {
        long id = create(Map.of("title", "Original")).extract().jsonPath().getLong("id");
        given().contentType(ContentType.JSON).body(Map.of("title", "First writer", "status", "IN_PROGRESS", "version", 0))
                .put(PATH + "/" + id).then().statusCode(200).body("version", equalTo(1));

        problem(given().contentType(ContentType.JSON)
                .body(Map.of("title", "Second writer", "status", "OPEN", "version", 0))
                .put(PATH + "/" + id), 409)
                .body("title", equalTo("Conflict"))
                .body("detail", containsString("version"));

        given().get(PATH + "/" + id).then().statusCode(200)
                .body("title", equalTo("First writer"))
                .body("version", equalTo(1));
    }

    @Test
    void invalidBodiesAreRejectedWithFieldErrors() {
        problem(given().contentType(ContentType.JSON).body(Map.of("title", " ")).post(PATH), 400)
                .body("errors.field", hasItem("title"));
        problem(given().contentType(ContentType.JSON).body(Map.of("title", "x".repeat(201))).post(PATH), 400)
                .body("errors.field", hasItem("title"));
        problem(given().contentType(ContentType.JSON).body(Map.of("title", "t", "status", "LOST")).post(PATH), 400)
                .body("errors.field", hasItem("status"));
        problem(given().contentType(ContentType.JSON).body("{\"title\": ").post(PATH), 400);
        problem(given().contentType(ContentType.JSON).post(PATH), 400);
        problem(given().contentType(ContentType.JSON).body(Map.of("title", "No version", "status", "OPEN"))
                .put(PATH + "/1"), 400)
                .body("errors.field", hasItem("version"));
    }

    @Test
    void listsPageBySortedAndFiltered() {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            create(Map.of("title", marker + "-" + i, "status", "DONE", "dueDate", "2001-01-0" + (i + 1)));
        }

        given().queryParam("size", 2).get(PATH).then().statusCode(200)
                .body("items", hasSize(2))
                .body("page", equalTo(0))
                .body("size", equalTo(2))
                .body("total", greaterThanOrEqualTo(3));

        List<Integer> ids = given().queryParam("sort", "id,desc").queryParam("size", 100).get(PATH)
                .then().statusCode(200).extract().jsonPath().getList("items.id", Integer.class);
        for (int i = 1; i < ids.size(); i++) {
            assertTrue(ids.get(i - 1) > ids.get(i), "ids must be in descending order: " + ids);
        }

        given().queryParam("status", "DONE").queryParam("dueBefore", "2001-01-03").queryParam("size", 100)
                .get(PATH).then().statusCode(200)
                .body("items.status", everyItem(equalTo("DONE")))
                .body("items.dueDate", everyItem(lessThan("2001-01-03")))
                .body("items.title", hasItem(marker + "-0"))
                .body("items.title", hasItem(marker + "-1"));

        long total = given().get(PATH).then().extract().jsonPath().getLong("total");
        given().queryParam("page", total).queryParam("size", 1).get(PATH).then().statusCode(200)
                .body("items", hasSize(0));
    }

    @Test
    void invalidListParametersAreRejected() {
        RestChecks.pagingOutOfBoundsIsRejected(PATH);
        problem(given().queryParam("sort", "password,asc").get(PATH), 400).body("errors.field", hasItem("sort"));
        problem(given().queryParam("status", "LOST").get(PATH), 400).body("errors.field", hasItem("status"));
        problem(given().queryParam("dueBefore", "tomorrow").get(PATH), 400).body("errors.field", hasItem("dueBefore"));
    }

    @Test
    void healthMetricsAndOpenApiAreServed() {
        RestChecks.operationsEndpointsAreServed("Database", PATH);
    }

    static ValidatableResponse create(Map<String, ?> body) {
        return given().contentType(ContentType.JSON).body(body).post(PATH).then().statusCode(201);
    }
}
