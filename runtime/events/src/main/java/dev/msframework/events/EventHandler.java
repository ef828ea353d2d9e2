package dev.msframework.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

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

    /**
     * Handles several events at once (of this handler's types, each claimed for this service): the events a consumer
     * received together. Override it to do their work in one go, e.g. one bulk call to a data service instead of one
     * call per event. The default handles them one by one ({@link #oneByOne}).
     *
     * @return per event, in order, null when it was handled, or the exception it failed with; a failed event is then
     *         processed again on its own ({@link #handle}, with retries and dead-lettering)
     */
    default List<RuntimeException> handleAll(List<CloudEvent<T>> events) {
        return oneByOne(events, this::handle);
    }

    /**
     * Handles events one at a time, as the default {@link #handleAll} does: for an override that does part of the
     * work once per batch (e.g. reads what every event needs), then the rest per event, or falls back to one event at
     * a time. A failing event does not stop the others.
     *
     * @param <E>    the class of the events, e.g. {@code CloudEvent<T>}
     * @param events the events, in order
     * @param handle what is done with one event; returning normally means it was handled
     * @return what {@link #handleAll} returns: per event, in order, null when it was handled, or the
     *         {@link RuntimeException} it failed with
     */
    static <E> List<RuntimeException> oneByOne(List<E> events, Consumer<? super E> handle) {
        List<RuntimeException> failures = new ArrayList<>(events.size());
        for (E event : events) {
            try {
                handle.accept(event);
                failures.add(null);
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        return failures;
    }
}
