package ${package}.rest;

import static io.restassured.RestAssured.given;
import static ${package}.rest.RestChecks.problem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import ${package}.contract.${entity}Api;

/**
 * The ${entity} API end to end against a real PostgreSQL, derived from the entity's fields: every field read back,
 * every validation broken once, every unique field duplicated, every sort and filter used. The same tests run
 * against the packaged jar (IT); each test deletes what it created.
 */
@QuarkusTest
class ${entity}ResourceTest {

    static final String PATH = "/api/v1/${resourcePath}";

    private final List<Long> created = new ArrayList<>();

#validBodies()

    @Test
    void createsReadsUpdatesAndDeletes() {
        ValidatableResponse createdResponse = create(valid(1))
                .header("Location", containsString(PATH + "/"))
                .body("createdAt", notNullValue())
                .body("version", equalTo(0));
#foreach($f in $fields)
        createdResponse.body("${f.name}", equalTo(${f.sampleMatch(1)}));
#end
        long id = createdResponse.extract().jsonPath().getLong("id");

        ValidatableResponse read = given().get(PATH + "/" + id).then().statusCode(200).body("id", equalTo((int) id));
#foreach($f in $fields)
        read.body("${f.name}", equalTo(${f.sampleMatch(1)}));
#end

        ValidatableResponse updated = given().contentType(ContentType.JSON).body(withVersion(valid(2), 0))
                .put(PATH + "/" + id).then().statusCode(200).body("version", equalTo(1));
#foreach($f in $fields)
        updated.body("${f.name}", equalTo(${f.sampleMatch(2)}));
#end

        given().delete(PATH + "/" + id).then().statusCode(204);
        problem(given().get(PATH + "/" + id), 404).body("detail", containsString(String.valueOf(id)));
        problem(given().delete(PATH + "/" + id), 404);
    }

    @Test
    void staleUpdateIsAConflictAndLosesNothing() {
        long id = id(create(valid(1)));
        given().contentType(ContentType.JSON).body(withVersion(valid(2), 0))
                .put(PATH + "/" + id).then().statusCode(200).body("version", equalTo(1));

        problem(given().contentType(ContentType.JSON).body(withVersion(valid(3), 0)).put(PATH + "/" + id), 409)
                .body("title", equalTo("Conflict"))
                .body("detail", containsString("version"));

        given().get(PATH + "/" + id).then().statusCode(200)
                .body("${model.titleField.name}", equalTo(${model.titleField.sampleMatch(2)}))
                .body("version", equalTo(1));
    }

    @Test
    void everyBrokenValidationIsA400NamingTheField() {
        long id = id(create(valid(1)));
#foreach($f in $fields)
#foreach($invalid in $f.invalidSamples)
        rejected(id, "${f.name}", ${invalid.value}, "${invalid.ruleJava}");
#end
#end
        problem(given().contentType(ContentType.JSON).body("{\"${model.titleField.name}\": ").post(PATH), 400);
        problem(given().contentType(ContentType.JSON).post(PATH), 400);
        problem(given().contentType(ContentType.JSON).body(valid(1)).put(PATH + "/" + id), 400)
                .body("errors.field", hasItem("version"));
    }

    /** The field set to {@code value} makes both a create and an update a 400 naming the field. */
    private void rejected(long id, String field, Object value, String rule) {
        Map<String, Object> body = valid(2);
        body.put(field, value);
        try {
            problem(given().contentType(ContentType.JSON).body(body).post(PATH), 400).body("errors.field", hasItem(field));
            problem(given().contentType(ContentType.JSON).body(withVersion(body, 0)).put(PATH + "/" + id), 400)
                    .body("errors.field", hasItem(field));
        } catch (AssertionError e) {
            throw new AssertionError(field + " = " + value + " breaks " + rule + ": expected 400 naming " + field + ". " + e.getMessage(), e);
        }
    }
#if(!$model.uniqueFields.isEmpty())

    @Test
    void aDuplicateUniqueValueIsA409NamingTheField() {
        Map<String, Object> first = valid(1);
        long id = id(create(first));
#foreach($f in $model.uniqueFields)

        Map<String, Object> same${f.capitalized} = valid(2);
        same${f.capitalized}.put("${f.name}", first.get("${f.name}"));
        problem(given().contentType(ContentType.JSON).body(same${f.capitalized}).post(PATH), 409)
                .body("errors.field", hasItem("${f.name}"));
        long other${f.capitalized} = id(create(valid(2)));
        problem(given().contentType(ContentType.JSON).body(withVersion(same${f.capitalized}, 0)).put(PATH + "/" + other${f.capitalized}), 409)
                .body("errors.field", hasItem("${f.name}"));
        given().delete(PATH + "/" + other${f.capitalized}).then().statusCode(204);
#end
        given().get(PATH + "/" + id).then().statusCode(200);
    }
#end

    @Test
    void listsPageBySortedAndFiltered() {
        int first = (int) id(create(valid(1)));
        int second = (int) id(create(valid(2)));
        int third = (int) id(create(valid(3)));

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
        for (String field : ${entity}Api.SORT_FIELDS.split("\\|")) {
            for (String direction : List.of("asc", "desc")) {
                given().queryParam("sort", field + "," + direction).queryParam("size", 100).get(PATH)
                        .then().statusCode(200).body("items.id", hasItems(first, second, third));
            }
        }
#foreach($f in $model.filterFields)
#if($f.filter == "equal")

        given().queryParam("${f.name}", "${f.sampleText(1)}").queryParam("size", 100).get(PATH).then().statusCode(200)
                .body("items.${f.name}", everyItem(equalTo(${f.sampleMatch(1)})))
                .body("items.id", hasItem(first));
#else

        ValidatableResponse ${f.name}OfFirst = given().queryParam("${f.name}From", "${f.sampleText(1)}")
                .queryParam("${f.name}To", "${f.sampleText(1)}").queryParam("size", 100).get(PATH).then().statusCode(200)
                .body("items.id", hasItem(first));
        ValidatableResponse ${f.name}FromSecond = given().queryParam("${f.name}From", "${f.sampleText(2)}")
                .queryParam("size", 100).get(PATH).then().statusCode(200)
                .body("items.id", hasItems(second, third));
#if($f.sampleText(1) != $f.sampleText(2))
        ${f.name}OfFirst.body("items.id", not(hasItem(second)));
        ${f.name}FromSecond.body("items.id", not(hasItem(first)));
#end
#end
#end

        long total = given().get(PATH).then().extract().jsonPath().getLong("total");
        given().queryParam("page", total).queryParam("size", 1).get(PATH).then().statusCode(200)
                .body("items", hasSize(0));
    }

    @Test
    void invalidListParametersAreRejected() {
        RestChecks.pagingOutOfBoundsIsRejected(PATH);
        problem(given().queryParam("sort", "password,asc").get(PATH), 400).body("errors.field", hasItem("sort"));
#foreach($f in $model.filterFields)
#foreach($p in $f.filterParams)
        problem(given().queryParam("${p}", "not-a-value").get(PATH), 400).body("errors.field", hasItem("${p}"));
#if($f.date)
        problem(given().queryParam("${p}", "2030-02-30").get(PATH), 400).body("errors.field", hasItem("${p}"));
#end
#if($f.instant)
        problem(given().queryParam("${p}", "2030-13-01T00:00:00Z").get(PATH), 400).body("errors.field", hasItem("${p}"));
#end
#end
#end
    }

    @Test
    void healthMetricsAndOpenApiAreServed() {
        RestChecks.operationsEndpointsAreServed("Database", PATH);
    }

    @AfterEach
    void deleteWhatWasCreated() {
        created.forEach(id -> given().delete(PATH + "/" + id));
        created.clear();
    }

    private ValidatableResponse create(Map<String, ?> body) {
        ValidatableResponse response = given().contentType(ContentType.JSON).body(body).post(PATH).then().statusCode(201);
        created.add(response.extract().jsonPath().getLong("id"));
        return response;
    }

    private static long id(ValidatableResponse response) {
        return response.extract().jsonPath().getLong("id");
    }

    private static Map<String, Object> withVersion(Map<String, Object> body, long version) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.put("version", version);
        return copy;
    }
}
