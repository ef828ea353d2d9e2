package dev.msframework.events;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import dev.msframework.contract.CloudEvent;

/** A service's handler of the {@code thing.*} events, doing what each test tells it, and counting its attempts. */
@ApplicationScoped
public class ScriptedHandler implements EventHandler<ScriptedHandler.Thing> {

    public record Thing(String id, String name) {
    }

    /** What one attempt does: return (success) or throw. */
    @FunctionalInterface
    public interface Behaviour {
        void attempt(int attempt);
    }

    public static final Behaviour SUCCEED = attempt -> {
    };

    /** Fails transiently the first {@code times} attempts, then succeeds. */
    public static Behaviour failTransiently(int times) {
        return attempt -> {
            if (attempt <= times) {
                throw new TransientEventException("data service unreachable (attempt " + attempt + ")");
            }
        };
    }

    public static Behaviour failPermanently(RuntimeException failure) {
        return attempt -> {
            throw failure;
        };
    }

    private volatile Behaviour behaviour = SUCCEED;
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final AtomicInteger largestBatch = new AtomicInteger();
    private final Map<String, CloudEvent<Thing>> handled = new ConcurrentHashMap<>();

    @Override
    public Set<String> eventTypes() {
        return Set.of("thing.*");
    }

    @Override
    public Class<Thing> dataType() {
        return Thing.class;
    }

    @Override
    public void handle(CloudEvent<Thing> event) {
        int attempt = attempts.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet();
        behaviour.attempt(attempt);
        handled.put(event.id(), event);
    }

    @Override
    public List<RuntimeException> handleAll(List<CloudEvent<Thing>> events) {
        largestBatch.accumulateAndGet(events.size(), Math::max);
        return EventHandler.super.handleAll(events);
    }

    /** The most events one handleAll call got. */
    public int largestBatch() {
        return largestBatch.get();
    }

    public void behave(Behaviour next) {
        behaviour = next;
    }

    public void reset() {
        behaviour = SUCCEED;
        attempts.clear();
        handled.clear();
    }

    public int attempts(String eventId) {
        AtomicInteger count = attempts.get(eventId);
        return count == null ? 0 : count.get();
    }

    /** The event as the handler got it, null when no attempt succeeded. */
    public CloudEvent<Thing> handled(String eventId) {
        return handled.get(eventId);
    }
}
