#set( $queue = "${appName}.bot.notifications" )
package ${package}.event;

import static ${package}.bot.FakeTelegram.newChat;
import static ${package}.bot.FakeTelegram.post;
import static ${package}.bot.FakeTelegram.textsSentTo;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

import ${package}.contract.event.${entity}Events;
import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The notification path through a real RabbitMQ: events on ${appName}.events reach the queue ${queue},
 * and every subscribed chat gets a message, as the fake Bot API sees it.
 */
@QuarkusTest
@ConnectWireMock
class NotificationsTest {

    static final String QUEUE = "${queue}";

    WireMock wiremock;

    static Connection connection;
    static Channel channel;

    @BeforeAll
    static void connect() throws Exception {
        var config = ConfigProvider.getConfig();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(config.getOptionalValue("rabbitmq-host", String.class).orElse("localhost"));
        factory.setPort(config.getOptionalValue("rabbitmq-port", Integer.class).orElse(5672));
        factory.setUsername(config.getOptionalValue("rabbitmq-username", String.class).orElse("guest"));
        factory.setPassword(config.getOptionalValue("rabbitmq-password", String.class).orElse("guest"));
        connection = factory.newConnection("notifications-test");
        channel = connection.createChannel();
        channel.queuePurge(QUEUE + ".dlq");
    }

    @AfterAll
    static void disconnect() throws Exception {
        connection.close();
    }

    @BeforeEach
    void reset() {
        wiremock.resetToDefaultMappings();
        wiremock.resetRequests();
    }

    @Test
    void aNew${entity}IsPublishedAndNotifiedToSubscribers() {
        long subscriber = newChat();
        long author = newChat();
        post(subscriber, "/subscribe").statusCode(200);
        wiremock.register(post(urlPathEqualTo("/api/v1/${resourcePath}")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\": 41, \"title\": \"Plan the release\", \"status\": \"OPEN\", \"version\": 0}")));

        post(author, "/new Plan the release").statusCode(200);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(textsSentTo(wiremock, subscriber),
                hasItem("New ${entity} #41: Plan the release")));
        post(subscriber, "/unsubscribe").statusCode(200);
    }

    @Test
    void anOverdueEventIsNotifiedOnceEvenWhenDeliveredTwice() throws Exception {
        long subscriber = newChat();
        post(subscriber, "/subscribe").statusCode(200);
        String id = UUID.randomUUID().toString();
        String event = """
                {"specversion": "1.0", "id": "%s", "source": "/${appName}/worker", "type": "%s",
                 "time": "2030-02-01T08:00:00Z", "datacontenttype": "application/json",
                 "data": {"id": 9, "title": "Renew the certificate", "status": "OPEN", "dueDate": "2030-01-31", "version": 1}}"""
                .formatted(id, ${entity}Events.OVERDUE);

        publish(${entity}Events.OVERDUE, event);
        publish(${entity}Events.OVERDUE, event);

        String expected = "Overdue: ${entity} #9 Renew the certificate (was due 2030-01-31)";
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(textsSentTo(wiremock, subscriber), hasItem(expected)));
        // another event behind them in the queue: once it is notified, the duplicate has been consumed too
        publish(${entity}Events.OVERDUE, event.replace(id, UUID.randomUUID().toString()).replace("Renew the certificate", "Next one"));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(textsSentTo(wiremock, subscriber),
                hasItem(startsWith("Overdue: ${entity} #9 Next one"))));
        assertThat(textsSentTo(wiremock, subscriber).stream().filter(expected::equals).count(), equalTo(1L));
        post(subscriber, "/unsubscribe").statusCode(200);
    }

    @Test
    void aMalformedEventGoesToTheDeadLetterQueueWithTheReason() throws Exception {
        publish(${entity}Events.CREATED, "{not json");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            GetResponse dead = channel.basicGet(QUEUE + ".dlq", true);
            assertThat(dead, notNullValue());
            assertThat(new String(dead.getBody(), StandardCharsets.UTF_8), equalTo("{not json"));
            assertThat(String.valueOf(dead.getProps().getHeaders().get(DeadLetters.REASON_HEADER)), containsString("JSON"));
        });
    }

    static void publish(String routingKey, String body) throws Exception {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType("application/cloudevents+json").deliveryMode(2).build();
        channel.basicPublish(${entity}Events.EXCHANGE, routingKey, properties, body.getBytes(StandardCharsets.UTF_8));
    }
}
