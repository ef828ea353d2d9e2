package ${package}.worker;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

import dev.msframework.events.DeadLetters;
import dev.msframework.events.EventConsumer;
import dev.msframework.test.RabbitConnections;

/**
 * The delivery guarantees against the real RabbitMQ (RABBITMQ_HOST/PORT/USERNAME/PASSWORD, or Dev Services
 * with Docker) and Redis, on a queue of its own bound to every event of the exchange, with the test handler
 * {@link ProbeHandler}. Prefetch is 1, so a message that was not acknowledged would stop every later one: each
 * test ends with a fresh event getting through.
 */
@QuarkusTest
@TestProfile(RabbitBrokerTest.RealBroker.class)
class RabbitBrokerTest {

    static final String EXCHANGE = "${appName}-test.events";
    static final String QUEUE = "${appName}-test.worker-test.events";
    static final String DLQ = QUEUE + ".dlq";

    /** The consumer on the real broker, on a test queue, one message at a time. */
    public static class RealBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String in = "mp.messaging.incoming." + EventConsumer.CHANNEL + ".";
            return Map.of(
                    in + "connector", "smallrye-rabbitmq",
                    in + "queue.name", QUEUE,
                    in + "dead-letter-queue-name", DLQ,
                    in + "dead-letter-routing-key", QUEUE,
                    in + "max-outstanding-messages", "1",
                    "mp.messaging.outgoing.dead-letters.connector", "smallrye-rabbitmq",
                    "mp.messaging.outgoing.dead-letters.default-routing-key", QUEUE,
                    "mp.messaging.outgoing.events.connector", "smallrye-rabbitmq");
        }
    }

    @Inject
    ProbeHandler probe;

    @Inject
    MeterRegistry registry;

    Connection connection;
    Channel channel;

    @BeforeEach
    void connect() throws Exception {
        connection = RabbitConnections.factory().newConnection("worker-broker-test");
        channel = connection.createChannel();
        channel.queuePurge(QUEUE);
        channel.queuePurge(DLQ);
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
    }

    /** Left bound to every event of the exchange, the test queue would collect the events of a shared broker. */
    @AfterAll
    static void deleteQueues() throws Exception {
        try (Connection connection = RabbitConnections.factory().newConnection("worker-broker-test")) {
            Channel channel = connection.createChannel();
            channel.queueDelete(QUEUE);
            channel.queueDelete(DLQ);
        }
    }

    @Test
    void readinessReflectsTheBroker() {
        given().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
    }

    @Test
    void acksAfterSuccess() throws Exception {
        String first = TestEvents.newId();
        String second = TestEvents.newId();

        publish(ProbeHandler.HAPPENED, ProbeHandler.event(first));
        publish(ProbeHandler.HAPPENED, ProbeHandler.event(second));

        // with prefetch 1 the second is delivered only after the first was acknowledged
        awaitHandled(second);
        assertEquals(1, probe.handled(first));
        assertQueuesEmpty();
    }

    @Test
    void processesADuplicateOnce() throws Exception {
        String id = TestEvents.newId();

        publish(ProbeHandler.HAPPENED, ProbeHandler.event(id));
        publish(ProbeHandler.HAPPENED, ProbeHandler.event(id));
        String after = proveTheConsumerGoesOn();

        awaitHandled(after);
        assertEquals(1, probe.attempts(id));
        assertQueuesEmpty();
    }

    @Test
    void sendsAPoisonMessageToTheDeadLetterQueueWithTheReason() throws Exception {
        publish(ProbeHandler.HAPPENED, "this is not a CloudEvent");
        String after = proveTheConsumerGoesOn();

        GetResponse dead = await().atMost(TestEvents.WAIT).until(() -> channel.basicGet(DLQ, true), r -> r != null);
        assertEquals("this is not a CloudEvent", new String(dead.getBody(), StandardCharsets.UTF_8));
        Object reason = dead.getProps().getHeaders().get(DeadLetters.REASON_HEADER);
        assertNotNull(reason);
        assertEquals(true, reason.toString().startsWith("not a JSON CloudEvent"), reason.toString());
        assertEquals(ProbeHandler.HAPPENED, dead.getProps().getHeaders().get(DeadLetters.ORIGINAL_ROUTING_KEY_HEADER).toString());
        awaitHandled(after);
        assertNull(channel.basicGet(DLQ, true));
    }

    @Test
    void retriesATransientFailureThenSucceeds() throws Exception {
        String id = TestEvents.newId();
        probe.failOnce(id);

        publish(ProbeHandler.HAPPENED, ProbeHandler.event(id));
        String after = proveTheConsumerGoesOn();

        awaitHandled(after);
        assertEquals(2, probe.attempts(id));
        assertEquals(1, probe.handled(id));
        assertQueuesEmpty();
    }

    @Test
    void acknowledgesAnEventNoHandlerTakesWithoutDeadLetteringIt() throws Exception {
        double ignored = count("events.ignored");

        // the queue is bound to every event of the exchange: this one arrives, and no handler takes its type
        publish("nobody.created", TestEvents.event(TestEvents.newId(), "nobody.created", new JsonObject().put("id", 1)));
        String after = proveTheConsumerGoesOn();

        awaitHandled(after);
        assertEquals(ignored + 1, count("events.ignored"));
        assertQueuesEmpty();
    }

    private String proveTheConsumerGoesOn() throws Exception {
        String id = TestEvents.newId();
        publish(ProbeHandler.HAPPENED, ProbeHandler.event(id));
        return id;
    }

    private void publish(String routingKey, String body) throws Exception {
        TestEvents.publish(channel, EXCHANGE, routingKey, body);
    }

    private void awaitHandled(String eventId) {
        await().atMost(TestEvents.WAIT).until(() -> probe.handled(eventId) == 1);
    }

    private double count(String name) {
        var counter = registry.find(name).tag("channel", EventConsumer.CHANNEL).counter();
        return counter == null ? 0 : counter.count();
    }

    private void assertQueuesEmpty() throws Exception {
        await().atMost(Duration.ofSeconds(5)).until(() -> channel.messageCount(QUEUE) == 0);
        assertEquals(0, channel.messageCount(DLQ));
    }
}
