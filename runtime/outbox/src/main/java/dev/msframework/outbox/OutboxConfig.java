package dev.msframework.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The outbox and its relay. Every key has its default here; a service sets in its {@code application.properties} only
 * what it changes, e.g. {@code outbox.batch-size=500}.
 */
@ConfigMapping(prefix = "outbox")
public interface OutboxConfig {

    /** The CloudEvents {@code source} of the events that {@link Outbox#add} writes: a URI reference of the producer. */
    @WithDefault("/${quarkus.application.name}")
    String source();

    /**
     * How long the relay waits for a wake-up before it looks at the table anyway (rows written by another instance, or
     * left by a failed attempt); also its pause after a failed attempt, so that a broker outage does not make it spin.
     */
    @WithDefault("1S")
    Duration pollInterval();

    /** Rows published, confirmed and deleted in one transaction; a full batch is followed by the next one at once. */
    @WithDefault("100")
    int batchSize();

    /** How long the relay waits for the broker's publisher confirms of a batch; the rows not confirmed by then stay. */
    @WithDefault("10S")
    Duration confirmTimeout();

    /** {@code false}: the relay does not run ({@link Outbox#add} still writes rows), e.g. for tests that read the table. */
    @WithDefault("true")
    boolean enabled();
}
