package dev.msframework.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
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
 * {@link #processAll} does this for a batch of messages with one Redis round trip per step and one
 * {@link EventHandler#handleAll} call per handler; what it does not simply finish goes through these steps on its
 * own, one event at a time.
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

    /**
     * One message of a batch on its own (counted as consumed with its batch): the steps above, with retries, waiting
     * and dead-lettering.
     *
     * @param failedOnce the failure of its first attempt, made in a batch (its claim released), or null
     */
    private CompletionStage<Void> process(String channel, Message<?> message, RuntimeException failedOnce) {
        Timer.Sample sample = Timer.start(registry);
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
            boolean processed = processWithRetries(channel, event, handler.get(), failedOnce);
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

    /**
     * The messages a consumer received together, with the guarantees above and few round trips: their claims in one
     * Redis round trip, one {@link EventHandler#handleAll} call per handler, the marks as done in one round trip. What
     * is not simply done (an event claimed by another consumer, a failed one, Redis unavailable) goes on its own
     * through the steps above on {@code slowPath}, with retries, waiting and dead-lettering. Never
     * throws: every message ends acknowledged, dead-lettered, or handed to the slow path.
     */
    public void processAll(String channel, List<? extends Message<?>> messages, Executor slowPath) {
        Timer.Sample sample = Timer.start(registry);
        // counted once per batch: a meter lookup per event costs more than the event's own work here
        registry.counter("events.consumed", "channel", channel).increment(messages.size());
        List<Parsed> parsed = new ArrayList<>(messages.size());
        for (Message<?> message : messages) {
            try {
                CloudEvent<JsonNode> event = parser.parse(message.getPayload());
                Optional<EventHandler<?>> handler = handlers.find(event.type());
                if (handler.isEmpty()) {
                    count("events.ignored", channel);
                    message.ack();
                    sample.stop(registry.timer("events.processing", "channel", channel, "outcome", "ignored"));
                    continue;
                }
                parsed.add(new Parsed(message, parser.withData(event, handler.get().dataType()), handler.get()));
            } catch (RuntimeException e) {
                deadLetter(channel, message, e);
                sample.stop(registry.timer("events.processing", "channel", channel, "outcome", "dead-lettered"));
            }
        }
        if (parsed.isEmpty()) {
            return;
        }
        Set<Parsed> alone = new LinkedHashSet<>();
        try {
            handleClaimed(channel, claimed(channel, parsed, alone), alone, sample);
        } catch (RuntimeException e) {
            // Redis unavailable, or a bug: each event not acknowledged nor handed on yet goes on its own, with retries
            LOG.warnf("A batch of %d events goes the slow way, one by one: %s", parsed.size(), EventFailures.describe(e));
            List<Parsed> rest = parsed.stream().filter(p -> !p.acked && !alone.contains(p)).toList();
            alone.addAll(rest);
        }
        for (Parsed p : alone) {
            slowPath.execute(() -> process(channel, p.message, p.failure));
        }
    }

    /** Claims the events; acknowledges the duplicates; those another consumer holds go to {@code alone}. */
    private List<Parsed> claimed(String channel, List<Parsed> parsed, Set<Parsed> alone) {
        List<ProcessedEvents.Claim> claims = processedEvents.claimAll(parsed.stream().map(p -> p.event.id()).toList());
        List<Parsed> claimed = new ArrayList<>(parsed.size());
        for (int i = 0; i < parsed.size(); i++) {
            Parsed p = parsed.get(i);
            switch (claims.get(i)) {
                case CLAIMED -> claimed.add(p);
                case DONE -> {
                    count("events.duplicate", channel);
                    LOG.debugf("Event %s (%s) was already processed: acknowledged as a duplicate", p.event.id(), p.event.type());
                    p.ack();
                }
                case IN_PROGRESS -> alone.add(p);
            }
        }
        return claimed;
    }

    private void handleClaimed(String channel, List<Parsed> claimed, Set<Parsed> alone, Timer.Sample sample) {
        Map<EventHandler<?>, List<Parsed>> byHandler = new LinkedHashMap<>();
        claimed.forEach(p -> byHandler.computeIfAbsent(p.handler, h -> new ArrayList<>()).add(p));
        List<Parsed> done = new ArrayList<>(claimed.size());
        List<Parsed> failed = new ArrayList<>();
        byHandler.forEach((handler, events) -> {
            List<RuntimeException> failures = handleAll(handler, events);
            for (int i = 0; i < events.size(); i++) {
                events.get(i).failure = failures.get(i);
                (failures.get(i) == null ? done : failed).add(events.get(i));
            }
        });
        if (!failed.isEmpty()) {
            processedEvents.releaseAll(failed.stream().map(p -> p.event.id()).toList());
            alone.addAll(failed);
        }
        if (done.isEmpty()) {
            return;
        }
        try {
            processedEvents.markAllDone(done.stream().map(p -> p.event.id()).toList());
        } catch (TransientEventException e) {
            // the work is done: acknowledge anyway; the claims' leases expire and a redelivery would redo it once
            LOG.warnf("%d events processed but not recorded as done: %s", done.size(), e.getMessage());
        }
        registry.counter("events.succeeded", "channel", channel).increment(done.size());
        Timer succeeded = registry.timer("events.processing", "channel", channel, "outcome", "succeeded");
        for (Parsed p : done) {
            p.ack();
            sample.stop(succeeded);
        }
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static List<RuntimeException> handleAll(EventHandler handler, List<Parsed> events) {
        List<CloudEvent<?>> data = events.stream().<CloudEvent<?>> map(p -> p.event).toList();
        try {
            List<RuntimeException> failures = handler.handleAll(data);
            if (failures != null && failures.size() == events.size()) {
                return failures;
            }
            IllegalStateException wrong = new IllegalStateException(handler.getClass().getName() + ".handleAll answered "
                    + (failures == null ? "null" : failures.size() + " results") + " for " + events.size() + " events");
            return Collections.nCopies(events.size(), wrong);
        } catch (RuntimeException e) {
            return Collections.nCopies(events.size(), e);
        }
    }

    /** A message of a batch, parsed, with its handler. */
    private static final class Parsed {
        final Message<?> message;
        final CloudEvent<?> event;
        final EventHandler<?> handler;
        boolean acked;
        /** What its attempt in the batch failed with. */
        RuntimeException failure;

        Parsed(Message<?> message, CloudEvent<?> event, EventHandler<?> handler) {
            this.message = message;
            this.event = event;
            this.handler = handler;
        }

        void ack() {
            acked = true;
            message.ack();
        }
    }

    /** @return true when the handler did the work, false for a duplicate */
    private <T> boolean processWithRetries(String channel, CloudEvent<JsonNode> parsed, EventHandler<T> handler,
            RuntimeException failedOnce) {
        CloudEvent<T> event = parser.withData(parsed, handler.dataType());
        int attempt = 1;
        if (failedOnce != null) {
            // the first attempt was made in a batch
            retryAfter(channel, event, attempt++, failedOnce);
        }
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
                retryAfter(channel, event, attempt, e);
                attempt++;
            }
        }
    }

    /** After a failed attempt: a permanent failure or the last attempt is thrown, else the backoff is waited out. */
    private void retryAfter(String channel, CloudEvent<?> event, int attempt, RuntimeException e) {
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
