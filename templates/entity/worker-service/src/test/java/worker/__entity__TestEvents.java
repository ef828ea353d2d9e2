package ${package}.worker;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;

import io.vertx.core.json.JsonObject;

import ${package}.contract.event.${entity}Events;

/**
 * ${entity} events as a producer publishes them, and the data-mongo answers to recording them, for the tests
 * (the entity-independent part: {@link TestEvents}).
 */
final class ${entity}TestEvents {

    static final String ACTIVITIES = "/api/v1/${activityPath}";

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

    static String activity(String eventId) {
        return """
                {"id":"0123456789abcdef01234567","${entityVar}Id":1,"type":"%s","eventId":"%s"}"""
                .formatted(${entity}Events.CREATED, eventId);
    }

    /** The POST of the activity of this event. */
    static MappingBuilder recording(String eventId) {
        return post(urlEqualTo(ACTIVITIES)).withRequestBody(matchingJsonPath("$.eventId", equalTo(eventId)));
    }

    /** data-mongo records the activity of this event: 201. */
    static void recorded(WireMock wiremock, String eventId) {
        wiremock.register(recording(eventId).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(activity(eventId))));
    }

    /** data-mongo answers 503 to the first attempt of this event, then records it. */
    static void unavailableOnce(WireMock wiremock, String eventId) {
        wiremock.register(recording(eventId).inScenario(eventId).whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("recovered"));
        wiremock.register(recording(eventId).inScenario(eventId).whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(activity(eventId))));
    }
}
