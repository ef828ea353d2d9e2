package dev.msframework.events;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * The service's one event consumer: the channel {@value #CHANNEL} receives every event of the exchange (queue,
 * binding and dead-lettering are in application.properties), and {@link EventProcessor} hands each to the
 * {@link EventHandler} of its type. It runs on the worker pool {@value #WORKERS}, whose size is the number of events
 * processed concurrently ({@code smallrye.messaging.worker.event-workers.max-concurrency}).
 */
@ApplicationScoped
public class EventConsumer {

    public static final String CHANNEL = "entity-events";
    public static final String WORKERS = "event-workers";

    @Inject
    EventProcessor processor;

    @Incoming(CHANNEL)
    @Blocking(value = WORKERS, ordered = false)
    public CompletionStage<Void> consume(Message<?> message) {
        return processor.process(CHANNEL, message);
    }
}
