package ${package}.worker;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.json.JsonObject;

import dev.msframework.contract.CloudEvent;
import dev.msframework.events.EventHandler;
import dev.msframework.events.TransientEventException;

/**
 * A handler of the test events {@value #TYPES}, for the tests of the event consumer that need no entity: it counts
 * the attempts and successes per event id, and fails an event once when asked to. A bean of the tests only.
 */
@ApplicationScoped
public class ProbeHandler implements EventHandler<ProbeHandler.Probe> {

    static final String TYPES = "probe.*";
    static final String HAPPENED = "probe.happened";

    /** The data of a test event. */
    public record Probe(Long id) {
    }

    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
    private final Set<String> failingOnce = ConcurrentHashMap.newKeySet();

    @Override
    public Set<String> eventTypes() {
        return Set.of(TYPES);
    }

    @Override
    public Class<Probe> dataType() {
        return Probe.class;
    }

    @Override
    public void handle(CloudEvent<Probe> event) {
        attempts.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet();
        if (failingOnce.remove(event.id())) {
            throw new TransientEventException("the probe fails once");
        }
        handled.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet();
    }

    /** A {@value #HAPPENED} event. */
    static String event(String eventId) {
        return TestEvents.event(eventId, HAPPENED, new JsonObject().put("id", 1));
    }

    /** Its first attempt throws a transient failure. */
    void failOnce(String eventId) {
        failingOnce.add(eventId);
    }

    int attempts(String eventId) {
        return attempts.getOrDefault(eventId, new AtomicInteger()).get();
    }

    /** How often the event was handled with success. */
    int handled(String eventId) {
        return handled.getOrDefault(eventId, new AtomicInteger()).get();
    }
}
