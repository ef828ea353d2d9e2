package ${package}.worker;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusIntegrationTest;

import ${package}.contract.event.${entity}Events;
import dev.msframework.test.RabbitConnections;

/**
 * The packaged worker (prod profile) takes ${entity} events from its queue on the real RabbitMQ (RABBITMQ_HOST/PORT/
 * USERNAME/PASSWORD) and records their activities in data-mongo (WireMock) in batches, each event once. Without a test
 * profile: Quarkus records the start-up cache (app.aot) during this run, so the cache holds the event path as well.
 */
@QuarkusIntegrationTest
@ConnectWireMock
class ${entity}EventsIT {

    static final String EXCHANGE = "${appName}-test.events";
    static final int EVENTS = 300;

    WireMock wiremock;

    @Test
    void recordsEveryEventOnceInBatches() throws Exception {
        wiremock.register(post(urlEqualTo(${entity}TestEvents.BATCH)).willReturn(${entity}TestEvents.eachAnswered(201)));
        List<String> ids = IntStream.range(0, EVENTS).mapToObj(i -> TestEvents.newId()).toList();

        try (Connection connection = RabbitConnections.factory().newConnection("worker-events-it")) {
            Channel channel = connection.createChannel();
            for (int i = 0; i < ids.size(); i++) {
                TestEvents.publish(channel, EXCHANGE, ${entity}Events.CREATED, ${entity}TestEvents.created(ids.get(i), i + 1));
            }
        }

        await().atMost(TestEvents.WAIT).untilAsserted(() -> {
            Map<String, Long> recorded = recordedEventIds();
            ids.forEach(id -> assertEquals(1L, recorded.getOrDefault(id, 0L), "recordings of event " + id));
        });
    }

    /** How many times each event id was carried by the bulk POSTs data-mongo received. */
    private Map<String, Long> recordedEventIds() {
        return wiremock.find(postRequestedFor(urlEqualTo(${entity}TestEvents.BATCH))).stream()
                .flatMap(${entity}TestEvents::activities)
                .map(activity -> activity.getString("eventId"))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
