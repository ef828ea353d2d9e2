package ${package}.worker;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import io.vertx.core.json.JsonObject;

import ${package}.contract.event.${entity}Events;
import dev.msframework.events.DeadLetters;
import dev.msframework.events.EventConsumer;

/**
 * The ${entity} events through the service's one consumer ({@link EventConsumer}, in-memory connector) to their
 * handler, {@link ${entity}ActivityRecorder}: WireMock plays data-mongo, Redis is real (QUARKUS_REDIS_HOSTS, or Dev
 * Services with Docker). Every test watches the message's ack or nack.
 */
@QuarkusTest
@ConnectWireMock
class ${entity}EventConsumerTest {

    WireMock wiremock;

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @Inject
    CircuitBreakerMaintenance breakers;

    @Inject
    MeterRegistry registry;

    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    InMemorySink<byte[]> deadLetters;

    @BeforeEach
    void reset() {
        wiremock.resetToDefaultMappings();
        breakers.resetAll();
        deadLetters = connector.sink(DeadLetters.CHANNEL);
        deadLetters.clear();
    }

    @Test
    void recordsTheActivityThenAcks() {
        String id = TestEvents.newId();
        ${entity}TestEvents.recorded(wiremock, id);
        Delivery delivery = send(${entity}TestEvents.created(id, 1));

        await().atMost(TestEvents.WAIT).until(delivery::acked);
        List<LoggedRequest> bulks = wiremock.find(${entity}TestEvents.recordings(id));
        assertEquals(1, bulks.size());
        JsonObject activity = ${entity}TestEvents.recorded(bulks.get(0), id);
        assertEquals("${eventPrefix}.created", activity.getString("type"));
        assertEquals(1L, activity.getLong("${entityVar}Id"));
        // the handler of ${eventPrefix}.* alone took it: no other entity's recorder
        wiremock.verifyThat(1, postRequestedFor(anyUrl()).withRequestBody(matchingJsonPath("$[?(@.eventId == '" + id + "')]")));
        assertTrue(deadLetters.received().isEmpty());
    }

    @Test
    void recordsEveryEventTypeWithTheFieldsAsDetails() {
        Map<String, String> expected = new LinkedHashMap<>();
#foreach($f in $fields)
#if(!$f.textBlob)
        expected.put("${f.name}", #if($f.number || $f.boolean || $f.reference)String.valueOf(${f.sample(1)})#else${f.sample(1)}#end);
#end
#end
        List<String> types = List.of(${entity}Events.CREATED, ${entity}Events.UPDATED, ${entity}Events.DELETED#if($model.dateField),
                ${entity}Events.${model.dateField.constant}_PASSED#end);
        for (String type : types) {
            String id = TestEvents.newId();
            ${entity}TestEvents.recorded(wiremock, id);
            Delivery delivery = send(${entity}TestEvents.event(id, type, 10));
            await().atMost(TestEvents.WAIT).until(delivery::acked);

            List<LoggedRequest> posts = wiremock.find(${entity}TestEvents.recordings(id));
            assertEquals(1, posts.size(), type);
            JsonObject activity = ${entity}TestEvents.recorded(posts.get(0), id);
            assertEquals(type, activity.getString("type"));
            assertEquals(10L, activity.getLong("${entityVar}Id"));
            // a deleted event carries only the id: no details
            Map<String, Object> details = activity.getJsonObject("details", new JsonObject()).getMap();
            assertEquals(type.equals(${entity}Events.DELETED) ? Map.of() : expected, details, type);
        }
        assertTrue(deadLetters.received().isEmpty());
    }

    @Test
    void aDuplicateIsProcessedOnce() {
        String id = TestEvents.newId();
        ${entity}TestEvents.recorded(wiremock, id);
        Delivery first = send(${entity}TestEvents.created(id, 2));
        await().atMost(TestEvents.WAIT).until(first::acked);
        double duplicates = count("events.duplicate");

        Delivery second = send(${entity}TestEvents.created(id, 2));
        await().atMost(TestEvents.WAIT).until(second::acked);

        assertEquals(1, ${entity}TestEvents.recordingsOf(wiremock, id));
        assertEquals(duplicates + 1, count("events.duplicate"));
    }

    @Test
    void aPoisonMessageGoesToTheDeadLetterQueueAndTheConsumerGoesOn() {
        Delivery poison = send("{not a cloud event");
        await().atMost(TestEvents.WAIT).until(() -> deadLetters.received().size() == 1);
        await().atMost(Duration.ofSeconds(5)).until(poison::acked);
        Message<byte[]> dead = deadLetters.received().get(0);
        assertEquals("{not a cloud event", new String(dead.getPayload()));
        String reason = (String) dead.getMetadata(OutgoingRabbitMQMetadata.class).orElseThrow()
                .getHeaders().get(DeadLetters.REASON_HEADER);
        assertTrue(reason.startsWith("not a JSON CloudEvent"), reason);

        String id = TestEvents.newId();
        ${entity}TestEvents.recorded(wiremock, id);
        Delivery next = send(${entity}TestEvents.created(id, 3));
        await().atMost(TestEvents.WAIT).until(next::acked);
        assertEquals(1, ${entity}TestEvents.recordingsOf(wiremock, id));
    }

    @Test
    void aTransientFailureIsRetriedThenSucceeds() {
        String id = TestEvents.newId();
        ${entity}TestEvents.unavailableOnce(wiremock, id);
        double retried = count("events.retried");

        Delivery delivery = send(${entity}TestEvents.created(id, 4));

        await().atMost(TestEvents.WAIT).until(delivery::acked);
        assertEquals(2, ${entity}TestEvents.recordingsOf(wiremock, id));
        assertEquals(retried + 1, count("events.retried"));
        assertTrue(deadLetters.received().isEmpty());
    }

    @Test
    void aFailureThatLastsIsDeadLetteredAfterTheLastAttempt() {
        String id = TestEvents.newId();
        ${entity}TestEvents.failing(wiremock, id, 500);

        Delivery delivery = send(${entity}TestEvents.created(id, 5));

        await().atMost(TestEvents.WAIT).until(() -> deadLetters.received().size() == 1);
        await().atMost(Duration.ofSeconds(5)).until(delivery::acked);
        assertEquals(4, ${entity}TestEvents.recordingsOf(wiremock, id));
        String reason = (String) deadLetters.received().get(0).getMetadata(OutgoingRabbitMQMetadata.class)
                .orElseThrow().getHeaders().get(DeadLetters.REASON_HEADER);
        assertTrue(reason.startsWith("gave up after 4 attempts"), reason);

        // not marked as processed: a replay from the DLQ does the work
        ${entity}TestEvents.recorded(wiremock, id);
        Delivery replay = send(${entity}TestEvents.created(id, 5));
        await().atMost(TestEvents.WAIT).until(replay::acked);
        assertEquals(5, ${entity}TestEvents.recordingsOf(wiremock, id));
        assertEquals(1, deadLetters.received().size());
    }

    @Test
    void aRejectedRequestIsDeadLetteredAtOnceAndAConflictCountsAsDone() {
        // data-mongo refuses any batch that carries the invalid activity, and then the activity alone
        String rejected = TestEvents.newId();
        wiremock.register(${entity}TestEvents.recording(rejected).atPriority(1).willReturn(badRequest()));
        wiremock.register(${entity}TestEvents.recordingAlone(rejected).willReturn(badRequest()));
        // it knows the other event already: 409 in a batch and alone
        String known = TestEvents.newId();
        wiremock.register(${entity}TestEvents.recording(known).willReturn(${entity}TestEvents.eachAnswered(409)));
        wiremock.register(${entity}TestEvents.recordingAlone(known).willReturn(aResponse().withStatus(409).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"title\":\"Conflict\",\"status\":409,\"detail\":\"known event\"}")));

        Delivery bad = send(${entity}TestEvents.created(rejected, 6));
        Delivery conflict = send(${entity}TestEvents.created(known, 7));

        await().atMost(TestEvents.WAIT).until(() -> bad.acked() && conflict.acked());
        assertEquals(1, deadLetters.received().size());
        String reason = (String) deadLetters.received().get(0).getMetadata(OutgoingRabbitMQMetadata.class)
                .orElseThrow().getHeaders().get(DeadLetters.REASON_HEADER);
        assertTrue(reason.contains("400"), reason);
        wiremock.verifyThat(1, ${entity}TestEvents.singleRecordings(rejected));
        assertFalse(conflict.nacked());
    }

    @Test
    void concurrentEventsAreRecordedInBulkEachOnceAndAnInvalidOneAloneIsDeadLettered() {
        List<String> ids = new ArrayList<>();
        List<Delivery> deliveries = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String id = TestEvents.newId();
            ids.add(id);
            ${entity}TestEvents.recorded(wiremock, id);
        }
        // among them, an event whose activity breaks the contract (a ${entity} id of 0): data-mongo refuses every batch
        // that carries it (400), and then its activity alone
        String invalid = TestEvents.newId();
        wiremock.register(${entity}TestEvents.recording(invalid).atPriority(1).willReturn(badRequest()));
        wiremock.register(${entity}TestEvents.recordingAlone(invalid).willReturn(badRequest()));
        for (int i = 0; i < ids.size(); i++) {
            deliveries.add(send(${entity}TestEvents.created(ids.get(i), 11)));
            if (i == 20) {
                deliveries.add(send(${entity}TestEvents.created(invalid, 0)));
            }
        }
        await().atMost(TestEvents.WAIT).until(() -> deliveries.stream().allMatch(Delivery::acked));
        // each taken once: in a batch data-mongo took, or alone after a refused one
        List<LoggedRequest> refused = wiremock.find(${entity}TestEvents.recordings(invalid));
        for (String id : ids) {
            long refusedWithIt = refused.stream()
                    .filter(bulk -> ${entity}TestEvents.activities(bulk).anyMatch(activity -> id.equals(activity.getString("eventId"))))
                    .count();
            assertEquals(1, ${entity}TestEvents.recordingsOf(wiremock, id) - refusedWithIt, id);
        }
        int bulks = wiremock.find(postRequestedFor(urlEqualTo(${entity}TestEvents.BATCH))).size();
        assertTrue(bulks < ids.size(), "40 events in " + bulks + " bulk calls");
        assertEquals(1, deadLetters.received().size());
        String reason = (String) deadLetters.received().get(0).getMetadata(OutgoingRabbitMQMetadata.class)
                .orElseThrow().getHeaders().get(DeadLetters.REASON_HEADER);
        assertTrue(reason.contains("400"), reason);
    }

    private static ResponseDefinitionBuilder badRequest() {
        return aResponse().withStatus(400).withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\":\"Bad Request\",\"status\":400,\"detail\":\"invalid\"}");
    }

    @Test
    void anEventClaimedByAConsumerThatDiedIsProcessedOnceTheLeaseRunsOut() {
        // a consumer claimed the event, then was killed before it could finish or release it
        String id = TestEvents.newId();
        redis.value(String.class).set(service + ":event:" + id, "processing", new SetArgs().px(1500));
        ${entity}TestEvents.recorded(wiremock, id);
        double retried = count("events.retried");
        double waited = count("events.claim.waited");

        Delivery redelivered = send(${entity}TestEvents.created(id, 8));

        await().atMost(TestEvents.WAIT).until(redelivered::acked);
        assertEquals(1, ${entity}TestEvents.recordingsOf(wiremock, id));
        assertTrue(count("events.claim.waited") > waited);
        assertEquals(retried, count("events.retried"), "waiting for a claim uses up no attempt");
        assertTrue(deadLetters.received().isEmpty());
        assertEquals("done", redis.value(String.class).get(service + ":event:" + id));
    }

    @Test
    void anEventAnotherConsumerFinishesIsAcknowledgedAsADuplicate() {
        String id = TestEvents.newId();
        var values = redis.value(String.class);
        values.set(service + ":event:" + id, "processing", new SetArgs().px(30_000));
        double duplicates = count("events.duplicate");
        double waited = count("events.claim.waited");

        Delivery parallel = send(${entity}TestEvents.created(id, 9));
        await().atMost(TestEvents.WAIT).until(() -> count("events.claim.waited") > waited);
        assertFalse(parallel.acked(), "waits while the other consumer works");
        values.set(service + ":event:" + id, "done", new SetArgs().px(60_000)); // the other consumer is done

        await().atMost(TestEvents.WAIT).until(parallel::acked);
        assertEquals(0, ${entity}TestEvents.recordingsOf(wiremock, id));
        assertEquals(duplicates + 1, count("events.duplicate"));
    }

    private double count(String name) {
        var counter = registry.find(name).tag("channel", EventConsumer.CHANNEL).counter();
        return counter == null ? 0 : counter.count();
    }

    private Delivery send(String body) {
        Delivery delivery = new Delivery();
        connector.source(EventConsumer.CHANNEL).send(Message.of(body.getBytes())
                .withAck(() -> {
                    delivery.acks.incrementAndGet();
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(reason -> {
                    delivery.nacks.incrementAndGet();
                    return CompletableFuture.completedFuture(null);
                }));
        return delivery;
    }

    /** What happened to one message: acknowledged or not. */
    static final class Delivery {
        final AtomicInteger acks = new AtomicInteger();
        final AtomicInteger nacks = new AtomicInteger();

        boolean acked() {
            return acks.get() == 1 && nacks.get() == 0;
        }

        boolean nacked() {
            return nacks.get() > 0;
        }
    }
}
