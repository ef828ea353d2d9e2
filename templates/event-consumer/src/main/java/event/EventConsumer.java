package ${package}.event;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Consumes the ${entity} events from the channel {@value #CHANNEL} (queue, bindings and dead-lettering are in
 * application.properties) on the worker pool {@value #WORKERS}, whose size is the number of events processed
 * concurrently ({@code smallrye.messaging.worker.event-workers.max-concurrency}).
 */
@ApplicationScoped
public class ${entity}EventConsumer {

    public static final String CHANNEL = "${eventPrefix}-events";
    public static final String WORKERS = "event-workers";

    @Inject
    EventProcessor processor;

    @Inject
    ${entity}EventHandler handler;

    @Incoming(CHANNEL)
    @Blocking(value = WORKERS, ordered = false)
    public CompletionStage<Void> consume(Message<?> message) {
        return processor.process(CHANNEL, message, handler);
    }
}
