package ${package}.worker;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;

import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import ${package}.contract.event.${entity}Events;

/**
 * ${entity} events as a producer publishes them, and the data-mongo answers to recording them, for the tests
 * (the entity-independent part: {@link TestEvents}).
 */
final class ${entity}TestEvents {

    static final String ACTIVITIES = "/api/v1/${activityPath}";
    static final String BATCH = ACTIVITIES + "/batch";

    private ${entity}TestEvents() {
    }

    /** A {@value ${entity}Events${h}CREATED} event of the ${entity} {@code ${entityVar}Id} with {@link ${h}data}. */
    static String created(String eventId, long ${entityVar}Id) {
        return event(eventId, ${entity}Events.CREATED, ${entityVar}Id);
    }

    /** An event of the given type; the data of {@value ${entity}Events${h}DELETED} holds only the id, as a producer sends it. */
    static String event(String eventId, String type, long ${entityVar}Id) {
        JsonObject data = type.equals(${entity}Events.DELETED)
                ? new JsonObject().put("id", ${entityVar}Id).put("version", 0)
                : data(${entityVar}Id);
        return TestEvents.event(eventId, type, data);
    }

    /** A ${entity} as the data service returns it: every field set to its first sample value. */
    static JsonObject data(long ${entityVar}Id) {
        return new JsonObject().put("id", ${entityVar}Id)
#foreach($f in $fields)
                .put("${f.name}", ${f.sample(1)})
#end
                .put("createdAt", "2030-01-01T09:00:00Z").put("updatedAt", "2030-01-01T09:00:00Z").put("version", 0);
    }

    /** Each bulk POST that carries the activity of this event. */
    static RequestPatternBuilder recordings(String eventId) {
        return postRequestedFor(urlEqualTo(BATCH)).withRequestBody(matchingJsonPath(carrying(eventId)));
    }

    /** The single POST of the activity of this event (after a refused batch). */
    static RequestPatternBuilder singleRecordings(String eventId) {
        return postRequestedFor(urlEqualTo(ACTIVITIES)).withRequestBody(matchingJsonPath("$.eventId", equalTo(eventId)));
    }

    /** The activities a bulk POST carried. */
    static Stream<JsonObject> activities(LoggedRequest bulk) {
        return new JsonArray(bulk.getBodyAsString()).stream().map(JsonObject.class::cast);
    }

    /** The activity of this event in a bulk POST. */
    static JsonObject recorded(LoggedRequest bulk, String eventId) {
        return activities(bulk).filter(activity -> eventId.equals(activity.getString("eventId"))).findFirst().orElseThrow();
    }

    /** A bulk POST carrying the activity of this event. */
    static MappingBuilder recording(String eventId) {
        return post(urlEqualTo(BATCH)).withRequestBody(matchingJsonPath(carrying(eventId)));
    }

    private static String carrying(String eventId) {
        return "$[?(@.eventId == '" + eventId + "')]";
    }

    /** data-mongo's answer to a batch: the same status for each of its activities. */
    static ResponseDefinitionBuilder eachAnswered(int status) {
        String item = status == 201 ? "{\"status\":201,\"id\":\"0123456789abcdef01234567\"}" : "{\"status\":" + status + ",\"detail\":\"known\"}";
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"items\":[{{${h}each (jsonPath request.body '$') as |activity|}}" + item + "{{${h}unless @last}},{{/unless}}{{/each}}]}")
                .withTransformers("response-template");
    }

    /** How many calls carried the activity of this event: bulk ones (a batch) and single ones (an event on its own). */
    static int recordingsOf(WireMock wiremock, String eventId) {
        return wiremock.find(recordings(eventId)).size() + wiremock.find(singleRecordings(eventId)).size();
    }

    /** The single POST of the activity of this event. */
    static MappingBuilder recordingAlone(String eventId) {
        return post(urlEqualTo(ACTIVITIES)).withRequestBody(matchingJsonPath("$.eventId", equalTo(eventId)));
    }

    static String activity(String eventId) {
        return """
                {"id":"0123456789abcdef01234567","${entityVar}Id":1,"type":"%s","eventId":"%s"}"""
                .formatted(${entity}Events.CREATED, eventId);
    }

    private static ResponseDefinitionBuilder created(String eventId) {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(activity(eventId));
    }

    /** data-mongo records the activity of this event (and those sent with it): 201, in a batch or alone. */
    static void recorded(WireMock wiremock, String eventId) {
        wiremock.register(recording(eventId).willReturn(eachAnswered(201)));
        wiremock.register(recordingAlone(eventId).willReturn(created(eventId)));
    }

    /** data-mongo answers this status to every call carrying the activity of this event. */
    static void failing(WireMock wiremock, String eventId, int status) {
        wiremock.register(recording(eventId).willReturn(aResponse().withStatus(status)));
        wiremock.register(recordingAlone(eventId).willReturn(aResponse().withStatus(status)));
    }

    /** data-mongo answers 503 to the first call carrying this event, then records it. */
    static void unavailableOnce(WireMock wiremock, String eventId) {
        wiremock.register(recording(eventId).inScenario(eventId).whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("recovered"));
        wiremock.register(recordingAlone(eventId).inScenario(eventId).whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("recovered"));
        wiremock.register(recording(eventId).inScenario(eventId).whenScenarioStateIs("recovered").willReturn(eachAnswered(201)));
        wiremock.register(recordingAlone(eventId).inScenario(eventId).whenScenarioStateIs("recovered").willReturn(created(eventId)));
    }
}
