#set( $queue = "${appName}-test.bot.notifications" )
package ${package}.event;

import dev.msframework.events.DeadLetters;
import dev.msframework.events.EventConsumer;

import static ${package}.bot.FakeTelegram.newChat;
import static ${package}.bot.FakeTelegram.post;
import static ${package}.bot.FakeTelegram.textsSentTo;
import static ${package}.bot.${entity}Samples.dto;
import static ${package}.bot.${entity}Samples.event;
import static ${package}.bot.${entity}Samples.summary;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;

import ${package}.bot.${entity}Samples;
import ${package}.contract.event.${entity}Events;
import dev.msframework.test.RabbitConnections;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The notification path through a real RabbitMQ: every event on ${appName}.events reaches the queue ${queue},
 * the ones NotificationHandler takes become a message to every subscribed chat, as the fake Bot API sees it, and
 * the others are acknowledged without one.
 */
@QuarkusTest
@ConnectWireMock
class NotificationsTest {

    /** The tests' own exchange and queue (broker.prefix of the test profiles in application.properties). */
    static final String EXCHANGE = "${appName}-test.events";
    static final String QUEUE = "${queue}";

    WireMock wiremock;

    @Inject
    MeterRegistry registry;

    static Connection connection;
    static Channel channel;

    @BeforeAll
    static void connect() throws Exception {
        connection = RabbitConnections.factory().newConnection("notifications-test");
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

#if( $model.createTextField )
    @Test
    void newLeavesTheCreatedEventToTheDataService() throws Exception {
        // the data service writes ${eventPrefix}.created to its outbox with the ${entity}: a second event from the bot
        // would be a different event (another id) for the same write
        String probe = channel.queueDeclare().getQueue(); // server-named, exclusive, deleted with the connection
        channel.queueBind(probe, EXCHANGE, "#");
        try {
            long author = newChat();
            wiremock.register(post(urlPathEqualTo("/api/v1/${resourcePath}")).willReturn(aResponse().withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(${entity}Samples.json(dto(41, 1, false)))));

            post(author, "/new " + ${model.createTextField.sample(1)}).statusCode(200);
            assertThat(textsSentTo(wiremock, author), hasItem("Created ${entity} #41: " + summary(1, false)));

            // the webhook answers after the update is handled: anything the bot published is in the probe queue
            // before this marker
            channel.basicPublish("", probe, null, "marker".getBytes(StandardCharsets.UTF_8));
            GetResponse first = await().atMost(Duration.ofSeconds(15)).until(() -> channel.basicGet(probe, true), notNullValue());
            assertThat(new String(first.getBody(), StandardCharsets.UTF_8), equalTo("marker"));
        } finally {
            channel.queueDelete(probe);
        }
    }

#end
    @Test
    void aCreatedEventIsNotifiedOnceEvenWhenDeliveredTwice() throws Exception {
        long subscriber = newChat();
        post(subscriber, "/subscribe").statusCode(200);
        String id = UUID.randomUUID().toString();
        String event = event(id, ${entity}Events.CREATED, dto(42, 2, true));

        publish(${entity}Events.CREATED, event);
        publish(${entity}Events.CREATED, event);

        String expected = "New ${entity} #42: " + summary(2, true);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(textsSentTo(wiremock, subscriber), hasItem(expected)));
        // another event behind them in the queue: once it is notified, the duplicate has been consumed too
        publish(${entity}Events.CREATED, event(UUID.randomUUID().toString(), ${entity}Events.CREATED, dto(43, 3, false)));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(textsSentTo(wiremock, subscriber),
                hasItem("New ${entity} #43: " + summary(3, false))));
        assertThat(textsSentTo(wiremock, subscriber).stream().filter(expected::equals).count(), equalTo(1L));
        post(subscriber, "/unsubscribe").statusCode(200);
    }

#if( $model.dateField )
    @Test
    void a${model.dateField.capitalized}PassedEventNamesTheDate() throws Exception {
        long subscriber = newChat();
        post(subscriber, "/subscribe").statusCode(200);

        publish(${entity}Events.${model.dateField.constant}_PASSED,
                event(UUID.randomUUID().toString(), ${entity}Events.${model.dateField.constant}_PASSED, dto(9, 1, true)));

        String expected = "${model.dateField.label.substring(0, 1).toUpperCase()}${model.dateField.label.substring(1)} passed: ${entity} #9 " + summary(1, true);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(textsSentTo(wiremock, subscriber), hasItem(expected)));
        assertThat(expected, containsString("${model.dateField.label} ${model.dateField.sampleText(1)}"));
        post(subscriber, "/unsubscribe").statusCode(200);
    }

#end
    @Test
    void everyOtherEventIsAcknowledgedWithoutAMessageNorADeadLetter() throws Exception {
        long subscriber = newChat();
        post(subscriber, "/subscribe").statusCode(200);
        channel.queuePurge(QUEUE + ".dlq");
        double ignored = count("events.ignored");

        publish(${entity}Events.UPDATED, event(UUID.randomUUID().toString(), ${entity}Events.UPDATED, dto(51, 1, true)));
        publish(${entity}Events.DELETED, event(UUID.randomUUID().toString(), ${entity}Events.DELETED, Map.<String, Object>of("id", 52)));
        // the queue is bound to every event of the exchange: another entity's events arrive too
        publish("${eventPrefix}-other.created", event(UUID.randomUUID().toString(), "${eventPrefix}-other.created",
                Map.<String, Object>of("id", 54)));
        publish(${entity}Events.CREATED, event(UUID.randomUUID().toString(), ${entity}Events.CREATED, dto(53, 1, false)));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(textsSentTo(wiremock, subscriber),
                hasItem("New ${entity} #53: " + summary(1, false))));
        await().atMost(Duration.ofSeconds(15)).until(() -> count("events.ignored") >= ignored + 3);
        assertThat(textsSentTo(wiremock, subscriber), not(hasItem(containsString("#51"))));
        assertThat(textsSentTo(wiremock, subscriber), not(hasItem(containsString("#52"))));
        assertThat(textsSentTo(wiremock, subscriber), not(hasItem(containsString("#54"))));
        assertThat(channel.messageCount(QUEUE + ".dlq"), equalTo(0L));
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

    private double count(String name) {
        var counter = registry.find(name).tag("channel", EventConsumer.CHANNEL).counter();
        return counter == null ? 0 : counter.count();
    }

    static void publish(String routingKey, String body) throws Exception {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType("application/cloudevents+json").deliveryMode(2).build();
        channel.basicPublish(EXCHANGE, routingKey, properties, body.getBytes(StandardCharsets.UTF_8));
    }
}
