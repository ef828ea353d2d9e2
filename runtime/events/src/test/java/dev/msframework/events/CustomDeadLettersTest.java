package dev.msframework.events;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A service replaces a library bean with a CDI alternative of its own: {@link AuditedDeadLetters}. */
@QuarkusTest
@TestProfile(CustomisedService.class)
class CustomDeadLettersTest extends EventsTestSupport {

    @Inject
    DeadLetters deadLetters;

    @Test
    void theConsumerUsesTheServicesBean() {
        AuditedDeadLetters audited = assertInstanceOf(AuditedDeadLetters.class, ClientProxy.unwrap(deadLetters));
        audited.audited.clear();

        sendAndAwaitAck("[1, 2, 3]");

        // the replacement recorded it, and still published it through the library's channel
        String reason = audited.audited.get(0);
        assertTrue(reason.startsWith("not a JSON CloudEvent"), reason);
        await().atMost(WAIT).until(() -> deadLetters().size() == 1);
        assertEquals(reason, header(deadLetters().get(0), DeadLetters.REASON_HEADER));
        assertEquals(List.of(reason), audited.audited);
    }
}
