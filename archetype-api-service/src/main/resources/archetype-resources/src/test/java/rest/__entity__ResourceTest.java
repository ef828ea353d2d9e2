package ${package}.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
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

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;

import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;

import ${package}.event.InMemoryEvents;
import ${package}.idempotency.IdempotencyStore;
import ${package}.security.Tokens;

/**
 * The public API against WireMock stubs of both data services, with events caught in memory and real JWTs.
 */
@QuarkusTest
@ConnectWireMock
@WithTestResource(InMemoryEvents.class)
class ${entity}ResourceTest {

    static final String PATH = "/api/v1/${resourcePath}";
    static final String DATA = "/api/v1/${resourcePath}";
    static final String ACTIVITY = "/api/v1/${activityPath}";
    static final String PROBLEM = "application/problem+json";
    static final String DTO = """
            {"id": 7, "title": "Write the report", "description": null, "status": "OPEN", "dueDate": "2030-01-31",
             "createdAt": "2030-01-01T10:00:00Z", "updatedAt": "2030-01-01T10:00:00Z", "version": 0}""";

    WireMock wiremock;

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    CircuitBreakerMaintenance breakers;

    @Inject
    ObjectMapper json;

    InMemorySink<String> events;

    @BeforeEach
    void reset() {
        wiremock.resetMappings();
        wiremock.resetRequests();
        breakers.resetAll();
        events = connector.sink("events");
        events.clear();
    }

    // ----- security -----

    @Test
    void readsNeedAToken() {
        wiremock.register(get(urlPathEqualTo(DATA)).willReturn(okJson(page(DTO))));
        problem(given().get(PATH), 401);
        problem(given().auth().oauth2("not-a-jwt").get(PATH), 401);
        problem(given().auth().oauth2(Tokens.forged()).get(PATH), 401);
        as("reader").get(PATH).then().statusCode(200).body("items", hasSize(1));
        wiremock.verifyThat(1, getRequestedFor(urlPathEqualTo(DATA)));
    }

    @Test
    void anAcceptedTokenIsRefusedOnceItExpires() {
        // accepted tokens are kept verified (security.VerifiedTokens): never beyond their exp
        wiremock.register(get(urlPathEqualTo(DATA)).willReturn(okJson(page(DTO))));
        String token = Tokens.expiringIn(2, "reader");
        given().auth().oauth2(token).get(PATH).then().statusCode(200);
        given().auth().oauth2(token).get(PATH).then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().auth().oauth2(token).get(PATH).statusCode() == 401);
        problem(given().auth().oauth2(token).get(PATH), 401);
    }

    @Test
    void anAcceptedTokenWithAnotherSignatureIsRefused() {
        wiremock.register(get(urlPathEqualTo(DATA)).willReturn(okJson(page(DTO))));
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
        problem(as("reader").contentType(ContentType.JSON).body(Map.of("title", "t")).post(PATH), 403);
        problem(as("reader").contentType(ContentType.JSON)
                .body(Map.of("title", "t", "status", "OPEN", "version", 0)).put(PATH + "/7"), 403);
        problem(as("writer", "user").delete(PATH + "/7"), 403);
        wiremock.verifyThat(0, postRequestedFor(urlPathEqualTo(DATA)));
        wiremock.verifyThat(0, deleteRequestedFor(urlPathEqualTo(DATA + "/7")));
        assertEquals(0, events.received().size());

        wiremock.register(delete(urlPathEqualTo(DATA + "/7")).willReturn(aResponse().withStatus(204)));
        as("boss", "admin").delete(PATH + "/7").then().statusCode(204);
        JsonNode deleted = event("${eventPrefix}.deleted");
        assertEquals(7, deleted.at("/data/id").asLong());
        JsonNode title = deleted.at("/data/title");
        assertTrue(title.isNull() || title.isMissingNode(), "a deleted event carries only the id: " + deleted);
    }

    // ----- happy paths and events -----

    @Test
    void createForwardsToTheDataServiceAndPublishesAnEvent() {
        wiremock.register(post(urlPathEqualTo(DATA))
                .withRequestBody(matchingJsonPath("$.title", equalTo("Write the report")))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(DTO)));

        as("writer", "user").contentType(ContentType.JSON)
                .body(Map.of("title", "Write the report", "dueDate", "2030-01-31"))
                .post(PATH).then().statusCode(201)
                .header("Location", containsString(PATH + "/7"))
                .body("id", is(7))
                .body("title", is("Write the report"));

        JsonNode event = event("${eventPrefix}.created");
        assertEquals("1.0", event.get("specversion").asText());
        assertEquals("application/json", event.get("datacontenttype").asText());
        assertTrue(event.get("source").asText().endsWith("/${artifactId}"));
        assertEquals("Write the report", event.at("/data/title").asText());
        assertEquals(7, event.at("/data/id").asLong());
        OutgoingRabbitMQMetadata rabbit = events.received().get(0).getMetadata(OutgoingRabbitMQMetadata.class).orElseThrow();
        assertEquals("${eventPrefix}.created", rabbit.getRoutingKey());
        assertEquals(2, rabbit.getDeliveryMode());
        assertEquals(event.get("id").asText(), rabbit.getMessageId());
    }

    @Test
    void updateAndReadsGoToTheDataService() {
        String updated = DTO.replace("\"OPEN\"", "\"DONE\"").replace("\"version\": 0", "\"version\": 1");
        wiremock.register(put(urlPathEqualTo(DATA + "/7")).willReturn(okJson(updated)));
        wiremock.register(get(urlPathEqualTo(DATA + "/7")).willReturn(okJson(DTO)));
        wiremock.register(get(urlPathEqualTo(DATA)).withQueryParam("status", equalTo("DONE"))
                .withQueryParam("size", equalTo("5")).willReturn(okJson(page(updated))));

        as("writer", "user").contentType(ContentType.JSON)
                .body(Map.of("title", "Write the report", "status", "DONE", "version", 0))
                .put(PATH + "/7").then().statusCode(200).body("status", is("DONE")).body("version", is(1));
        assertEquals("DONE", event("${eventPrefix}.updated").at("/data/status").asText());

        as("reader").get(PATH + "/7").then().statusCode(200).body("title", is("Write the report"));
        as("reader").queryParam("status", "DONE").queryParam("size", 5).get(PATH).then().statusCode(200)
                .body("items[0].status", is("DONE")).body("total", is(1));
    }

    @Test
    void activityComesFromTheActivityLog() {
        wiremock.register(get(urlPathEqualTo(DATA + "/7")).willReturn(okJson(DTO)));
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
        problem(as("writer", "user").contentType(ContentType.JSON)
                .body(Map.of("title", "t", "status", "OPEN", "version", 0)).put(PATH + "/7"), 409)
                .body("detail", is("stale version"));

        wiremock.register(post(urlPathEqualTo(DATA)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", PROBLEM)
                .withBody("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\"invalid\","
                        + "\"errors\":[{\"field\":\"dueDate\",\"message\":\"must be in the future\"}]}")));
        problem(as("writer", "user").contentType(ContentType.JSON).body(Map.of("title", "t")).post(PATH), 400)
                .body("errors.field", hasItem("dueDate"))
                .body("errors.message", hasItem("must be in the future"));

        // rejected requests are not failures: no retry, and no event
        wiremock.verifyThat(1, getRequestedFor(urlPathEqualTo(DATA + "/404")));
        wiremock.verifyThat(1, postRequestedFor(urlPathEqualTo(DATA)));
        assertEquals(0, events.received().size());
    }

    @Test
    void failingDownstreamIs503AfterRetryingReadsOnly() {
        wiremock.register(get(urlPathEqualTo(DATA + "/7")).willReturn(aResponse().withStatus(500)));
        problem(as("reader").get(PATH + "/7"), 503).header("Retry-After", notNullValue());
        wiremock.verifyThat(3, getRequestedFor(urlPathEqualTo(DATA + "/7")));

        wiremock.register(post(urlPathEqualTo(DATA)).willReturn(aResponse().withStatus(503)));
        problem(as("writer", "user").contentType(ContentType.JSON).body(Map.of("title", "t")).post(PATH), 503);
        wiremock.verifyThat(1, postRequestedFor(urlPathEqualTo(DATA)));
        assertEquals(0, events.received().size());
    }

    @Test
    void slowDownstreamIs503WithinTheTimeout() {
        wiremock.register(get(urlPathEqualTo(DATA + "/7")).willReturn(okJson(DTO).withFixedDelay(5000)));
        long start = System.nanoTime();
        problem(as("reader").get(PATH + "/7"), 503);
        long millis = (System.nanoTime() - start) / 1_000_000;
        // the timeout is 2 s (application.properties); the stub would answer after 5 s
        assertTrue(millis < 4000, "answered after " + millis + " ms");
    }

    // ----- validation -----

    @Test
    void invalidInputIsRejectedBeforeAnyCall() {
        problem(as("writer", "user").contentType(ContentType.JSON).body(Map.of("title", " ")).post(PATH), 400)
                .body("errors.field", hasItem("title"));
        problem(as("writer", "user").contentType(ContentType.JSON).body("{\"title\": ").post(PATH), 400);
        problem(as("writer", "user").contentType(ContentType.JSON).body(Map.of("title", "t", "status", "LOST")).post(PATH), 400)
                .body("errors.field", hasItem("status"));
        problem(as("reader").queryParam("size", 101).get(PATH), 400).body("errors.field", hasItem("size"));
        problem(as("reader").queryParam("sort", "password").get(PATH), 400).body("errors.field", hasItem("sort"));
        problem(as("writer", "user").header(IdempotencyStore.HEADER, "has space").contentType(ContentType.JSON)
                .body(Map.of("title", "t")).post(PATH), 400);
        wiremock.verifyThat(0, postRequestedFor(urlPathEqualTo(DATA)));
        wiremock.verifyThat(0, getRequestedFor(urlPathEqualTo(DATA)));
    }

    // ----- idempotency -----

    @Test
    void idempotencyKeyReplaysTheFirstAnswer() {
        wiremock.register(post(urlPathEqualTo(DATA))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(DTO)));
        String key = UUID.randomUUID().toString();
        Map<String, String> body = Map.of("title", "Write the report");

        as("writer", "user").header(IdempotencyStore.HEADER, key).contentType(ContentType.JSON).body(body)
                .post(PATH).then().statusCode(201).body("id", is(7));
        as("writer", "user").header(IdempotencyStore.HEADER, key).contentType(ContentType.JSON).body(body)
                .post(PATH).then().statusCode(201)
                .header(IdempotencyStore.REPLAYED_HEADER, "true")
                .header("Location", containsString(PATH + "/7"))
                .body("id", is(7))
                .body("title", is("Write the report"));
        wiremock.verifyThat(1, postRequestedFor(urlPathEqualTo(DATA)));
        assertEquals(1, events.received().size(), "one write, one event");

        problem(as("writer", "user").header(IdempotencyStore.HEADER, key).contentType(ContentType.JSON)
                .body(Map.of("title", "Something else")).post(PATH), 422);
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
                .body(Map.of("title", "t")).post(PATH), 503);
        wiremock.register(post(urlPathEqualTo(DATA))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(DTO)));
        as("writer", "user").header(IdempotencyStore.HEADER, key).contentType(ContentType.JSON)
                .body(Map.of("title", "t")).post(PATH).then().statusCode(201);
    }

    // ----- operations -----

    @Test
    void healthMetricsAndOpenApi() {
        given().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
        wiremock.register(post(urlPathEqualTo(DATA))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(DTO)));
        as("writer", "user").contentType(ContentType.JSON).body(Map.of("title", "t")).post(PATH).then().statusCode(201);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("events_published_total"))
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

    JsonNode event(String type) {
        List<? extends Message<String>> received = events.received();
        assertEquals(1, received.size(), "events: " + received.stream().map(Message::getPayload).toList());
        try {
            JsonNode event = json.readTree(received.get(0).getPayload());
            assertEquals(type, event.get("type").asText());
            return event;
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + received.get(0).getPayload(), e);
        }
    }

    static ValidatableResponse problem(io.restassured.response.Response response, int status) {
        return response.then().statusCode(status)
                .contentType(PROBLEM)
                .body("status", is(status))
                .body("title", notNullValue())
                .time(lessThan(10_000L));
    }
}
