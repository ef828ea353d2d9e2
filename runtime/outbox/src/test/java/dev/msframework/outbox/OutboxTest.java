package dev.msframework.outbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;
import jakarta.transaction.TransactionRequiredException;
import jakarta.transaction.TransactionalException;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.GetResponse;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.test.junit.QuarkusTest;

import dev.msframework.contract.CloudEvent;

/**
 * The outbox against the real PostgreSQL and RabbitMQ: what a committed transaction adds is published once, with the
 * metadata of the contract, and deleted; what a rolled-back one adds never is; nothing is added outside a transaction.
 * The poll interval is an hour here: every event arrives thanks to the wake-up of its commit.
 */
@QuarkusTest
class OutboxTest extends OutboxTestSupport {

    /** Well below the poll interval (1H), generous for a loaded machine. */
    static final Duration PROMPTLY = Duration.ofSeconds(10);

    @Inject
    Outbox outbox;

    @Inject
    Tracer tracer;

    @Test
    void anEventOfACommittedTransactionIsPublishedOnceWithItsMetadataAndItsRowIsDeleted() throws Exception {
        String type = "thing.created";
        String queue = bind(type);
        double publishedBefore = published(type);

        long start = System.nanoTime();
        CloudEvent<Things.Thing> event = things.create(type, new Things.Thing("committed", 7));

        GetResponse message = receive(queue, 1).get(0);
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(PROMPTLY) < 0,
                "published on the commit's wake-up, not at the next poll");
        assertEquals(EXCHANGE, message.getEnvelope().getExchange());
        assertEquals(type, message.getEnvelope().getRoutingKey());
        assertEquals(event.id(), message.getProps().getMessageId());
        assertEquals(type, message.getProps().getType());
        assertEquals(CloudEvent.CONTENT_TYPE, message.getProps().getContentType());
        assertEquals(2, message.getProps().getDeliveryMode(), "persistent");

        JsonNode body = body(message);
        assertEquals("1.0", body.get("specversion").asText());
        assertEquals(event.id(), body.get("id").asText());
        assertEquals("/msframework-outbox-test", body.get("source").asText(), "outbox.source defaults to /<application>");
        assertEquals(type, body.get("type").asText());
        assertEquals("application/json", body.get("datacontenttype").asText());
        assertEquals(event.time().toInstant(), OffsetDateTime.parse(body.get("time").asText()).toInstant());
        assertEquals(new Things.Thing("committed", 7), json.treeToValue(body.get("data"), Things.Thing.class));

        await().atMost(WAIT).until(() -> outboxRows(event.id()) == 0);
        assertEquals(1, things.count("committed"), "the entity committed with its event");
        await().atMost(WAIT).until(() -> published(type) == publishedBefore + 1);
        Thread.sleep(500);
        assertTrue(drain(queue).isEmpty(), "published once");
    }

    @Test
    void anEventOfATransactionThatRollsBackIsNeverPublishedAndLeavesNoRow() throws Exception {
        String type = "thing.doomed";
        String queue = bind(type);
        AtomicReference<CloudEvent<Things.Thing>> added = new AtomicReference<>();

        assertThrows(IllegalStateException.class,
                () -> things.createThenFail(type, new Things.Thing("rolled back", 1), added::set));

        assertNotNull(added.get(), "the event was added before the failure");
        assertEquals(0, outboxRows(added.get().id()));
        assertEquals(0, things.count("rolled back"));
        // the relay publishes in order of writing: once an event committed after it is out, it would be out too
        CloudEvent<Things.Thing> marker = things.create(type, new Things.Thing("marker", 2));
        List<GetResponse> received = receive(queue, 1);
        await().atMost(WAIT).until(() -> outboxRows(marker.id()) == 0);
        received.addAll(drain(queue));
        assertEquals(List.of(marker.id()), received.stream().map(m -> m.getProps().getMessageId()).toList());
    }

    @Test
    void addingOutsideATransactionFailsAndWritesNothing() {
        String type = "thing.orphan";
        TransactionalException thrown = assertThrows(TransactionalException.class,
                () -> outbox.add(type, new Things.Thing("orphan", 3)));
        assertInstanceOf(TransactionRequiredException.class, thrown.getCause());
        assertEquals(0, outboxRowsOfType(type));
    }

    @Test
    void manyEventsOfOneTransactionArriveInOrderEachOnceInFullBatches() throws Exception {
        String type = "thing.bulk";
        String queue = bind(type);
        int count = 250; // three batches of at most 100: the second and third follow at once, not after a poll

        long start = System.nanoTime();
        List<CloudEvent<Things.Thing>> events = things.createMany(type, "bulk-", count);

        List<GetResponse> received = receive(queue, count);
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(PROMPTLY) < 0,
                "a full batch is followed by the next one at once");
        await().atMost(WAIT).until(() -> outboxRowsOfType(type) == 0);
        Thread.sleep(500);
        received.addAll(drain(queue));

        List<String> ids = new ArrayList<>();
        for (GetResponse message : received) {
            ids.add(message.getProps().getMessageId());
            JsonNode data = body(message).get("data");
            assertEquals(message.getProps().getMessageId(), body(message).get("id").asText());
            assertEquals("bulk-" + data.get("size").asInt(), data.get("name").asText());
        }
        assertEquals(events.stream().map(CloudEvent::id).toList(), ids, "each event once, in the order written");
        assertEquals(count, Things.Rows.count(dataSource, "select count(*) from thing where name like ?", "bulk-%"));
    }

    @Test
    void thePublishedMessageContinuesTheWritersTrace() throws Exception {
        String type = "thing.traced";
        String queue = bind(type);

        Span writer = tracer.spanBuilder("write a thing").startSpan();
        CloudEvent<Things.Thing> event;
        try (Scope scope = writer.makeCurrent()) {
            event = things.create(type, new Things.Thing("traced", 4));
        } finally {
            writer.end();
        }

        GetResponse message = receive(queue, 1).get(0);
        assertEquals(event.id(), message.getProps().getMessageId());
        Object header = message.getProps().getHeaders().get(TraceParent.HEADER);
        assertNotNull(header, "the message carries a traceparent");
        String[] traceparent = header.toString().split("-");
        assertEquals(writer.getSpanContext().getTraceId(), traceparent[1], "the writer's trace");
        assertNotEquals(writer.getSpanContext().getSpanId(), traceparent[2],
                "the parent is the connector's publishing span, a child of the writer's");
    }

    @Test
    void anEventNoQueueIsBoundToIsStillConfirmedAndDeleted() {
        String type = "thing.unbound";
        double publishedBefore = published(type);

        List<CloudEvent<Things.Thing>> events = things.createMany(type, "unbound-", 3);

        assertEquals(3, new HashSet<>(events.stream().map(CloudEvent::id).toList()).size(), "one id per event");
        // the broker confirms what no queue takes: the events count as published and their rows go
        await().atMost(WAIT).until(() -> published(type) == publishedBefore + 3);
        assertEquals(0, outboxRowsOfType(type));
    }
}
