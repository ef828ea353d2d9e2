package dev.msframework.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The per-event loop that handleAll overrides share with the default. */
class EventHandlerTest {

    @Test
    void oneByOneHandlesEveryEventAndAnswersEachOnesFailureInOrder() {
        IllegalStateException failure = new IllegalStateException("the second one fails");
        List<String> handled = new ArrayList<>();

        List<RuntimeException> failures = EventHandler.oneByOne(List.of("a", "b", "c"), event -> {
            if (event.equals("b")) {
                throw failure;
            }
            handled.add(event);
        });

        assertEquals(List.of("a", "c"), handled, "a failing event does not stop the others");
        assertEquals(3, failures.size());
        assertNull(failures.get(0));
        assertSame(failure, failures.get(1));
        assertNull(failures.get(2));
    }

    @Test
    void oneByOneOfNoEventsAnswersNothing() {
        assertEquals(List.of(), EventHandler.oneByOne(List.<String> of(), event -> {
            throw new AssertionError("no event to handle");
        }));
    }
}
