#set($df = $model.dateField)
#set($job = "${entity}${df.capitalized}Job")
#set($event = "${entity}Events.${df.constant}_PASSED")
package ${package}.worker;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
#if($df.date)
import java.time.LocalDate;
#end
import java.time.LocalDateTime;
import java.time.ZoneId;
#if($df.date)
import java.time.ZoneOffset;
#end
#if($df.instant)
import java.time.temporal.ChronoUnit;
#end
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import ${package}.contract.event.${entity}Events;

/**
 * The ${df.label}-passed job against WireMock (data-postgres), the in-memory "events" sink and the real Redis (lock):
 * it asks for the ${entityPlural} whose ${df.label} passed since the previous scheduled time, and for no others.
 */
@QuarkusTest
@ConnectWireMock
class ${job}Test {

    static final String LIST = "/api/v1/${resourcePath}";

    WireMock wiremock;

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @Inject
    CircuitBreakerMaintenance breakers;

    @Inject
    ${job} job;

    InMemorySink<String> events;

    @BeforeEach
    void reset() {
        wiremock.resetToDefaultMappings();
        breakers.resetAll();
        events = connector.sink("events");
        events.clear();
    }

    @Test
    void publishesOneEventPer${entity}WhoseDatePassedAndOnlyOncePerScheduledTime() {
        // a scheduled time of its own, so that a lock left in Redis by an earlier run does not matter
        Instant fireTime = randomFireTime();
        Instant since = fireTime.minus(Duration.ofDays(1));
#if($df.date)
        // the day that ended in between
        String from = LocalDate.ofInstant(since, ZoneOffset.UTC).toString();
        String to = from;
        String passed = from;
#else
        // after the previous scheduled time, up to this one
        String from = since.plus(1, ChronoUnit.MICROS).toString();
        String to = fireTime.toString();
        String passed = fireTime.minus(Duration.ofHours(1)).toString();
#end
        page(from, to, new JsonArray().add(${entityVar}(1, passed)).add(${entityVar}(2, passed)).add(${entityVar}(3, passed)), 3);

        assertEquals(3, job.run(since, fireTime));

        List<? extends Message<String>> sent = events.received();
        assertEquals(3, sent.size());
        for (int i = 0; i < 3; i++) {
            JsonObject event = new JsonObject(sent.get(i).getPayload());
            assertEquals(${event}, event.getString("type"));
            assertEquals("1.0", event.getString("specversion"));
            assertEquals(i + 1L, event.getJsonObject("data").getLong("id"));
            assertEquals(passed, event.getJsonObject("data").getString("${df.name}"));
            OutgoingRabbitMQMetadata rabbit = sent.get(i).getMetadata(OutgoingRabbitMQMetadata.class).orElseThrow();
            assertEquals(${event}, rabbit.getRoutingKey());
            assertEquals(2, rabbit.getDeliveryMode());
        }
        // one page, filtered on the ${df.label} only
        RequestPatternBuilder list = getRequestedFor(urlPathEqualTo(LIST))
                .withQueryParam("${df.name}From", equalTo(from)).withQueryParam("${df.name}To", equalTo(to));
#foreach($f in $model.filterFields)
#foreach($p in $f.filterParams)
#if($f.name != $df.name)
        list.withQueryParam("${p}", absent());
#end
#end
#end
        wiremock.verifyThat(1, list);
        wiremock.verifyThat(1, getRequestedFor(urlPathEqualTo(LIST)));

        // a second instance firing at the same scheduled time publishes nothing
        assertEquals(-1, job.run(since, fireTime));
        assertEquals(3, events.received().size());
    }

    @Test
    void consecutiveRunsNeitherOverlapNorLeaveAGap() {
        Instant first = randomFireTime();
#if($df.date)
        // a run later the same day: no day ended since the first run, nothing is asked for
        Instant sameDay = first.plus(Duration.ofHours(2));
        assertEquals(0, job.run(first, sameDay));
        wiremock.verifyThat(0, getRequestedFor(urlPathEqualTo(LIST)));

        // the next day's run asks for the day that ended in between only
        Instant nextDay = sameDay.plus(Duration.ofDays(1));
        String ended = LocalDate.ofInstant(sameDay, ZoneOffset.UTC).toString();
        page(ended, ended, new JsonArray().add(${entityVar}(4, ended)), 1);
        assertEquals(1, job.run(sameDay, nextDay));
#else
        // the next run starts right after the first one's end
        Instant second = first.plus(Duration.ofHours(2));
        String from = first.plus(1, ChronoUnit.MICROS).toString();
        page(from, second.toString(), new JsonArray().add(${entityVar}(4, first.plus(Duration.ofHours(1)).toString())), 1);
        assertEquals(1, job.run(first, second));
#end
        assertEquals(1, events.received().size());
        assertEquals(${event}, new JsonObject(events.received().get(0).getPayload()).getString("type"));
        wiremock.verifyThat(1, getRequestedFor(urlPathEqualTo(LIST)));
    }

    @Test
    void eachRunStartsAtThePreviousScheduledTimeOfTheCron() {
        ZoneId zone = ZoneId.systemDefault();
        Instant fireTime = LocalDateTime.of(2030, 3, 10, 8, 0).atZone(zone).toInstant();
        assertEquals(LocalDateTime.of(2030, 3, 9, 8, 0).atZone(zone).toInstant(),
                ${job}.previousFireTime("0 0 8 * * ?", fireTime));
        assertEquals(LocalDateTime.of(2030, 3, 10, 7, 45).atZone(zone).toInstant(),
                ${job}.previousFireTime("0 */15 * * * ?", fireTime));
    }

    /** A whole-second time in 2001..2096, at 08:00 UTC like the default cron. */
    private static Instant randomFireTime() {
        long day = ThreadLocalRandom.current().nextLong(11_500, 46_000);
        return Instant.ofEpochSecond(day * 86_400 + 8 * 3_600);
    }

    private void page(String from, String to, JsonArray items, int total) {
        wiremock.register(get(urlPathEqualTo(LIST))
                .withQueryParam("${df.name}From", equalTo(from)).withQueryParam("${df.name}To", equalTo(to))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(new JsonObject().put("items", items).put("page", 0).put("size", 100).put("total", total).encode())));
    }

    /** A ${entity} as data-postgres returns it, its ${df.label} set to {@code ${df.name}}. */
    private static JsonObject ${entityVar}(long id, String ${df.name}) {
        return ${entity}TestEvents.data(id).put("${df.name}", ${df.name});
    }
}
