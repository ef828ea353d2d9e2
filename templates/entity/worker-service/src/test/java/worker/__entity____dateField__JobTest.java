package ${package}.worker;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;

import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import io.vertx.core.json.JsonObject;

import ${package}.contract.event.${entity}Events;

/** The overdue job against WireMock (data-postgres), the in-memory "events" sink and the real Redis (lock). */
@QuarkusTest
@ConnectWireMock
class Overdue${entityPlural}JobTest {

    static final String LIST = "/api/v1/${resourcePath}";

    WireMock wiremock;

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @Inject
    CircuitBreakerMaintenance breakers;

    @Inject
    Overdue${entityPlural}Job job;

    InMemorySink<String> events;

    @BeforeEach
    void reset() {
        wiremock.resetToDefaultMappings();
        breakers.resetAll();
        events = connector.sink("events");
        events.clear();
    }

    @Test
    void publishesOneOverdueEventPer${entity}AndOnlyOncePerScheduledTime() {
        // a scheduled time of its own, so that a lock left in Redis by an earlier run does not matter
        Instant fireTime = Instant.ofEpochSecond(ThreadLocalRandom.current().nextLong(1_000_000_000L, 4_000_000_000L));
        String today = fireTime.atZone(java.time.ZoneOffset.UTC).toLocalDate().toString();
        page("OPEN", today, "[" + ${entityVar}(1, "OPEN") + "," + ${entityVar}(2, "OPEN") + "]", 2);
        page("IN_PROGRESS", today, "[" + ${entityVar}(3, "IN_PROGRESS") + "]", 1);

        assertEquals(3, job.run(fireTime));

        List<? extends Message<String>> sent = events.received();
        assertEquals(3, sent.size());
        for (int i = 0; i < 3; i++) {
            JsonObject event = new JsonObject(sent.get(i).getPayload());
            assertEquals(${entity}Events.OVERDUE, event.getString("type"));
            assertEquals("1.0", event.getString("specversion"));
            assertEquals(i + 1L, event.getJsonObject("data").getLong("id"));
            OutgoingRabbitMQMetadata rabbit = sent.get(i).getMetadata(OutgoingRabbitMQMetadata.class).orElseThrow();
            assertEquals(${entity}Events.OVERDUE, rabbit.getRoutingKey());
            assertEquals(2, rabbit.getDeliveryMode());
        }
        wiremock.verifyThat(1, getRequestedFor(urlPathEqualTo(LIST)).withQueryParam("status", equalTo("OPEN"))
                .withQueryParam("dueBefore", equalTo(today)));

        // a second instance firing at the same scheduled time publishes nothing
        assertEquals(-1, job.run(fireTime));
        assertEquals(3, events.received().size());
    }

    private void page(String status, String dueBefore, String items, int total) {
        wiremock.register(get(urlPathEqualTo(LIST)).withQueryParam("status", equalTo(status))
                .withQueryParam("dueBefore", equalTo(dueBefore))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"items\":" + items + ",\"page\":0,\"size\":100,\"total\":" + total + "}")));
    }

    private static String ${entityVar}(long id, String status) {
        return "{\"id\":" + id + ",\"title\":\"t" + id + "\",\"status\":\"" + status + "\",\"dueDate\":\"2020-01-01\",\"version\":0}";
    }
}
