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
