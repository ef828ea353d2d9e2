package dev.msframework.outbox;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Context;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;

import dev.msframework.contract.CloudEvent;

/**
 * Publishes the rows of the outbox ({@link Outbox}) on the channel {@code events} (RabbitMQ, publisher confirms) and
 * deletes them once the broker has confirmed them. One loop on a thread of its own, from startup to shutdown:
 * <ol>
 * <li>wait for a commit that added events ({@link #wakeUp}) or {@code outbox.poll-interval};</li>
 * <li>in a new transaction, lock up to {@code outbox.batch-size} rows in order ({@code for update skip locked}: several
 * instances share the table), send each one (routing key = type, persistent, content type
 * {@value CloudEvent#CONTENT_TYPE}, message id = event id, the writer's trace), wait up to
 * {@code outbox.confirm-timeout} for the broker's confirms, delete the confirmed rows, commit;</li>
 * <li>a full batch is followed by the next one at once; after a failed attempt the relay pauses for the poll
 * interval.</li>
 * </ol>
 * A row that is not confirmed (nack, timeout, broker down, channel failed) stays and is sent again: at least once, in
 * order of writing except for such retries. The first failed attempt logs one WARN, the first attempt that works again
 * one INFO. Metrics: {@code events.published} (tag {@code type}) counts confirmed events, {@code outbox.publish.failures}
 * the events not confirmed in an attempt (plus one per attempt that failed as a whole, e.g. the database unreachable),
 * the gauge {@code outbox.pending} the rows waiting.
 *
 * <p>{@code outbox.enabled=false}: the relay does not run; {@link Outbox#add} still writes rows.
 */
@ApplicationScoped
public class OutboxRelay {

    static final String PUBLISHED = "events.published";
    static final String FAILURES = "outbox.publish.failures";
    static final String PENDING = "outbox.pending";

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private static final String SELECT = "select position, event_id, type, body, traceparent from " + Outbox.TABLE
            + " order by position limit ? for update skip locked";
    private static final String DELETE = "delete from " + Outbox.TABLE + " where position = any(?)";
    private static final String COUNT = "select count(*) from " + Outbox.TABLE;

    @Inject
    @Channel("events")
    Emitter<String> emitter;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    OutboxConfig config;

    @Inject
    MeterRegistry registry;

    private final Semaphore wakeUps = new Semaphore(0);
    private final CountDownLatch stopping = new CountDownLatch(1);
    /** Sends of earlier batches that the broker had not confirmed in time and that are still under way in the connector. */
    private final Queue<Leftover> leftovers = new ConcurrentLinkedQueue<>();
    private volatile boolean running;
    private volatile Thread thread;
    private Counter failures;

    // the loop's own state
    private boolean failing;
    private long failedAttempts;

    private record Row(long position, String eventId, String type, String body, String traceparent) {
    }

    private record Leftover(CompletableFuture<Void> confirm, long sentAt) {
    }

    /** What an attempt did: rows locked, types of the confirmed ones, how many were not confirmed and why. */
    private record Attempt(int rows, List<String> confirmedTypes, int unconfirmed, String failure, Throwable error) {

        static final Attempt NOTHING = new Attempt(0, List.of(), 0, null, null);

        static Attempt failed(String reason) {
            return new Attempt(0, List.of(), 0, reason, null);
        }

        static Attempt failed(Throwable error) {
            return new Attempt(0, List.of(), 0, String.valueOf(error), error);
        }

        boolean isFailure() {
            return failure != null;
        }
    }

    void start(@Observes StartupEvent event) {
        if (config.batchSize() < 1 || config.confirmTimeout().isNegative() || config.confirmTimeout().isZero()
                || config.pollInterval().isNegative() || config.pollInterval().isZero()) {
            throw new IllegalStateException("outbox.batch-size, outbox.confirm-timeout and outbox.poll-interval must be"
                    + " positive");
        }
        failures = registry.counter(FAILURES);
        Gauge.builder(PENDING, this, OutboxRelay::pendingRows)
                .description("Events in the outbox, not yet confirmed by the broker")
                .strongReference(true)
                .register(registry);
        if (!config.enabled()) {
            LOG.info("The outbox relay is disabled (outbox.enabled=false): events stay in the outbox");
            return;
        }
        running = true;
        Thread relay = new Thread(this::run, "outbox-relay");
        relay.setDaemon(true);
        thread = relay;
        relay.start();
    }

    /** Looks at the outbox now rather than at the next poll: called once a transaction that added events commits. */
    public void wakeUp() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    /** Stops before the messaging channels: the batch under way finishes (its confirms, its delete), no new one starts. */
    void stop(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        halt();
    }

    @PreDestroy
    void halt() {
        Thread relay = thread;
        if (relay == null) {
            return;
        }
        thread = null;
        running = false;
        stopping.countDown();
        wakeUps.release();
        try {
            relay.join(config.confirmTimeout().plusSeconds(5).toMillis());
            if (relay.isAlive()) {
                LOG.warn("The outbox relay did not stop in time: interrupting it, its batch stays in the outbox");
                relay.interrupt();
                relay.join(TimeUnit.SECONDS.toMillis(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        LOG.debugf("The outbox relay runs: batches of %d, poll every %s", config.batchSize(), config.pollInterval());
        while (running) {
            Attempt attempt;
            try {
                attempt = relayBatch();
            } catch (Throwable e) {
                failures.increment();
                attempt = Attempt.failed(e);
            }
            report(attempt);
            if (!running) {
                break;
            }
            try {
                if (attempt.isFailure()) {
                    // no spinning on a broker or database outage; the wake-ups of the meantime are kept
                    stopping.await(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                } else if (attempt.rows() < config.batchSize()) {
                    wakeUps.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                break;
            }
        }
        LOG.debug("The outbox relay stopped");
    }

    /** One attempt: a batch published, confirmed and deleted in one transaction; the metrics once it committed. */
    private Attempt relayBatch() {
        String stalled = stalled();
        if (stalled != null) {
            return Attempt.failed(stalled);
        }
        int timeout = (int) Math.max(60, config.confirmTimeout().toSeconds() + 30);
        Attempt attempt = QuarkusTransaction.requiringNew().timeout(timeout).call(this::publishBatch);
        Map<String, Integer> published = new LinkedHashMap<>();
        attempt.confirmedTypes().forEach(type -> published.merge(type, 1, Integer::sum));
        published.forEach((type, count) -> registry.counter(PUBLISHED, "type", type).increment(count));
        if (attempt.unconfirmed() > 0) {
            failures.increment(attempt.unconfirmed());
        }
        return attempt;
    }

    private Attempt publishBatch() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            List<Row> rows = lock(connection);
            if (rows.isEmpty()) {
                return Attempt.NOTHING;
            }
            List<CompletableFuture<Void>> confirms = send(rows);
            awaitConfirms(confirms);

            List<Long> confirmed = new ArrayList<>(rows.size());
            List<String> confirmedTypes = new ArrayList<>(rows.size());
            String failure = null;
            long now = System.nanoTime();
            for (int i = 0; i < rows.size(); i++) {
                CompletableFuture<Void> confirm = confirms.get(i);
                if (!confirm.isDone()) {
                    leftovers.add(new Leftover(confirm, now));
                    failure = failure != null ? failure
                            : "no publisher confirm within " + config.confirmTimeout();
                } else if (confirm.isCompletedExceptionally()) {
                    failure = failure != null ? failure : reason(confirm);
                } else {
                    confirmed.add(rows.get(i).position());
                    confirmedTypes.add(rows.get(i).type());
                }
            }
            delete(connection, confirmed);
            return new Attempt(rows.size(), confirmedTypes, rows.size() - confirmed.size(), failure, null);
        }
    }

    private List<Row> lock(Connection connection) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setInt(1, config.batchSize());
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getLong(1), result.getString(2), result.getString(3), result.getString(4),
                            result.getString(5)));
                }
            }
        }
        return rows;
    }

    /** Sends the rows in order; once the emitter refuses one (channel failed, buffer full) the rest is not tried. */
    private List<CompletableFuture<Void>> send(List<Row> rows) {
        List<CompletableFuture<Void>> confirms = new ArrayList<>(rows.size());
        RuntimeException refused = null;
        for (Row row : rows) {
            CompletableFuture<Void> confirm = new CompletableFuture<>();
            confirms.add(confirm);
            if (refused != null) {
                confirm.completeExceptionally(refused);
                continue;
            }
            try {
                emitter.send(message(row, confirm));
            } catch (RuntimeException e) {
                refused = e;
                confirm.completeExceptionally(e);
            }
        }
        return confirms;
    }

    private Message<String> message(Row row, CompletableFuture<Void> confirm) {
        OutgoingRabbitMQMetadata.Builder rabbit = OutgoingRabbitMQMetadata.builder()
                .withRoutingKey(row.type())
                .withDeliveryMode(2)
                .withContentType(CloudEvent.CONTENT_TYPE)
                .withMessageId(row.eventId())
                .withType(row.type());
        Metadata metadata;
        Context writer = TraceParent.toContext(row.traceparent());
        if (writer != null) {
            // without tracing in the service the header is the writer's; with it, the connector's span (a child of
            // the writer's, thanks to the TracingMetadata) replaces it
            rabbit.withHeader(TraceParent.HEADER, row.traceparent());
            metadata = Metadata.of(rabbit.build(), TracingMetadata.withCurrent(writer));
        } else {
            metadata = Metadata.of(rabbit.build());
        }
        return Message.of(row.body(), metadata)
                .withAck(() -> {
                    confirm.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(reason -> {
                    confirm.completeExceptionally(reason);
                    return CompletableFuture.completedFuture(null);
                });
    }

    private void awaitConfirms(List<CompletableFuture<Void>> confirms) {
        try {
            CompletableFuture.allOf(confirms.toArray(CompletableFuture[]::new))
                    .get(config.confirmTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // each confirm tells its own outcome
        } catch (InterruptedException e) {
            // stopping in a hurry: what is confirmed is deleted, the rest stays
            Thread.currentThread().interrupt();
        }
    }

    private void delete(Connection connection, List<Long> positions) throws SQLException {
        if (positions.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement(DELETE)) {
            Array array = connection.createArrayOf("bigint", positions.toArray());
            delete.setArray(1, array);
            delete.executeUpdate();
        }
    }

    /**
     * While a batch worth of earlier sends is still under way in the connector (it holds them while the broker is
     * unreachable, and publishes them when it is back), sending the same rows once more would only pile up duplicates.
     * A send unresolved for six confirm timeouts is given up.
     */
    private String stalled() {
        long horizon = System.nanoTime() - config.confirmTimeout().multipliedBy(6).toNanos();
        leftovers.removeIf(leftover -> leftover.confirm().isDone() || leftover.sentAt() - horizon < 0);
        int waiting = leftovers.size();
        if (waiting >= config.batchSize()) {
            return waiting + " events sent earlier are still waiting for the broker's confirm";
        }
        return null;
    }

    private void report(Attempt attempt) {
        if (attempt.isFailure()) {
            failedAttempts++;
            if (!failing) {
                failing = true;
                LOG.warnf(attempt.error(), "Publishing the outbox fails (%s): the events stay in %s and are sent again"
                        + " every %s until the broker confirms them", attempt.failure(), Outbox.TABLE,
                        config.pollInterval());
            } else {
                LOG.debugf("Publishing the outbox still fails (%s)", attempt.failure());
            }
        } else if (failing) {
            failing = false;
            LOG.infof("Publishing the outbox works again, after %d failed attempts", failedAttempts);
            failedAttempts = 0;
        }
    }

    private static String reason(CompletableFuture<Void> confirm) {
        try {
            confirm.join();
            return null;
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return "not confirmed: " + cause;
        }
    }

    /** The rows waiting in the outbox (all instances'), for the gauge: read when the metrics are. */
    double pendingRows() {
        try (Connection connection = dataSource.getConnection(); Statement count = connection.createStatement()) {
            count.setQueryTimeout(5);
            try (ResultSet result = count.executeQuery(COUNT)) {
                return result.next() ? result.getLong(1) : Double.NaN;
            }
        } catch (SQLException e) {
            return Double.NaN;
        }
    }
}
