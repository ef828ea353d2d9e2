package ${package}.worker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;

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

    /** Publishes a CloudEvent (its JSON) as a producer does: persistent, content type application/cloudevents+json. */
    static void publish(Channel channel, String exchange, String routingKey, String event) throws IOException {
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .contentType("application/cloudevents+json").deliveryMode(2).build();
        channel.basicPublish(exchange, routingKey, props, event.getBytes(StandardCharsets.UTF_8));
    }

    /** The CloudEvent {@code eventId} of the given type carrying {@code data}, as a producer publishes it. */
    static String event(String eventId, String type, JsonObject data) {
        return new JsonObject().put("specversion", "1.0").put("id", eventId).put("source", "/test").put("type", type)
                .put("time", "2030-01-01T10:00:00Z").put("datacontenttype", "application/json").put("data", data).encode();
    }
}
