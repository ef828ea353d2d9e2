package dev.msframework.outbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.Test;

import com.rabbitmq.client.GetResponse;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.msframework.contract.CloudEvent;

/**
 * Events the broker does not confirm stay in the outbox and go out once it does, without stopping the shared broker:
 * a queue with {@code x-max-length=0} and {@code x-overflow=reject-publish} bound to their routing key makes RabbitMQ
 * nack every publish of that type (publisher confirms), until the test deletes it.
 */
@QuarkusTest
@TestProfile(UnconfirmedEventsTest.ShortPolls.class)
class UnconfirmedEventsTest extends OutboxTestSupport {

    /** Retries every 300 ms, so that the test sees several failed attempts quickly. */
    public static class ShortPolls implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("outbox.poll-interval", "300ms", "outbox.confirm-timeout", "5S");
        }
    }

    @Test
    void eventsThatAreNotConfirmedStayAndGoOutLater() throws Exception {
        String type = "thing.rejected";
        String queue = bind(type);
        String rejecting = bind(type, Map.of("x-max-length", 0, "x-overflow", "reject-publish"));
        double failuresBefore = failures();

        try (CapturedLog log = new CapturedLog(OutboxRelay.class)) {
            CloudEvent<Things.Thing> event = things.create(type, new Things.Thing("rejected", 5));

            // nacked again and again (each attempt counts), the row stays, the relay says so once
            await().atMost(WAIT).until(() -> failures() >= failuresBefore + 3);
            assertEquals(1, outboxRows(event.id()), "a row that is not confirmed stays");
            assertEquals(1.0, pending(), "the gauge counts it");
            assertEquals(0.0, published(type));
            assertEquals(1, log.count(Level.WARNING, "Publishing the outbox fails"), "one WARN, not one per attempt");
            assertEquals(0, log.count(Level.INFO, "Publishing the outbox works again"));

            // the broker takes it again
            channel.queueDelete(rejecting);
            await().atMost(WAIT).until(() -> outboxRows(event.id()) == 0);
            await().atMost(WAIT).until(() -> published(type) == 1.0);
            await().atMost(WAIT).until(() -> log.count(Level.INFO, "Publishing the outbox works again") == 1);
            assertEquals(1, log.count(Level.WARNING, "Publishing the outbox fails"));
            assertEquals(0.0, pending());

            // the bound queue has it: a nacked publish may still have reached it, so at least once, never another event
            List<GetResponse> received = receive(queue, 1);
            received.addAll(drain(queue));
            assertTrue(received.stream().allMatch(m -> event.id().equals(m.getProps().getMessageId())), "its event");
        }
    }
}
