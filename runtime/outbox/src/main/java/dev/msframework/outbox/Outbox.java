package dev.msframework.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;

import dev.msframework.contract.CloudEvent;

/**
 * The transactional outbox: {@link #add} writes a CloudEvent into the table {@code event_outbox} in the caller's
 * transaction, beside the entity it reports; {@link OutboxRelay} publishes it to RabbitMQ once that transaction has
 * committed, and deletes it when the broker has confirmed it.
 *
 * <p>Guarantee: every committed write produces its event at least once (a crash between the broker's confirm and the
 * delete publishes it again: consumers deduplicate by event id); a write that rolls back produces none.
 *
 * <p>The table is created by the Flyway migration that this library ships in {@code db/outbox}: add that location to
 * {@code quarkus.flyway.locations}. The rows go through the default datasource's JTA-enlisted connection: plain JDBC.
 */
@ApplicationScoped
public class Outbox {

    static final String TABLE = "event_outbox";

    private static final String INSERT = "insert into " + TABLE + " (event_id, type, body, traceparent) values (?, ?, ?, ?)";

    /** Marks a transaction whose commit already wakes the relay: one wake-up per transaction, however many events. */
    private static final String WAKE_UP = Outbox.class.getName() + ".wake-up";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper json;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    OutboxRelay relay;

    @Inject
    OutboxConfig config;

    /**
     * Writes the event {@code type} carrying {@code data} into the outbox, in the current transaction: it is published
     * if and only if that transaction commits. Outside a transaction this fails ({@code TransactionalException} caused by
     * {@code TransactionRequiredException}): an event without its write would be a lie.
     *
     * @param type the CloudEvent type, e.g. {@code <entity>.created}; also the routing key
     * @param data the payload, serialised with the application's {@link ObjectMapper}
     * @return the event as it will be published (its id is the message id)
     * @throws OutboxException if the event cannot be serialised or written; the transaction then rolls back
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> CloudEvent<T> add(String type, T data) {
        Objects.requireNonNull(type, "type");
        CloudEvent<T> event = CloudEvent.of(config.source(), type, data);
        String body;
        try {
            body = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new OutboxException("The event " + type + " cannot be serialised as JSON", e);
        }
        // the JTA-enlisted connection: closing it here hands it back to the transaction, which commits or rolls back
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, event.id());
            insert.setString(2, type);
            insert.setString(3, body);
            insert.setString(4, TraceParent.ofCurrentSpan());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new OutboxException("The event " + type + " cannot be written to the outbox", e);
        }
        wakeRelayAfterCommit();
        return event;
    }

    private void wakeRelayAfterCommit() {
        if (transactions.getResource(WAKE_UP) != null
                || transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            // already registered; or marked for rollback, so that nothing will be committed to wake the relay for
            return;
        }
        transactions.putResource(WAKE_UP, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wakeUp();
                }
            }
        });
    }
}
