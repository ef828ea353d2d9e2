package dev.msframework.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.msframework.contract.CloudEvent;

/** Which handler gets an event of which type, with handlers of their own: no entity needed. */
class EventHandlersTest {

    /** A handler of the given types (not a bean: it has no scope). */
    record Handler(String name, Set<String> eventTypes) implements EventHandler<Map<String, Object>> {

        @Override
        @SuppressWarnings("unchecked")
        public Class<Map<String, Object>> dataType() {
            return (Class<Map<String, Object>>) (Class<?>) Map.class;
        }

        @Override
        public void handle(CloudEvent<Map<String, Object>> event) {
        }
    }

    static Handler handler(String name, String... types) {
        return new Handler(name, Set.of(types));
    }

    static EventHandlers registry(Handler... handlers) {
        return new EventHandlers(Stream.of(handlers).map(h -> new EventHandlers.Named(h.name(), h)).toList());
    }

    @Test
    void eachEntityGetsItsOwnEvents() {
        Handler parcels = handler("parcels", "parcel.*");
        Handler projects = handler("projects", "project.*");
        EventHandlers handlers = registry(parcels, projects);

        assertSame(parcels, handlers.find("parcel.created").orElseThrow());
        assertSame(parcels, handlers.find("parcel.due-date-passed").orElseThrow());
        assertSame(projects, handlers.find("project.deleted").orElseThrow());
    }

    @Test
    void aTypeNoHandlerTakesHasNone() {
        EventHandlers handlers = registry(handler("parcels", "parcel.*"), handler("notes", "note.created"));

        assertTrue(handlers.find("project.created").isEmpty());
        assertTrue(handlers.find("note.updated").isEmpty());
        // a pattern takes one word, as in a routing key
        assertTrue(handlers.find("parcel").isEmpty());
        assertTrue(handlers.find("parcel.created.again").isEmpty());
        assertTrue(handlers.find("parcel.*").isEmpty());
        assertTrue(registry().find("parcel.created").isEmpty());
    }

    @Test
    void anExactTypeWinsOverAPattern() {
        Handler all = handler("all", "parcel.*");
        Handler created = handler("created", "parcel.created");
        EventHandlers handlers = registry(all, created);

        assertSame(created, handlers.find("parcel.created").orElseThrow());
        assertSame(all, handlers.find("parcel.updated").orElseThrow());
    }

    @Test
    void twoHandlersOfTheSameTypeStopTheStart() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> registry(handler("one", "parcel.*"), handler("two", "note.*", "parcel.*")));
        assertEquals("Both one and two take the events parcel.*: an event type has one handler", e.getMessage());
    }

    @Test
    void anEntryThatIsNeitherATypeNorAPatternStopsTheStart() {
        for (String entry : new String[] { "", " ", "parcel.", ".created", "parcel..created", "*.created", "parcel.#", "parcel.cre*",
                "parcel created" }) {
            assertThrows(IllegalStateException.class, () -> registry(handler("bad", entry)), entry);
        }
    }
}
