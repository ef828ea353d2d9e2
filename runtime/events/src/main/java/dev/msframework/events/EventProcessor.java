package dev.msframework.events;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.rabbitmq.RabbitMQRejectMetadata;

import dev.msframework.contract.CloudEvent;

/**
 * The delivery guarantees of every event consumer, in one place:
 * <ol>
 * <li>parse the message; a poison message goes to the dead-letter queue with the reason;</li>
 * <li>find the handler of the event's type ({@link EventHandlers}); an event no handler takes is acknowledged and
 * ignored (a service need not care about every entity); read the data as the handler's class (poison when it
 * cannot be);</li>
 * <li>claim the event id in Redis; a duplicate is acknowledged without doing the work again; an event another
 * consumer holds (one that died mid-work, or a parallel redelivery) waits until that claim is done or its lease
 * has run out, without using up attempts;</li>
 * <li>run the handler; a transient failure is retried with exponential backoff, up to
 * {@code events.retry.max-attempts} attempts ({@link EventsConfig}), then dead-lettered; a permanent one is dead-lettered at once;</li>
 * <li>mark the event done, then acknowledge the message.</li>
 * </ol>
 * On shutdown an event waiting for its next attempt is returned to the queue (requeued), never dropped.
 * Metrics (tag {@code channel}): {@code events.consumed}, {@code events.succeeded}, {@code events.retried},
 * {@code events.dead.lettered}, {@code events.duplicate}, {@code events.ignored}, {@code events.claim.waited} and
 * the timer {@code events.processing} (tag {@code outcome}: succeeded, duplicate, ignored, dead-lettered, requeued).
 */
@ApplicationScoped
public class EventProcessor {

    private static final Logger LOG = Logger.getLogger(EventProcessor.class);

    /** Added to the rest of another consumer's lease before claiming again. */
    private static final long CLAIM_MARGIN_MS = 50;
    /** How often an event claimed by another consumer looks again whether that consumer is done. */
    private static final long CLAIM_POLL_MS = 1000;

    @Inject
    EventParser parser;

    @Inject
    EventHandlers handlers;

    @Inject
    ProcessedEvents processedEvents;

    @Inject
    DeadLetters deadLetters;

    @Inject
    MeterRegistry registry;

    @Inject
    EventsConfig config;

    private volatile boolean stopping;

    void onStop(@Observes ShutdownEvent shutdown) {
        stopping = true;
    }

    public CompletionStage<Void> process(String channel, Message<?> message) {
        Timer.Sample sample = Timer.start(registry);
        count("events.consumed", channel);
        String outcome = "dead-lettered";
        try {
            CloudEvent<JsonNode> event = parser.parse(message.getPayload());
            Optional<EventHandler<?>> handler = handlers.find(event.type());
            if (handler.isEmpty()) {
                outcome = "ignored";
                count("events.ignored", channel);
                LOG.debugf("Event %s (%s): no handler takes this type, acknowledged and ignored", event.id(), event.type());
                return message.ack();
            }
            boolean processed = processWithRetries(channel, event, handler.get());
            outcome = processed ? "succeeded" : "duplicate";
            count(processed ? "events.succeeded" : "events.duplicate", channel);
            if (!processed) {
                LOG.debugf("Event %s (%s) was already processed: acknowledged as a duplicate", event.id(), event.type());
            }
            return message.ack();
        } catch (ShuttingDown e) {
            outcome = "requeued";
            LOG.infof("Shutting down: event returned to the queue (%s)", e.getMessage());
            return message.nack(e, Metadata.of(new RabbitMQRejectMetadata(true)));
        } catch (RuntimeException e) {
            return deadLetter(channel, message, e);
        } finally {
            sample.stop(registry.timer("events.processing", "channel", channel, "outcome", outcome));
        }
    }

    /** @return true when the handler did the work, false for a duplicate */
    private <T> boolean processWithRetries(String channel, CloudEvent<JsonNode> parsed, EventHandler<T> handler) {
        CloudEvent<T> event = parser.withData(parsed, handler.dataType());
        int attempt = 1;
        long waitedMs = 0;
        while (true) {
            try {
                return processOnce(event, handler);
            } catch (ClaimedElsewhere e) {
                // not a failure: whoever holds the claim finishes (then it is a duplicate) or its lease runs out
                if (waitedMs == 0) {
                    count("events.claim.waited", channel);
                    LOG.infof("Event %s (%s) is claimed by another consumer: waiting up to %d ms for it to finish or its "
                            + "lease to run out", event.id(), event.type(), e.leaseLeft.toMillis());
                } else if (waitedMs > 2 * processedEvents.lease().toMillis()) {
                    throw new PoisonEventException("still claimed by another consumer after " + waitedMs + " ms");
                }
                long pause = Math.min(e.leaseLeft.toMillis() + CLAIM_MARGIN_MS, CLAIM_POLL_MS);
                pause(Duration.ofMillis(pause), event);
                waitedMs += pause;
            } catch (RuntimeException e) {
                if (!EventFailures.isTransient(e)) {
                    throw e;
                }
                if (attempt >= config.retry().maxAttempts()) {
                    throw new PoisonEventException("gave up after " + attempt + " attempts: " + EventFailures.describe(e), e);
                }
                Duration backoff = backoff(attempt);
                count("events.retried", channel);
                LOG.warnf("Event %s (%s), attempt %d of %d failed, retrying in %d ms: %s", event.id(), event.type(),
                        attempt, config.retry().maxAttempts(), backoff.toMillis(), EventFailures.describe(e));
                pause(backoff, event);
                attempt++;
            }
        }
    }

    private <T> boolean processOnce(CloudEvent<T> event, EventHandler<T> handler) {
        switch (processedEvents.claim(event.id())) {
            case DONE:
                return false;
            case IN_PROGRESS:
                throw new ClaimedElsewhere(processedEvents.leaseLeft(event.id()));
            default:
                break;
        }
        try {
            handler.handle(event);
        } catch (RuntimeException e) {
            processedEvents.release(event.id());
            throw e;
        }
        try {
            processedEvents.markDone(event.id());
        } catch (TransientEventException e) {
            // the work is done: acknowledge anyway; the claim's lease expires and a redelivery would redo it once
            LOG.warnf("Event %s processed but not recorded as done: %s", event.id(), e.getMessage());
        }
        return true;
    }

    private CompletionStage<Void> deadLetter(String channel, Message<?> message, RuntimeException failure) {
        boolean poison = failure instanceof PoisonEventException;
        String reason = poison ? failure.getMessage() : EventFailures.describe(failure);
        count("events.dead.lettered", channel);
        // a poison message is about the message; anything else may be a bug: log its stack trace
        LOG.errorf(poison ? null : failure, "Message on %s goes to the dead-letter queue: %s", channel, reason);
        return deadLetters.send(message, reason)
                .thenCompose(sent -> message.ack())
                .exceptionallyCompose(notSent -> {
                    LOG.errorf("Could not publish to the dead-letter queue (%s): rejecting the message instead", notSent.toString());
                    return message.nack(new PoisonEventException(reason), Metadata.of(new RabbitMQRejectMetadata(false)));
                });
    }

    private Duration backoff(int attempt) {
        EventsConfig.Retry retry = config.retry();
        long base = Math.min(retry.maxBackoff().toMillis(), retry.initialBackoff().toMillis() << Math.min(attempt - 1, 20));
        long jitter = base / 5 == 0 ? 0 : ThreadLocalRandom.current().nextLong(base / 5);
        return Duration.ofMillis(base + jitter);
    }

    private void pause(Duration backoff, CloudEvent<?> event) {
        if (stopping) {
            throw new ShuttingDown(event.id());
        }
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShuttingDown(event.id());
        }
    }

    private void count(String name, String channel) {
        registry.counter(name, "channel", channel).increment();
    }

    /** Another consumer holds the event's claim for {@code leaseLeft} more. */
    private static final class ClaimedElsewhere extends RuntimeException {
        final transient Duration leaseLeft;

        ClaimedElsewhere(Duration leaseLeft) {
            super(null, null, false, false);
            this.leaseLeft = leaseLeft;
        }
    }

    /** The service is stopping while an event waits for its next attempt. */
    private static final class ShuttingDown extends RuntimeException {
        ShuttingDown(String eventId) {
            super("event " + eventId);
        }
    }
}
