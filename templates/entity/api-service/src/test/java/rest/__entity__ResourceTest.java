package ${package}.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

import dev.msframework.contract.PageResponse;

import ${package}.idempotency.IdempotencyStore;
import ${package}.security.Tokens;

#if(!$model.sortableFields.isEmpty())
#set($sortField = $model.sortableFields.get(0).name)
#else
#set($sortField = "createdAt")
#end
/**
 * The public API against WireMock stubs of both data services, with real JWTs. The bodies are derived from the
 * ${entity}'s fields: valid sample values, and every validation broken once. The API publishes no events (the data
 * service does, from its outbox), so nothing here waits for one.
 */
@QuarkusTest
@ConnectWireMock
class ${entity}ResourceTest {

    static final String PATH = "/api/v1/${resourcePath}";
    static final String DATA = "/api/v1/${resourcePath}";
    static final String ACTIVITY = "/api/v1/${activityPath}";
    static final String PROBLEM = "application/problem+json";
    static final ObjectMapper MAPPER = new ObjectMapper();

    WireMock wiremock;

    @Inject
    CircuitBreakerMaintenance breakers;

    @Inject
    ObjectMapper json;

    @BeforeEach
    void reset() {
        wiremock.resetMappings();
        wiremock.resetRequests();
        breakers.resetAll();
    }

#validBodies()

    /** What the data service answers: the ${entity} with id 7 holding the sample values number {@code n}. */
    static String dto(int n, long version) {
        Map<String, Object> dto = new LinkedHashMap<>();
        dto.put("id", 7);
        dto.putAll(valid(n));
        dto.put("createdAt", "2030-01-01T10:00:00Z");
        dto.put("updatedAt", version == 0 ? "2030-01-01T10:00:00Z" : "2030-01-02T10:00:00Z");
        dto.put("version", version);
        try {
            return MAPPER.writeValueAsString(dto);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ----- security -----

    @Test
    void readsNeedAToken() {
        wiremock.register(get(urlPathEqualTo(DATA)).willReturn(okJson(page(dto(1, 0)))));
        problem(given().get(PATH), 401);
        problem(given().auth().oauth2("not-a-jwt").get(PATH), 401);
        problem(given().auth().oauth2(Tokens.forged()).get(PATH), 401);
        // a token of the right issuer for another API, or for none
        problem(given().auth().oauth2(Tokens.forAudience("another-api", "reader")).get(PATH), 401);
        problem(given().auth().oauth2(Tokens.forAudience(null, "reader")).get(PATH), 401);
        as("reader").get(PATH).then().statusCode(200).body("items", hasSize(1));
        wiremock.verifyThat(1, getRequestedFor(urlPathEqualTo(DATA)));
    }

    @Test
    void anAcceptedTokenIsRefusedOnceItExpires() {
        // accepted tokens are kept verified (security.VerifiedTokens): never beyond their exp
        wiremock.register(get(urlPathEqualTo(DATA)).willReturn(okJson(page(dto(1, 0)))));
        String token = Tokens.expiringIn(2, "reader");
        given().auth().oauth2(token).get(PATH).then().statusCode(200);
        given().auth().oauth2(token).get(PATH).then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().auth().oauth2(token).get(PATH).statusCode() == 401);
        problem(given().auth().oauth2(token).get(PATH), 401);
    }

    @Test
    void anAcceptedTokenWithAnotherSignatureIsRefused() {
        wiremock.register(get(urlPathEqualTo(DATA)).willReturn(okJson(page(dto(1, 0)))));
        String token = Tokens.of("reader");
        given().auth().oauth2(token).get(PATH).then().statusCode(200);
        // same header and claims as the token just accepted, the signature of another key
        String other = Tokens.forged();
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + other.substring(other.lastIndexOf('.') + 1);
        problem(given().auth().oauth2(forged).get(PATH), 401);
        given().auth().oauth2(token).get(PATH).then().statusCode(200);
    }

    @Test
    void writesNeedTheUserRoleAndDeletesTheAdminRole() {
        problem(as("reader").contentType(ContentType.JSON).body(valid(1)).post(PATH), 403);
        problem(as("reader").contentType(ContentType.JSON).body(withVersion(valid(1), 0)).put(PATH + "/7"), 403);
        problem(as("writer", "user").delete(PATH + "/7"), 403);
        wiremock.verifyThat(0, postRequestedFor(urlPathEqualTo(DATA)));
        wiremock.verifyThat(0, putRequestedFor(urlPathEqualTo(DATA + "/7")));
        wiremock.verifyThat(0, deleteRequestedFor(urlPathEqualTo(DATA + "/7")));

        wiremock.register(delete(urlPathEqualTo(DATA + "/7")).willReturn(aResponse().withStatus(204)));
        as("boss", "admin").delete(PATH + "/7").then().statusCode(204);
        wiremock.verifyThat(1, deleteRequestedFor(urlPathEqualTo(DATA + "/7")));
    }

    // ----- happy paths -----

    @Test
    void createForwardsToTheDataService() {
        wiremock.register(post(urlPathEqualTo(DATA))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(dto(1, 0))));

        ValidatableResponse created = as("writer", "user").contentType(ContentType.JSON).body(valid(1))
                .post(PATH).then().statusCode(201)
                .header("Location", containsString(PATH + "/7"))
                .body("id", is(7))
                .body("version", is(0));
#foreach($f in $fields)
        created.body("${f.name}", is(${f.sampleMatch(1)}));
#end
        hasSamples(1, forwarded(postRequestedFor(urlPathEqualTo(DATA))));
    }

    @Test
    void updateAndReadsGoToTheDataService() {
        wiremock.register(put(urlPathEqualTo(DATA + "/7")).willReturn(okJson(dto(2, 1))));
        wiremock.register(get(urlPathEqualTo(DATA + "/7")).willReturn(okJson(dto(1, 0))));

        ValidatableResponse updated = as("writer", "user").contentType(ContentType.JSON).body(withVersion(valid(2), 0))
                .put(PATH + "/7").then().statusCode(200).body("id", is(7)).body("version", is(1));
#foreach($f in $fields)
        updated.body("${f.name}", is(${f.sampleMatch(2)}));
#end
        JsonNode sent = forwarded(putRequestedFor(urlPathEqualTo(DATA + "/7")));
        hasSamples(2, sent);
        assertEquals(0, sent.get("version").asLong());

        ValidatableResponse read = as("reader").get(PATH + "/7").then().statusCode(200).body("id", is(7));
#foreach($f in $fields)
        read.body("${f.name}", is(${f.sampleMatch(1)}));
#end
    }

    @Test
    void listPassesPagingSortAndEveryFilterToTheDataService() {
        wiremock.register(get(urlPathEqualTo(DATA)).willReturn(okJson(page(dto(1, 0)))));
        Map<String, String> filters = new LinkedHashMap<>();
#foreach($f in $model.filterFields)
#if($f.filter == "equal")
        filters.put("${f.name}", "${f.sampleText(1)}");
#else
        filters.put("${f.name}From", "${f.sampleText(1)}");
        filters.put("${f.name}To", "${f.sampleText(2)}");
#end
#end

        ValidatableResponse listed = as("reader").queryParams(filters).queryParam("page", 2).queryParam("size", 5)
                .queryParam("sort", "${sortField},desc").get(PATH).then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].id", is(7)).body("total", is(1));
#foreach($f in $fields)
        listed.body("items[0].${f.name}", is(${f.sampleMatch(1)}));
#end
        RequestPatternBuilder filtered = getRequestedFor(urlPathEqualTo(DATA)).withQueryParam("page", equalTo("2"))
                .withQueryParam("size", equalTo("5")).withQueryParam("sort", equalTo("${sortField},desc"));
        filters.forEach((name, value) -> filtered.withQueryParam(name, equalTo(value)));
        wiremock.verifyThat(1, filtered);

        // without parameters: the defaults, and no filter
        wiremock.resetRequests();
        as("reader").get(PATH).then().statusCode(200).body("items", hasSize(1));
        RequestPatternBuilder unfiltered = getRequestedFor(urlPathEqualTo(DATA)).withQueryParam("page", equalTo("0"))
                .withQueryParam("size", equalTo("20")).withQueryParam("sort", equalTo("id,asc"));
        filters.keySet().forEach(name -> unfiltered.withQueryParam(name, absent()));
        wiremock.verifyThat(1, unfiltered);
    }

    @Test
    void activityComesFromTheActivityLog() {
        wiremock.register(get(urlPathEqualTo(DATA + "/7")).willReturn(okJson(dto(1, 0))));
        wiremock.register(get(urlPathEqualTo(ACTIVITY)).withQueryParam("${entityVar}Id", equalTo("7"))
                .withQueryParam("sort", equalTo("occurredAt,desc"))
                .willReturn(okJson(page("""
                        {"id": "65f1c0ffee0000000000abcd", "${entityVar}Id": 7, "type": "${eventPrefix}.created",
                         "occurredAt": "2030-01-01T10:00:01Z", "eventId": "e-1"}"""))));
        as("reader").get(PATH + "/7/activity").then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].type", is("${eventPrefix}.created"));

        wiremock.register(get(urlPathEqualTo(DATA + "/8")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", PROBLEM)
                .withBody("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"No ${entity} 8\"}")));
        problem(as("reader").get(PATH + "/8/activity"), 404).body("detail", is("No ${entity} 8"));
        wiremock.verifyThat(0, getRequestedFor(urlPathEqualTo(ACTIVITY)).withQueryParam("${entityVar}Id", equalTo("8")));
    }

    // ----- downstream errors -----

    @Test
    void downstream4xxArePassedOnFaithfully() {
        wiremock.register(get(urlPathEqualTo(DATA + "/404")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", PROBLEM)
                .withBody("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"No ${entity} with id 404\"}")));
        problem(as("reader").get(PATH + "/404"), 404)
                .body("detail", is("No ${entity} with id 404"))
                .body("instance", is(PATH + "/404"));

        wiremock.register(put(urlPathEqualTo(DATA + "/7")).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", PROBLEM)
                .withBody("{\"type\":\"about:blank\",\"title\":\"Conflict\",\"status\":409,\"detail\":\"stale version\"}")));
        problem(as("writer", "user").contentType(ContentType.JSON).body(withVersion(valid(1), 0)).put(PATH + "/7"), 409)
                .body("detail", is("stale version"));

        wiremock.register(post(urlPathEqualTo(DATA)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", PROBLEM)
                .withBody("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\"invalid\","
                        + "\"errors\":[{\"field\":\"${model.titleField.name}\",\"message\":\"is not allowed here\"}]}")));
        problem(as("writer", "user").contentType(ContentType.JSON).body(valid(1)).post(PATH), 400)
                .body("errors.field", hasItem("${model.titleField.name}"))
                .body("errors.message", hasItem("is not allowed here"));

        // rejected requests are not failures: no retry
        wiremock.verifyThat(1, getRequestedFor(urlPathEqualTo(DATA + "/404")));
        wiremock.verifyThat(1, putRequestedFor(urlPathEqualTo(DATA + "/7")));
        wiremock.verifyThat(1, postRequestedFor(urlPathEqualTo(DATA)));
    }

    @Test
    void failingDownstreamIs503AfterRetryingReadsOnly() {
        wiremock.register(get(urlPathEqualTo(DATA + "/7")).willReturn(aResponse().withStatus(500)));
        problem(as("reader").get(PATH + "/7"), 503).header("Retry-After", notNullValue());
        wiremock.verifyThat(3, getRequestedFor(urlPathEqualTo(DATA + "/7")));

        wiremock.register(post(urlPathEqualTo(DATA)).willReturn(aResponse().withStatus(503)));
        problem(as("writer", "user").contentType(ContentType.JSON).body(valid(1)).post(PATH), 503);
        wiremock.verifyThat(1, postRequestedFor(urlPathEqualTo(DATA)));
    }

    @Test
    void aBurstOfRejectedRequestsLeavesTheBreakersClosedForEverybodyElse() {
        // one client sends 40 requests that the data service rejects (the breakers judge by 20 calls)
        wiremock.register(get(urlPathEqualTo(DATA)).willReturn(okJson("{\"items\":[],\"page\":0,\"size\":20,\"total\":0}")));
        wiremock.register(get(urlPathEqualTo(DATA)).withQueryParam("page", equalTo("9")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", PROBLEM)
                .withBody("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\"rejected\"}")));
        wiremock.register(get(urlPathEqualTo(DATA + "/404")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", PROBLEM)
                .withBody("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404}")));
        wiremock.register(get(urlPathEqualTo(DATA + "/7")).willReturn(okJson(dto(1, 0))));
        for (int i = 0; i < 40; i++) {
            problem(as("mallory").queryParam("page", 9).get(PATH), 400);
            problem(as("mallory").get(PATH + "/404"), 404);
        }
        // each was one call, never retried, and none counted as a failure: another user is served
        wiremock.verifyThat(40, getRequestedFor(urlPathEqualTo(DATA)).withQueryParam("page", equalTo("9")));
        wiremock.verifyThat(40, getRequestedFor(urlPathEqualTo(DATA + "/404")));
        as("reader").get(PATH).then().statusCode(200);
        as("reader").get(PATH + "/7").then().statusCode(200).body("id", is(7));
    }

    @Test
    void slowDownstreamIs503WithinTheTimeout() {
        wiremock.register(get(urlPathEqualTo(DATA + "/7")).willReturn(okJson(dto(1, 0)).withFixedDelay(5000)));
        long start = System.nanoTime();
        problem(as("reader").get(PATH + "/7"), 503);
        long millis = (System.nanoTime() - start) / 1_000_000;
        // the timeout is 2 s (application.properties); the stub would answer after 5 s
        assertTrue(millis < 4000, "answered after " + millis + " ms");
    }

    // ----- validation -----

    @Test
    void everyBrokenValidationIsA400NamingTheFieldBeforeAnyCall() {
#foreach($f in $fields)
#foreach($invalid in $f.invalidSamples)
        rejected("${f.name}", ${invalid.value}, "${invalid.ruleJava}");
#end
#end
        problem(as("writer", "user").contentType(ContentType.JSON).body("{\"${model.titleField.name}\": ").post(PATH), 400);
        problem(as("writer", "user").contentType(ContentType.JSON).post(PATH), 400);
        problem(as("writer", "user").contentType(ContentType.JSON).body(valid(1)).put(PATH + "/7"), 400)
                .body("errors.field", hasItem("version"));
        problem(as("writer", "user").header(IdempotencyStore.HEADER, "has space").contentType(ContentType.JSON)
                .body(valid(1)).post(PATH), 400);
        wiremock.verifyThat(0, postRequestedFor(urlPathEqualTo(DATA)));
        wiremock.verifyThat(0, putRequestedFor(urlPathEqualTo(DATA + "/7")));
    }

    /** JSON is read strictly (msframework-problem's StrictJson): a value of another JSON type is never converted. */
    @Test
    void aValueOfAnotherJsonTypeIsA400NamingTheFieldBeforeAnyCall() {
#foreach($f in $fields)
#if($f.text)
        rejected("${f.name}", 12345, "text only");
#elseif($f.boolean)
        rejected("${f.name}", "true", "a JSON boolean only");
#else
        rejected("${f.name}", true, "no JSON boolean");
#end
#end
        wiremock.verifyThat(0, postRequestedFor(urlPathEqualTo(DATA)));
        wiremock.verifyThat(0, putRequestedFor(urlPathEqualTo(DATA + "/7")));
    }

    /** The field set to {@code value} makes both a create and an update a 400 naming the field. */
    private void rejected(String field, Object value, String rule) {
        Map<String, Object> body = valid(2);
        body.put(field, value);
        try {
            problem(as("writer", "user").contentType(ContentType.JSON).body(body).post(PATH), 400)
                    .body("errors.field", hasItem(field));
            problem(as("writer", "user").contentType(ContentType.JSON).body(withVersion(body, 0)).put(PATH + "/7"), 400)
                    .body("errors.field", hasItem(field));
        } catch (AssertionError e) {
            throw new AssertionError(field + " = " + value + " breaks " + rule + ": expected 400 naming " + field + ". " + e.getMessage(), e);
        }
    }

    @Test
    void everyBadListParameterIsA400NamingItBeforeAnyCall() {
        problem(as("reader").queryParam("page", -1).get(PATH), 400).body("errors.field", hasItem("page"));
        problem(as("reader").queryParam("size", 0).get(PATH), 400).body("errors.field", hasItem("size"));
        problem(as("reader").queryParam("size", 101).get(PATH), 400).body("errors.field", hasItem("size"));
        // the offset of the first element (page x size) must stay an int
        problem(as("reader").queryParam("page", PageResponse.MAX_PAGE + 1).get(PATH), 400).body("errors.field", hasItem("page"));
        problem(as("reader").queryParam("sort", "password").get(PATH), 400).body("errors.field", hasItem("sort"));
        problem(as("reader").queryParam("sort", "id,sideways").get(PATH), 400).body("errors.field", hasItem("sort"));
#foreach($f in $model.filterFields)
#foreach($p in $f.filterParams)
        problem(as("reader").queryParam("${p}", "not-a-value").get(PATH), 400).body("errors.field", hasItem("${p}"))
                .body("errors.message", hasItem("must be ${f.paramRule}"));
#end
#end
        wiremock.verifyThat(0, getRequestedFor(urlPathEqualTo(DATA)));
    }

    // ----- idempotency -----

    @Test
    void idempotencyKeyReplaysTheFirstAnswer() {
        wiremock.register(post(urlPathEqualTo(DATA))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(dto(1, 0))));
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = valid(1);

        as("writer", "user").header(IdempotencyStore.HEADER, key).contentType(ContentType.JSON).body(body)
                .post(PATH).then().statusCode(201).body("id", is(7));
        ValidatableResponse replayed = as("writer", "user").header(IdempotencyStore.HEADER, key).contentType(ContentType.JSON)
                .body(body).post(PATH).then().statusCode(201)
                .header(IdempotencyStore.REPLAYED_HEADER, "true")
                .header("Location", containsString(PATH + "/7"))
                .body("id", is(7));
#foreach($f in $fields)
        replayed.body("${f.name}", is(${f.sampleMatch(1)}));
#end
        wiremock.verifyThat(1, postRequestedFor(urlPathEqualTo(DATA)));

        problem(as("writer", "user").header(IdempotencyStore.HEADER, key).contentType(ContentType.JSON)
                .body(valid(2)).post(PATH), 422);
        // keys are per user
        as("other", "user").header(IdempotencyStore.HEADER, key).contentType(ContentType.JSON).body(body)
                .post(PATH).then().statusCode(201);
        wiremock.verifyThat(2, postRequestedFor(urlPathEqualTo(DATA)));
    }

    @Test
    void failedRequestKeepsNoIdempotencyRecord() {
        String key = UUID.randomUUID().toString();
        wiremock.register(post(urlPathEqualTo(DATA)).willReturn(aResponse().withStatus(500)));
        problem(as("writer", "user").header(IdempotencyStore.HEADER, key).contentType(ContentType.JSON)
                .body(valid(1)).post(PATH), 503);
        wiremock.register(post(urlPathEqualTo(DATA))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(dto(1, 0))));
        as("writer", "user").header(IdempotencyStore.HEADER, key).contentType(ContentType.JSON)
                .body(valid(1)).post(PATH).then().statusCode(201);
    }

    // ----- operations -----

    @Test
    void healthMetricsAndOpenApi() {
        given().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
        wiremock.register(post(urlPathEqualTo(DATA))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(dto(1, 0))));
        // one call to the data service, so that the REST client's metrics exist
        as("writer", "user").contentType(ContentType.JSON).body(valid(1)).post(PATH).then().statusCode(201);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_client_requests"))
                .body(containsString("http_server_requests"));
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("components.securitySchemes.bearer.scheme", is("bearer"))
                .body("paths", org.hamcrest.Matchers.hasKey(PATH));
    }

    // ----- helpers -----

    static RequestSpecification as(String user, String... roles) {
        return given().auth().oauth2(Tokens.of(user, roles));
    }

    static String page(String item) {
        return "{\"items\": [" + item + "], \"page\": 0, \"size\": 20, \"total\": 1}";
    }

    static Map<String, Object> withVersion(Map<String, Object> body, long version) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.put("version", version);
        return copy;
    }

    /** The body of the one request of {@code pattern} the data service received. */
    JsonNode forwarded(RequestPatternBuilder pattern) {
        var requests = wiremock.find(pattern);
        assertEquals(1, requests.size(), "requests to the data service: " + requests);
        try {
            return json.readTree(requests.get(0).getBodyAsString());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + requests.get(0).getBodyAsString(), e);
        }
    }

    /** The JSON object holds the sample values number {@code n} of every field (numbers compared by value). */
    static void hasSamples(int n, JsonNode object) {
        valid(n).forEach((field, expected) -> {
            JsonNode actual = object.path(field);
            boolean same = actual.isNumber() && expected instanceof Number
                    ? actual.decimalValue().compareTo(new BigDecimal(expected.toString())) == 0
                    : actual.isValueNode() && !actual.isNull() && String.valueOf(expected).equals(actual.asText());
            assertTrue(same, field + ": expected " + expected + " in " + object);
        });
    }

    static ValidatableResponse problem(io.restassured.response.Response response, int status) {
        return response.then().statusCode(status)
                .contentType(PROBLEM)
                .body("status", is(status))
                .body("title", notNullValue())
                .time(lessThan(10_000L));
    }
}
