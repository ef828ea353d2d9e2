package dev.msframework.events;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The delivery guarantees of the event consumer, with a real Redis and the channels in memory: each event is handled
 * once and acknowledged; what cannot be processed goes to the dead-letter channel with its reason.
 */
@QuarkusTest
class EventProcessorTest extends EventsTestSupport {

    @Test
    void anEventIsHandledOnceAndAcknowledged() {
        String id = newId();

        sendAndAwaitAck(event(id, "thing.created"));

        assertEquals(1, handler.attempts(id));
        ScriptedHandler.Thing data = handler.handled(id).data();
        assertEquals(new ScriptedHandler.Thing("42", "a thing"), data);
        assertEquals("thing.created", handler.handled(id).type());
        assertEquals(ProcessedEvents.DONE, redisValue(id));
        assertTrue(deadLetters().isEmpty());
    }

    @Test
    void eventsArrivingTogetherAreHandledInBatchesEachOnce() {
        List<String> ids = new ArrayList<>();
        List<Delivery> deliveries = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String id = newId();
            ids.add(id);
            deliveries.add(send(event(id, "thing.created")));
        }
        // one of them twice in the same stream: a duplicate, however the batches fall
        deliveries.add(send(event(ids.get(0), "thing.created")));

        deliveries.forEach(delivery -> delivery.acked().orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join());
        ids.forEach(id -> {
            assertEquals(1, handler.attempts(id), id);
            assertEquals(ProcessedEvents.DONE, redisValue(id));
        });
        assertTrue(handler.largestBatch() > 1, "handleAll got batches: largest " + handler.largestBatch());
        assertTrue(deadLetters().isEmpty());
    }

    @Test
    void aTransientFailureInABatchUsesUpItsFirstAttempt() {
        handler.behave(ScriptedHandler.failTransiently(1));
        List<Delivery> deliveries = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String id = newId();
            ids.add(id);
            deliveries.add(send(event(id, "thing.created")));
        }
        deliveries.forEach(delivery -> delivery.acked().orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join());
        ids.forEach(id -> assertEquals(2, handler.attempts(id), id));
        assertTrue(deadLetters().isEmpty());
    }

    @Test
    void theSameEventTwiceIsHandledOnce() {
        String id = newId();
        sendAndAwaitAck(event(id, "thing.updated"));

        // a redelivery, or the producer publishing again
        sendAndAwaitAck(event(id, "thing.updated"));

        assertEquals(1, handler.attempts(id));
        assertTrue(deadLetters().isEmpty());
    }

    @Test
    void aMessageThatIsNotACloudEventIsDeadLetteredAndTheNextOneIsProcessed() {
        sendAndAwaitAck("this is not JSON");

        await().atMost(WAIT).until(() -> deadLetters().size() == 1);
        Message<byte[]> dead = deadLetters().get(0);
        assertEquals("this is not JSON", body(dead), "the message goes to the dead-letter queue unchanged");
        String reason = (String) header(dead, DeadLetters.REASON_HEADER);
        assertTrue(reason.startsWith("not a JSON CloudEvent"), reason);
        assertEquals("msframework-events-test", header(dead, DeadLetters.CONSUMER_HEADER));
        assertNotNull(header(dead, DeadLetters.FAILED_AT_HEADER));

        String next = newId();
        sendAndAwaitAck(event(next, "thing.created"));
        assertEquals(1, handler.attempts(next));
        assertNotNull(handler.handled(next));
    }

    @Test
    void aTransientFailureIsRetriedThenSucceeds() {
        handler.behave(ScriptedHandler.failTransiently(2));
        String id = newId();

        sendAndAwaitAck(event(id, "thing.created"));

        assertEquals(3, handler.attempts(id));
        assertNotNull(handler.handled(id));
        assertEquals(ProcessedEvents.DONE, redisValue(id));
        assertTrue(deadLetters().isEmpty());
    }

    @Test
    void aTransientFailureThatLastsIsDeadLetteredAfterMaxAttempts() {
        handler.behave(ScriptedHandler.failTransiently(Integer.MAX_VALUE));
        String id = newId();
        String body = event(id, "thing.created");

        sendAndAwaitAck(body);

        assertEquals(4, handler.attempts(id), "events.retry.max-attempts defaults to 4");
        await().atMost(WAIT).until(() -> deadLetters().size() == 1);
        Message<byte[]> dead = deadLetters().get(0);
        assertEquals(body, body(dead));
        String reason = (String) header(dead, DeadLetters.REASON_HEADER);
        assertTrue(reason.startsWith("gave up after 4 attempts: TransientEventException: data service unreachable"), reason);
        // the failed attempts left no claim: a redelivery of the dead letter is processed again
        assertNull(redisValue(id));
    }

    @Test
    void aPermanentFailureIsDeadLetteredAtOnce() {
        handler.behave(ScriptedHandler.failPermanently(new IllegalArgumentException("no such customer 42")));
        String id = newId();

        sendAndAwaitAck(event(id, "thing.deleted"));

        assertEquals(1, handler.attempts(id));
        await().atMost(WAIT).until(() -> deadLetters().size() == 1);
        assertEquals("IllegalArgumentException: no such customer 42",
                header(deadLetters().get(0), DeadLetters.REASON_HEADER));
        assertNull(redisValue(id));
    }

    @Test
    void aPoisonEventFromTheHandlerIsDeadLetteredWithItsReason() {
        handler.behave(ScriptedHandler.failPermanently(new PoisonEventException("the thing has no owner")));
        String id = newId();

        sendAndAwaitAck(event(id, "thing.created"));

        assertEquals(1, handler.attempts(id));
        await().atMost(WAIT).until(() -> deadLetters().size() == 1);
        assertEquals("the thing has no owner", header(deadLetters().get(0), DeadLetters.REASON_HEADER));
    }

    @Test
    void anEventNoHandlerTakesIsAcknowledgedAndIgnored() {
        String id = newId();

        sendAndAwaitAck(event(id, "invoice.created"));

        assertEquals(0, handler.attempts(id));
        assertTrue(deadLetters().isEmpty());
        // not claimed either: a handler added later would process it
        assertNull(redisValue(id));
    }

    @Test
    void theOutcomesAreCounted() {
        double consumed = count("events.consumed");
        double succeeded = count("events.succeeded");
        double duplicate = count("events.duplicate");
        double retried = count("events.retried");
        double deadLettered = count("events.dead.lettered");
        double ignored = count("events.ignored");
        long timedSucceeded = timed("succeeded");
        long timedDeadLettered = timed("dead-lettered");

        handler.behave(ScriptedHandler.failTransiently(1));
        String id = newId();
        sendAndAwaitAck(event(id, "thing.created"));
        sendAndAwaitAck(event(id, "thing.created"));
        sendAndAwaitAck(event(newId(), "invoice.created"));
        sendAndAwaitAck("{}");

        assertEquals(consumed + 4, count("events.consumed"));
        assertEquals(succeeded + 1, count("events.succeeded"));
        assertEquals(duplicate + 1, count("events.duplicate"));
        assertEquals(retried + 1, count("events.retried"));
        assertEquals(deadLettered + 1, count("events.dead.lettered"));
        assertEquals(ignored + 1, count("events.ignored"));
        await().atMost(WAIT).until(() -> timed("succeeded") == timedSucceeded + 1
                && timed("dead-lettered") == timedDeadLettered + 1);
    }
}
