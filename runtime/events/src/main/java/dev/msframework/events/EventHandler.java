package dev.msframework.events;

import java.util.Set;

import dev.msframework.contract.CloudEvent;

/**
 * What a service does with the events of some types: each bean implementing it is found by {@link EventHandlers},
 * and {@link EventProcessor} calls it once per event id, after parsing and de-duplication, with the event's data
 * read as {@link #dataType()}. Throw {@link PoisonEventException} (or let a 4xx from a data service escape) for an
 * event that can never succeed; transient failures (see {@link EventFailures}) are retried with backoff. Returning
 * normally acknowledges the message.
 *
 * <p>Adding an entity's handling to a service is adding one such bean: the consumer's queue receives every event of
 * the exchange, and an event whose type no handler takes is acknowledged and ignored.
 *
 * @param <T> the class of the events' data, e.g. an entity's DTO
 */
public interface EventHandler<T> {

    /**
     * The event types this handler takes: exact types ({@code order.created}) and patterns whose last word is
     * {@code *} ({@code order.*}: any one word after {@code order.}, as in a routing key, e.g. an entity's
     * {@code <Entity>Events.ALL}). An exact type wins over a pattern; two handlers may not declare the same entry.
     */
    Set<String> eventTypes();

    /** The class the event's {@code data} is read as. */
    Class<T> dataType();

    void handle(CloudEvent<T> event);
}
