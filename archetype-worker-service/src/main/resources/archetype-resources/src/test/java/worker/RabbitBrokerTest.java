package ${package}.worker;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
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

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

import ${package}.contract.event.${entity}Events;
import ${package}.event.DeadLetters;

/**
 * The delivery guarantees against the real RabbitMQ (RABBITMQ_HOST/PORT/USERNAME/PASSWORD, or Dev Services
 * with Docker) and Redis, on a queue of its own. Prefetch is 1, so a message that was not acknowledged
 * would stop every later one: each test ends with a fresh event getting through.
 */
@QuarkusTest
@ConnectWireMock
@TestProfile(RabbitBrokerTest.RealBroker.class)
class RabbitBrokerTest {

    static final String QUEUE = "${appName}.worker-test.${eventPrefix}-events";
    static final String DLQ = QUEUE + ".dlq";

    /** The consumer on the real broker, on a test queue, one message at a time. */
    public static class RealBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String in = "mp.messaging.incoming.${eventPrefix}-events.";
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

    WireMock wiremock;

    @Inject
    CircuitBreakerMaintenance breakers;

    @ConfigProperty(name = "rabbitmq-host", defaultValue = "localhost")
    String host;
    @ConfigProperty(name = "rabbitmq-port", defaultValue = "5672")
    int port;
    @ConfigProperty(name = "rabbitmq-username", defaultValue = "guest")
    String username;
    @ConfigProperty(name = "rabbitmq-password", defaultValue = "guest")
    String password;

    Connection connection;
    Channel channel;

    @BeforeEach
    void connect() throws Exception {
        wiremock.resetToDefaultMappings();
        breakers.resetAll();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(host);
        factory.setPort(port);
        factory.setUsername(username);
        factory.setPassword(password);
        connection = factory.newConnection();
        channel = connection.createChannel();
        channel.queuePurge(QUEUE);
        channel.queuePurge(DLQ);
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
    }

    @Test
    void readinessReflectsTheBroker() {
        given().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
    }

    @Test
    void acksAfterSuccess() throws Exception {
        String first = TestEvents.newId();
        String second = TestEvents.newId();
        TestEvents.recorded(wiremock, first);
        TestEvents.recorded(wiremock, second);

        publish(TestEvents.created(first, 1));
        publish(TestEvents.created(second, 2));

        // with prefetch 1 the second is delivered only after the first was acknowledged
        awaitRecorded(second, 1);
        wiremock.verifyThat(1, postRequestedFor(urlEqualTo(TestEvents.ACTIVITIES))
                .withRequestBody(matchingJsonPath("$.eventId", equalTo(first))));
        assertQueuesEmpty();
    }

    @Test
    void processesADuplicateOnce() throws Exception {
        String id = TestEvents.newId();
        TestEvents.recorded(wiremock, id);

        publish(TestEvents.created(id, 3));
        publish(TestEvents.created(id, 3));
        String after = proveTheConsumerGoesOn();

        awaitRecorded(after, 1);
        wiremock.verifyThat(1, postRequestedFor(urlEqualTo(TestEvents.ACTIVITIES))
                .withRequestBody(matchingJsonPath("$.eventId", equalTo(id))));
        assertQueuesEmpty();
    }

    @Test
    void sendsAPoisonMessageToTheDeadLetterQueueWithTheReason() throws Exception {
        publish("this is not a CloudEvent");
        String after = proveTheConsumerGoesOn();

        GetResponse dead = await().atMost(TestEvents.WAIT).until(() -> channel.basicGet(DLQ, true), r -> r != null);
        assertEquals("this is not a CloudEvent", new String(dead.getBody(), StandardCharsets.UTF_8));
        Object reason = dead.getProps().getHeaders().get(DeadLetters.REASON_HEADER);
        assertNotNull(reason);
        assertEquals(true, reason.toString().startsWith("not a JSON CloudEvent"), reason.toString());
        assertEquals("${eventPrefix}.created", dead.getProps().getHeaders().get(DeadLetters.ORIGINAL_ROUTING_KEY_HEADER).toString());
        awaitRecorded(after, 1);
        assertNull(channel.basicGet(DLQ, true));
    }

    @Test
    void retriesATransientFailureThenSucceeds() throws Exception {
        String id = TestEvents.newId();
        TestEvents.unavailableOnce(wiremock, id);

        publish(TestEvents.created(id, 4));
        String after = proveTheConsumerGoesOn();

        awaitRecorded(after, 1);
        wiremock.verifyThat(2, postRequestedFor(urlEqualTo(TestEvents.ACTIVITIES))
                .withRequestBody(matchingJsonPath("$.eventId", equalTo(id))));
        assertQueuesEmpty();
    }

    private String proveTheConsumerGoesOn() throws Exception {
        String id = TestEvents.newId();
        TestEvents.recorded(wiremock, id);
        publish(TestEvents.created(id, 99));
        return id;
    }

    private void publish(String body) throws Exception {
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .contentType("application/cloudevents+json").deliveryMode(2).build();
        channel.basicPublish(${entity}Events.EXCHANGE, ${entity}Events.CREATED, props, body.getBytes(StandardCharsets.UTF_8));
    }


    private void awaitRecorded(String eventId, int times) {
        await().atMost(TestEvents.WAIT).untilAsserted(() -> wiremock.verifyThat(times,
                postRequestedFor(urlEqualTo(TestEvents.ACTIVITIES)).withRequestBody(matchingJsonPath("$.eventId", equalTo(eventId)))));
    }

    private void assertQueuesEmpty() throws Exception {
        await().atMost(Duration.ofSeconds(5)).until(() -> channel.messageCount(QUEUE) == 0);
        assertEquals(0, channel.messageCount(DLQ));
    }
}
