package dev.msframework.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;

/**
 * The service's {@link EventHandler} beans, by the event types they take. Built at start-up, before the messaging
 * connector starts the consumers: an entry that is neither a type nor a pattern, or one that two handlers declare,
 * stops the start with a message naming them. The handlers found are logged at INFO.
 */
@Startup(Interceptor.Priority.PLATFORM_BEFORE + 1)
@ApplicationScoped
public class EventHandlers {

    private static final Logger LOG = Logger.getLogger(EventHandlers.class);

    /**
     * Dot-separated words without {@code *}, whitespace or number sign; the last word may be {@code *} alone (any
     * one word).
     */
    private static final Pattern ENTRY = Pattern.compile("([^.*#\\s]+\\.)*([^.*#\\s]+|\\*)");

    /** A handler and the name its messages give it. */
    record Named(String name, EventHandler<?> handler) {
    }

    /** By type or pattern, as the handlers declare them. */
    private final Map<String, Named> byEntry;

    @Inject
    EventHandlers(@Any Instance<EventHandler<?>> beans) {
        this(beans.handlesStream().map(h -> new Named(h.getBean().getBeanClass().getSimpleName(), h.get())).toList());
    }

    EventHandlers(List<Named> handlers) {
        Map<String, Named> entries = new TreeMap<>();
        for (Named named : handlers) {
            for (String entry : named.handler().eventTypes()) {
                if (entry == null || !ENTRY.matcher(entry).matches()) {
                    throw new IllegalStateException(named.name() + " declares the event type '" + entry
                            + "': expected a type (order.created) or a pattern whose last word is * (order.*)");
                }
                Named other = entries.putIfAbsent(entry, named);
                if (other != null) {
                    throw new IllegalStateException("Both " + other.name() + " and " + named.name() + " take the events "
                            + entry + ": an event type has one handler");
                }
            }
        }
        this.byEntry = entries;
        if (entries.isEmpty()) {
            LOG.warn("No event handler: every event is acknowledged and ignored");
        } else {
            List<String> lines = new ArrayList<>();
            entries.forEach((entry, named) -> lines.add(entry + " -> " + named.name()));
            LOG.infof("Event handlers: %s", String.join(", ", lines));
        }
    }

    /**
     * The handler of the events of {@code type}: the one that declares the type itself, else the one that declares
     * its pattern ({@code order.*} for {@code order.created}); empty when no handler takes it.
     */
    public Optional<EventHandler<?>> find(String type) {
        if (type == null || type.contains("*")) {
            return Optional.empty();
        }
        Named named = byEntry.get(type);
        if (named == null) {
            named = byEntry.get(type.substring(0, type.lastIndexOf('.') + 1) + "*");
        }
        return Optional.ofNullable(named).map(Named::handler);
    }
}
