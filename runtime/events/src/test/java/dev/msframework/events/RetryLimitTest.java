package dev.msframework.events;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A service changes the retry limit by configuration alone: {@code events.retry.max-attempts=2}. */
@QuarkusTest
@TestProfile(CustomisedService.class)
class RetryLimitTest extends EventsTestSupport {

    @Test
    void aTransientFailureIsDeadLetteredAfterTheConfiguredAttempts() {
        handler.behave(ScriptedHandler.failTransiently(Integer.MAX_VALUE));
        String id = newId();

        sendAndAwaitAck(event(id, "thing.created"));

        assertEquals(2, handler.attempts(id));
        await().atMost(WAIT).until(() -> deadLetters().size() == 1);
        String reason = (String) header(deadLetters().get(0), DeadLetters.REASON_HEADER);
        assertTrue(reason.startsWith("gave up after 2 attempts"), reason);
    }

    @Test
    void aFailureWithinTheLimitIsStillRetried() {
        handler.behave(ScriptedHandler.failTransiently(1));
        String id = newId();

        sendAndAwaitAck(event(id, "thing.created"));

        assertEquals(2, handler.attempts(id));
        assertTrue(deadLetters().isEmpty());
    }
}
