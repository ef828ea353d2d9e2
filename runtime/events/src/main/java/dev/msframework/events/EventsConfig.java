package dev.msframework.events;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How the event consumer retries and remembers events. Every key has its default here; a service sets in its
 * {@code application.properties} only what it changes, e.g. {@code events.retry.max-attempts=6}.
 */
@ConfigMapping(prefix = "events")
public interface EventsConfig {

    Retry retry();

    Idempotency idempotency();

    Batch batch();

    /**
     * The consumer takes the messages that arrive together as one batch: one round trip to Redis for their claims,
     * one {@link EventHandler#handleAll} call per handler, one round trip to mark them done.
     */
    interface Batch {
        /** The most messages of one batch (the prefetch, max-outstanding-messages, bounds it too). */
        @WithDefault("128")
        int maxSize();

        /** How long the first message of a batch waits for more. */
        @WithDefault("5ms")
        Duration maxWait();

        /** Batches processed at the same time (each on a thread of the worker pool). */
        @WithDefault("2")
        int concurrency();
    }

    /** A handler that fails transiently (a data service down, Redis unreachable) is retried with exponential backoff. */
    interface Retry {
        /** Attempts of one event before it is dead-lettered. */
        @WithDefault("4")
        int maxAttempts();

        /** Pause before the second attempt; it doubles with each attempt (plus up to 20 % jitter). */
        @WithDefault("500ms")
        Duration initialBackoff();

        /** The longest pause between two attempts. */
        @WithDefault("10s")
        Duration maxBackoff();

        /** Events processed on their own at a time: retried, or waiting for another consumer's claim. */
        @WithDefault("8")
        int concurrency();
    }

    /** The record of processed event ids in Redis ({@link ProcessedEvents}). */
    interface Idempotency {
        /** How long an event id is remembered as done: a redelivery within it does no work. */
        @WithDefault("24H")
        Duration ttl();

        /** How long a consumer's claim on an event lasts when it neither finishes nor releases it (it died). */
        @WithDefault("30S")
        Duration lease();
    }
}
