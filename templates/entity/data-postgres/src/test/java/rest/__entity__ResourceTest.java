## In this test a reference holds the id of an entity made for the test (make<Target>(n)); other fields their samples.
#macro(expect $f $n)#if($f.reference)(int) make${f.target.name}($n)#else${f.sampleMatch($n)}#end#end
#macro(param $f $n)#if($f.reference)String.valueOf(make${f.target.name}($n))#else"${f.sampleText($n)}"#end#end
#set($linked = !$model.referenceFields.isEmpty() || !$domain.referencesTo($model).isEmpty())
package ${package}.rest;

import static io.restassured.RestAssured.given;
import static dev.msframework.test.RestChecks.operationsEndpointsAreServed;
import static dev.msframework.test.RestChecks.pagingOutOfBoundsIsRejected;
import static dev.msframework.test.RestChecks.problem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
#if($linked)
import java.util.LinkedHashMap;
#end
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

#if($linked)
#foreach($e in $domain.entities)
import ${package}.contract.${e.name}Api;
#end
#else
import ${package}.contract.${entity}Api;
#end
import ${package}.contract.event.${entity}Events;
import dev.msframework.test.RabbitConnections;

/**
 * The ${entity} API end to end against a real PostgreSQL, derived from the entity's fields: every field read back,
 * every validation broken once, every unique field duplicated, every sort and filter used. The same tests run
 * against the packaged jar (IT); each test deletes what it created.
 */
@QuarkusTest
class ${entity}ResourceTest {

    static final String PATH = "/api/v1/${resourcePath}";
    /** The tests' own exchange (broker.prefix of the test profiles in application.properties), not the system's. */
    static final String EXCHANGE = "${appName}-test.events";
    static final ObjectMapper JSON = new ObjectMapper();

    private final List<Long> created = new ArrayList<>();
#if($linked)
    /** The other entities made for this test, by "<Entity>:<n>", in the order they were made; deleted after it. */
    private final Map<String, Long> made = new LinkedHashMap<>();
    private final Map<String, String> madeAt = new LinkedHashMap<>();

    /** A valid body: the sample values number {@code n} (1, 2 or 3) of every field, references to entities made for the test. */
    private Map<String, Object> valid(int n) {
        return ${model.var}Body(n);
    }
#foreach($e in $domain.entities)

    /** A valid ${e.name}: its sample values number {@code n}, references to entities made for the test. */
    private Map<String, Object> ${e.var}Body(int n) {
        Map<String, Object> body = new HashMap<>();
        switch (n) {
#foreach($n in [1..3])
#if($n < 3)#set($label = "case $n")#else#set($label = "default")#end
            $label -> {
#foreach($f in $e.fields)
#if($f.reference)
                body.put("${f.name}", make${f.target.name}($n));
#else
                body.put("${f.name}", ${f.sample($n)});
#end
#end
            }
#end
        }
        return body;
    }
#if(!$domain.referencesTo($e).isEmpty())

    /** A ${e.name} made for this test (one per {@code n}); deleted after it. */
    private long make${e.name}(int n) {
        String key = "${e.name}:" + n;
        if (!made.containsKey(key)) {
            Map<String, Object> body = ${e.var}Body(n);
            long id = given().contentType(ContentType.JSON).body(body).post(${e.name}Api.PATH).then().statusCode(201)
                    .extract().jsonPath().getLong("id");
            made.put(key, id);
            madeAt.put(key, ${e.name}Api.PATH);
        }
        return made.get(key);
    }
#end
#end
#else

#validBodies()
#end

    @Test
    void createsReadsUpdatesAndDeletes() {
        ValidatableResponse createdResponse = create(valid(1))
                .header("Location", containsString(PATH + "/"))
                .body("createdAt", notNullValue())
                .body("version", equalTo(0));
#foreach($f in $fields)
        createdResponse.body("${f.name}", equalTo(#expect($f 1)));
#end
        long id = createdResponse.extract().jsonPath().getLong("id");
        String createdAt = createdResponse.extract().jsonPath().getString("createdAt");

        // what the write answered is what is stored: the same instants, to the digit
        ValidatableResponse read = given().get(PATH + "/" + id).then().statusCode(200).body("id", equalTo((int) id))
                .body("createdAt", equalTo(createdAt)).body("updatedAt", equalTo(createdAt));
#foreach($f in $fields)
        read.body("${f.name}", equalTo(#expect($f 1)));
#end

        ValidatableResponse updated = given().contentType(ContentType.JSON).body(withVersion(valid(2), 0))
                .put(PATH + "/" + id).then().statusCode(200).body("version", equalTo(1)).body("createdAt", equalTo(createdAt));
#foreach($f in $fields)
        updated.body("${f.name}", equalTo(#expect($f 2)));
#end
        given().get(PATH + "/" + id).then().statusCode(200)
                .body("updatedAt", equalTo(updated.extract().jsonPath().getString("updatedAt")));

        given().delete(PATH + "/" + id).then().statusCode(204);
        problem(given().get(PATH + "/" + id), 404).body("detail", containsString(String.valueOf(id)));
        problem(given().delete(PATH + "/" + id), 404);
    }

#set($instants = [])
#foreach($f in $fields)#if($f.instant)#set($added = $instants.add($f))#end#end
#if(!$instants.isEmpty())
    @Test
    void anInstantIsAnsweredAsStored() {
        Map<String, Object> body = valid(1);
#foreach($f in $instants)
        body.put("${f.name}", "2030-01-01T10:15:30.123456789Z");
#end
        ValidatableResponse written = create(body);
        ValidatableResponse read = given().get(PATH + "/" + id(written)).then().statusCode(200);
#foreach($f in $instants)
        written.body("${f.name}", equalTo("2030-01-01T10:15:30.123456Z"));
        read.body("${f.name}", equalTo("2030-01-01T10:15:30.123456Z"));
#end
    }

#end
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

        given().queryParam("${f.name}", #param($f 1)).queryParam("size", 100).get(PATH).then().statusCode(200)
                .body("items.${f.name}", everyItem(equalTo(#expect($f 1))))
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

#if(!$model.referenceFields.isEmpty())
    @Test
    void aReferenceToNothingIsA400NamingIt() {
        long id = id(create(valid(1)));
#foreach($f in $model.referenceFields)
        Map<String, Object> unknown${f.capitalized} = valid(2);
        unknown${f.capitalized}.put("${f.name}", Long.MAX_VALUE);
        problem(given().contentType(ContentType.JSON).body(unknown${f.capitalized}).post(PATH), 400)
                .body("errors.field", hasItem("${f.name}"));
        problem(given().contentType(ContentType.JSON).body(withVersion(unknown${f.capitalized}, 0)).put(PATH + "/" + id), 400)
                .body("errors.field", hasItem("${f.name}"));
#end
    }

#end
#foreach($r in $domain.referencesTo($model))
    @Test
    void deletingA${entity}That${r.entity.name}${r.capitalized}ReferencesIsA409() {
        long id = id(create(valid(1)));
        Map<String, Object> referencing = ${r.entity.var}Body(3);
        referencing.put("${r.name}", id);
        long referencingId = given().contentType(ContentType.JSON).body(referencing).post(${r.entity.name}Api.PATH).then().statusCode(201)
                .extract().jsonPath().getLong("id");
        problem(given().delete(PATH + "/" + id), 409).body("detail", containsString("${r.entity.tableName}"));
        given().delete(${r.entity.name}Api.PATH + "/" + referencingId).then().statusCode(204);
        given().delete(PATH + "/" + id).then().statusCode(204);
        created.remove(id);
    }

#end
    @Test
    void invalidListParametersAreRejected() {
        pagingOutOfBoundsIsRejected(PATH);
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

    /**
     * Every committed write is published once, from the outbox, to the real RabbitMQ (Dev Services with Docker,
     * otherwise RABBITMQ_HOST/PORT/USERNAME/PASSWORD); a refused write publishes nothing.
     */
    @Test
    void everyCommittedWriteIsPublishedOnceAndARefusedOneNever() throws Exception {
        try (Connection connection = RabbitConnections.factory().newConnection(); Channel channel = connection.createChannel()) {
            channel.exchangeDeclare(EXCHANGE, "topic", true);
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, EXCHANGE, ${entity}Events.ALL);

            long id = id(create(valid(1)));
            given().contentType(ContentType.JSON).body(withVersion(valid(2), 0))
                    .put(PATH + "/" + id).then().statusCode(200);
            problem(given().contentType(ContentType.JSON).body(withVersion(valid(3), 0)).put(PATH + "/" + id), 409);
            given().delete(PATH + "/" + id).then().statusCode(204);
            created.remove(id);

            // the events of this ${entity} (a queue bound to every ${entity} event may also get those of earlier tests)
            List<GetResponse> received = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
                for (GetResponse message = channel.basicGet(queue, true); message != null; message = channel.basicGet(queue, true)) {
                    if (JSON.readTree(message.getBody()).at("/data/id").asLong() == id) {
                        received.add(message);
                    }
                }
                return received.size() >= 3;
            });
            // nothing more comes: not the refused update, not a second copy
            Thread.sleep(500);
            for (GetResponse message = channel.basicGet(queue, true); message != null; message = channel.basicGet(queue, true)) {
                if (JSON.readTree(message.getBody()).at("/data/id").asLong() == id) {
                    received.add(message);
                }
            }

            List<String> types = received.stream().map(message -> message.getEnvelope().getRoutingKey()).toList();
            assertEquals(List.of(${entity}Events.CREATED, ${entity}Events.UPDATED, ${entity}Events.DELETED), types);
            Set<String> ids = new HashSet<>();
            for (GetResponse message : received) {
                assertEquals(2, message.getProps().getDeliveryMode(), "persistent");
                assertEquals("application/cloudevents+json", message.getProps().getContentType());
                JsonNode event = JSON.readTree(message.getBody());
                assertEquals("1.0", event.get("specversion").asText());
                assertEquals(message.getEnvelope().getRoutingKey(), event.get("type").asText());
                assertEquals(event.get("id").asText(), message.getProps().getMessageId());
                assertTrue(ids.add(event.get("id").asText()), "one id per event");
            }
            JsonNode createdEvent = JSON.readTree(received.get(0).getBody());
            assertEquals(0, createdEvent.at("/data/version").asLong());
            assertEquals(1, JSON.readTree(received.get(1).getBody()).at("/data/version").asLong());
            JsonNode deleted = JSON.readTree(received.get(2).getBody()).get("data");
            assertEquals(id, deleted.get("id").asLong());
            deleted.fieldNames().forEachRemaining(name -> assertTrue(List.of("id", "version").contains(name) || deleted.get(name).isNull(),
                    "a deleted event carries only the id, not " + name));
#set($t = $model.titleField)
#if($t.number)
            assertEquals(0, new java.math.BigDecimal(String.valueOf(valid(1).get("${t.name}"))).compareTo(createdEvent.at("/data/${t.name}").decimalValue()));
#else
            assertEquals(String.valueOf(valid(1).get("${t.name}")), createdEvent.at("/data/${t.name}").asText());
#end
        }
    }

    @Test
    void healthMetricsAndOpenApiAreServed() {
        operationsEndpointsAreServed("Database", PATH);
    }

    @AfterEach
    void deleteWhatWasCreated() {
        created.forEach(id -> given().delete(PATH + "/" + id));
        created.clear();
#if($linked)
        List<String> keys = new ArrayList<>(made.keySet());
        for (int i = keys.size() - 1; i >= 0; i--) {
            given().delete(madeAt.get(keys.get(i)) + "/" + made.get(keys.get(i)));
        }
        made.clear();
        madeAt.clear();
#end
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
