package ${package}.worker;

import java.time.Duration;
import java.util.UUID;

import io.vertx.core.json.JsonObject;

/** CloudEvents as a producer publishes them, for the tests; the events of one entity: {@code <Entity>TestEvents}. */
final class TestEvents {

    /** How long a test waits for the consumer: generous, test JVMs may be cold and the machine busy. */
    static final Duration WAIT = Duration.ofSeconds(30);

    private TestEvents() {
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }

    /** The CloudEvent {@code eventId} of the given type carrying {@code data}, as a producer publishes it. */
    static String event(String eventId, String type, JsonObject data) {
        return new JsonObject().put("specversion", "1.0").put("id", eventId).put("source", "/test").put("type", type)
                .put("time", "2030-01-01T10:00:00Z").put("datacontenttype", "application/json").put("data", data).encode();
    }
}
