package ${package}.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import ${package}.contract.event.CloudEvent;

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
        Handler tasks = handler("tasks", "task.*");
        Handler projects = handler("projects", "project.*");
        EventHandlers handlers = registry(tasks, projects);

        assertSame(tasks, handlers.find("task.created").orElseThrow());
        assertSame(tasks, handlers.find("task.due-date-passed").orElseThrow());
        assertSame(projects, handlers.find("project.deleted").orElseThrow());
    }

    @Test
    void aTypeNoHandlerTakesHasNone() {
        EventHandlers handlers = registry(handler("tasks", "task.*"), handler("notes", "note.created"));

        assertTrue(handlers.find("project.created").isEmpty());
        assertTrue(handlers.find("note.updated").isEmpty());
        // a pattern takes one word, as in a routing key
        assertTrue(handlers.find("task").isEmpty());
        assertTrue(handlers.find("task.created.again").isEmpty());
        assertTrue(handlers.find("task.*").isEmpty());
        assertTrue(registry().find("task.created").isEmpty());
    }

    @Test
    void anExactTypeWinsOverAPattern() {
        Handler all = handler("all", "task.*");
        Handler created = handler("created", "task.created");
        EventHandlers handlers = registry(all, created);

        assertSame(created, handlers.find("task.created").orElseThrow());
        assertSame(all, handlers.find("task.updated").orElseThrow());
    }

    @Test
    void twoHandlersOfTheSameTypeStopTheStart() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> registry(handler("one", "task.*"), handler("two", "note.*", "task.*")));
        assertEquals("Both one and two take the events task.*: an event type has one handler", e.getMessage());
    }

    @Test
    void anEntryThatIsNeitherATypeNorAPatternStopsTheStart() {
        for (String entry : new String[] { "", " ", "task.", ".created", "task..created", "*.created", "task.#", "task.cre*",
                "task created" }) {
            assertThrows(IllegalStateException.class, () -> registry(handler("bad", entry)), entry);
        }
    }
}
