#set( $d = '$' )
package ${package}.rest;

import static io.restassured.RestAssured.given;
import static dev.msframework.test.RestChecks.operationsEndpointsAreServed;
import static dev.msframework.test.RestChecks.pagingOutOfBoundsIsRejected;
import static dev.msframework.test.RestChecks.problem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import ${package}.testing.MongoTestResource;

/**
 * The ${entity} activity API end to end against a MongoDB wire endpoint chosen by {@link MongoTestResource};
 * the same tests run against the packaged jar (IT).
 */
@QuarkusTest
@QuarkusTestResource(MongoTestResource.class)
class ${entity}ActivityResourceTest {

    static final String PATH = "/api/v1/${activityPath}";
    static final String UNKNOWN_ID = "0123456789abcdef01234567";

    @Test
    void recordsReadsAndDeletes() {
        long ${entityVar}Id = new${entity}Id();
        String id = create(Map.of("${entityVar}Id", ${entityVar}Id, "type", "${eventPrefix}.created", "actor", "alice",
                "occurredAt", "2030-01-31T10:15:30.123Z", "details", Map.of("title", "Write the report", "tags", List.of("q3", "urgent"),
                        "nested", Map.of("priority", 2, "done", false))))
                .body("id", matchesPattern("^[0-9a-f]{24}$"))
                .body("${entityVar}Id", equalTo((int) ${entityVar}Id))
                .body("type", equalTo("${eventPrefix}.created"))
                .body("actor", equalTo("alice"))
                .body("occurredAt", equalTo("2030-01-31T10:15:30.123Z"))
                .body("details.title", equalTo("Write the report"))
                .body("eventId", nullValue())
                .extract().jsonPath().getString("id");

        given().get(PATH + "/" + id).then().statusCode(200)
                .body("id", equalTo(id))
                .body("${entityVar}Id", equalTo((int) ${entityVar}Id))
                .body("occurredAt", equalTo("2030-01-31T10:15:30.123Z"))
                .body("details.tags", equalTo(List.of("q3", "urgent")))
                .body("details.nested.priority", equalTo(2))
                .body("details.nested.done", equalTo(false));

        given().delete(PATH + "/" + id).then().statusCode(204);
        problem(given().get(PATH + "/" + id), 404).body("detail", containsString(id));
        problem(given().delete(PATH + "/" + id), 404);
    }

    @Test
    void createAnswers201WithLocationAndDefaultsTheTime() {
        Instant before = Instant.now().minusSeconds(1);
        ValidatableResponse created = given().contentType(ContentType.JSON)
                .body(Map.of("${entityVar}Id", new${entity}Id(), "type", "${eventPrefix}.updated")).post(PATH).then().statusCode(201)
                .header("Location", containsString(PATH + "/"))
                .body("actor", nullValue())
                .body("details", nullValue());
        Instant occurredAt = Instant.parse(created.extract().jsonPath().getString("occurredAt"));
        assertTrue(!occurredAt.isBefore(before) && occurredAt.isBefore(Instant.now().plusSeconds(1)),
                "occurredAt must default to now: " + occurredAt);
        String location = created.extract().header("Location");
        given().get(location.substring(location.indexOf(PATH))).then().statusCode(200)
                .body("type", equalTo("${eventPrefix}.updated"));
    }

    @Test
    void aKnownEventIdIsAConflictAndLosesNothing() {
        long ${entityVar}Id = new${entity}Id();
        String eventId = UUID.randomUUID().toString();
        create(Map.of("${entityVar}Id", ${entityVar}Id, "type", "${eventPrefix}.created", "actor", "first", "eventId", eventId));

        problem(given().contentType(ContentType.JSON)
                .body(Map.of("${entityVar}Id", ${entityVar}Id, "type", "${eventPrefix}.created", "actor", "second", "eventId", eventId))
                .post(PATH), 409)
                .body("title", equalTo("Conflict"))
                .body("detail", containsString(eventId));

        // activities without an event id never conflict with each other
        create(Map.of("${entityVar}Id", ${entityVar}Id, "type", "${eventPrefix}.viewed"));
        create(Map.of("${entityVar}Id", ${entityVar}Id, "type", "${eventPrefix}.viewed"));

        given().queryParam("${entityVar}Id", ${entityVar}Id).queryParam("type", "${eventPrefix}.created").get(PATH).then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].actor", equalTo("first"))
                .body("items[0].eventId", equalTo(eventId));
    }

    @Test
    void aBatchRecordsEachActivityOnceAndAnswersInOrder() {
        long ${entityVar}Id = new${entity}Id();
        String known = UUID.randomUUID().toString();
        create(Map.of("${entityVar}Id", ${entityVar}Id, "type", "${eventPrefix}.created", "eventId", known));
        String fresh = UUID.randomUUID().toString();
        List<Map<String, Object>> batch = List.of(
                Map.of("${entityVar}Id", ${entityVar}Id, "type", "${eventPrefix}.updated", "eventId", fresh, "details", Map.of("n", 1)),
                Map.of("${entityVar}Id", ${entityVar}Id, "type", "${eventPrefix}.created", "eventId", known),
                Map.of("${entityVar}Id", ${entityVar}Id, "type", "${eventPrefix}.updated", "eventId", fresh),
                Map.of("${entityVar}Id", ${entityVar}Id, "type", "${eventPrefix}.viewed"));

        List<Map<String, Object>> items = given().contentType(ContentType.JSON).body(batch).post(PATH + "/batch").then()
                .statusCode(200)
                .body("items.status", equalTo(List.of(201, 409, 409, 201)))
                .body("items[1].detail", containsString(known))
                .extract().jsonPath().getList("items");
        String id = (String) items.get(0).get("id");
        given().get(PATH + "/" + id).then().statusCode(200)
                .body("eventId", equalTo(fresh))
                .body("details.n", equalTo(1));
        given().queryParam("${entityVar}Id", ${entityVar}Id).get(PATH).then().statusCode(200).body("total", equalTo(3));

        // the same batch again: every activity with an event id is known, the one without is recorded again
        given().contentType(ContentType.JSON).body(batch).post(PATH + "/batch").then().statusCode(200)
                .body("items.status", equalTo(List.of(409, 409, 409, 201)));
    }

    @Test
    void anInvalidActivityRefusesTheWholeBatch() {
        long ${entityVar}Id = new${entity}Id();
        List<Map<String, Object>> batch = List.of(
                Map.of("${entityVar}Id", ${entityVar}Id, "type", "${eventPrefix}.created"),
                Map.of("${entityVar}Id", ${entityVar}Id, "type", "${eventPrefix}.created", "details", Map.of("${d}where", "1")));
        problem(given().contentType(ContentType.JSON).body(batch).post(PATH + "/batch"), 400)
                .body("errors.field", hasItem("[1].details"));
        problem(given().contentType(ContentType.JSON).body(List.of(Map.of("${entityVar}Id", ${entityVar}Id, "type", " ")))
                .post(PATH + "/batch"), 400)
                .body("errors.field", hasItem("[0].type"));
        problem(given().contentType(ContentType.JSON).body(List.of()).post(PATH + "/batch"), 400);
        given().queryParam("${entityVar}Id", ${entityVar}Id).get(PATH).then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void invalidBodiesAreRejectedWithFieldErrors() {
        problem(post(Map.of("type", "${eventPrefix}.created")), 400).body("errors.field", hasItem("${entityVar}Id"));
        problem(post(Map.of("${entityVar}Id", 0, "type", "${eventPrefix}.created")), 400).body("errors.field", hasItem("${entityVar}Id"));
        problem(post(Map.of("${entityVar}Id", 1, "type", " ")), 400).body("errors.field", hasItem("type"));
        problem(post(Map.of("${entityVar}Id", 1, "type", "${entity} Created")), 400).body("errors.field", hasItem("type"));
        problem(post(Map.of("${entityVar}Id", 1, "type", "${eventPrefix}.created", "actor", "x".repeat(101))), 400)
                .body("errors.field", hasItem("actor"));
        problem(post(Map.of("${entityVar}Id", 1, "type", "${eventPrefix}.created", "eventId", "x".repeat(101))), 400)
                .body("errors.field", hasItem("eventId"));
        problem(post(Map.of("${entityVar}Id", 1, "type", "${eventPrefix}.created", "occurredAt", "yesterday")), 400)
                .body("errors.field", hasItem("occurredAt"));
        problem(post(Map.of("${entityVar}Id", "one", "type", "${eventPrefix}.created")), 400)
                .body("errors.field", hasItem("${entityVar}Id"));
        problem(given().contentType(ContentType.JSON).body("{\"${entityVar}Id\": ").post(PATH), 400);
        problem(given().contentType(ContentType.JSON).post(PATH), 400);
    }

    @Test
    void detailsMongoDbCannotStoreAreRejected() {
        Map<String, Object> tooMany = new HashMap<>();
        for (int i = 0; i < 51; i++) {
            tooMany.put("key" + i, i);
        }
        problem(post(Map.of("${entityVar}Id", 1, "type", "${eventPrefix}.created", "details", tooMany)), 400)
                .body("errors.field", hasItem("details"));
        problem(post(Map.of("${entityVar}Id", 1, "type", "${eventPrefix}.created", "details", Map.of("${d}where", "1"))), 400)
                .body("errors.field", hasItem("details"))
                .body("errors.message", hasItem(containsString("${d}where")));
        problem(post(Map.of("${entityVar}Id", 1, "type", "${eventPrefix}.created", "details", Map.of("a", Map.of("b.c", 1)))), 400)
                .body("errors.field", hasItem("details.a"));
        Map<String, Object> deep = Map.of("leaf", 1);
        for (int i = 0; i < 10; i++) {
            deep = Map.of("level", deep);
        }
        problem(post(Map.of("${entityVar}Id", 1, "type", "${eventPrefix}.created", "details", deep)), 400)
                .body("errors.message", hasItem(containsString("nest")));
        problem(given().contentType(ContentType.JSON)
                .body("{\"${entityVar}Id\": 1, \"type\": \"${eventPrefix}.created\", \"details\": {\"big\": 123456789012345678901234567890}}")
                .post(PATH), 400)
                .body("errors.field", hasItem("details.big"));
    }

    @Test
    void invalidAndUnknownIdsAre400And404() {
        problem(given().get(PATH + "/not-an-object-id"), 400).body("errors.field", hasItem("id"));
        problem(given().get(PATH + "/0123456789ABCDEF01234567"), 400).body("errors.field", hasItem("id"));
        problem(given().delete(PATH + "/123"), 400).body("errors.field", hasItem("id"));
        problem(given().get(PATH + "/" + UNKNOWN_ID), 404).body("detail", containsString(UNKNOWN_ID));
        problem(given().delete(PATH + "/" + UNKNOWN_ID), 404);
    }

    @Test
    void listsPageBySortedAndFiltered() {
        long ${entityVar}Id = new${entity}Id();
        for (int i = 1; i <= 3; i++) {
            create(Map.of("${entityVar}Id", ${entityVar}Id, "type", i == 2 ? "${eventPrefix}.updated" : "${eventPrefix}.created",
                    "occurredAt", "2030-01-0" + i + "T00:00:00Z"));
        }
        create(Map.of("${entityVar}Id", new${entity}Id(), "type", "${eventPrefix}.created", "occurredAt", "2030-01-04T00:00:00Z"));

        // newest first by default
        given().queryParam("${entityVar}Id", ${entityVar}Id).get(PATH).then().statusCode(200)
                .body("items", hasSize(3))
                .body("items.${entityVar}Id", everyItem(equalTo((int) ${entityVar}Id)))
                .body("items.occurredAt", equalTo(List.of("2030-01-03T00:00:00Z", "2030-01-02T00:00:00Z", "2030-01-01T00:00:00Z")))
                .body("page", equalTo(0))
                .body("size", equalTo(20))
                .body("total", equalTo(3));

        given().queryParam("${entityVar}Id", ${entityVar}Id).queryParam("sort", "occurredAt,asc").queryParam("size", 2).queryParam("page", 1)
                .get(PATH).then().statusCode(200)
                .body("items.occurredAt", equalTo(List.of("2030-01-03T00:00:00Z")))
                .body("page", equalTo(1))
                .body("size", equalTo(2))
                .body("total", equalTo(3));

        given().queryParam("${entityVar}Id", ${entityVar}Id).queryParam("type", "${eventPrefix}.updated").get(PATH).then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].occurredAt", equalTo("2030-01-02T00:00:00Z"));

        given().queryParam("type", "${eventPrefix}.updated").queryParam("size", 100).get(PATH).then().statusCode(200)
                .body("items.type", everyItem(equalTo("${eventPrefix}.updated")));

        List<String> ids = given().queryParam("sort", "id,desc").queryParam("size", 100).get(PATH)
                .then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
        List<String> sorted = ids.stream().sorted((a, b) -> b.compareTo(a)).toList();
        assertEquals(sorted, ids, "ids must be in descending order");

        given().queryParam("${entityVar}Id", ${entityVar}Id).queryParam("page", 3).queryParam("size", 1).get(PATH).then().statusCode(200)
                .body("items", hasSize(0))
                .body("total", equalTo(3));
    }

    @Test
    void invalidListParametersAreRejected() {
        pagingOutOfBoundsIsRejected(PATH);
        problem(given().queryParam("sort", "details,asc").get(PATH), 400).body("errors.field", hasItem("sort"));
        problem(given().queryParam("${entityVar}Id", 0).get(PATH), 400).body("errors.field", hasItem("${entityVar}Id"));
        problem(given().queryParam("type", "Not A Type").get(PATH), 400).body("errors.field", hasItem("type"));
    }

    @Test
    void healthMetricsAndOpenApiAreServed() {
        operationsEndpointsAreServed("MongoDB", PATH);
    }

    /** A ${entity} id no other test (or earlier run against the same database) uses. */
    static long new${entity}Id() {
        return ThreadLocalRandom.current().nextLong(1, Integer.MAX_VALUE);
    }

    static io.restassured.response.Response post(Map<String, ?> body) {
        return given().contentType(ContentType.JSON).body(body).post(PATH);
    }

    static ValidatableResponse create(Map<String, ?> body) {
        return post(body).then().statusCode(201);
    }
}
