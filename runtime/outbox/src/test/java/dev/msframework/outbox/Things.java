package dev.msframework.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.agroal.api.AgroalDataSource;

import dev.msframework.contract.CloudEvent;

/** A data service in miniature: writes a thing and its event in one transaction, as the data-postgres service does. */
@ApplicationScoped
public class Things {

    /** The payload of the test events. */
    public record Thing(String name, int size) {
    }

    @Inject
    Outbox outbox;

    @Inject
    AgroalDataSource dataSource;

    /** Inserts the thing and adds its event; both commit. */
    @Transactional
    public CloudEvent<Thing> create(String type, Thing thing) {
        insert(thing.name());
        return outbox.add(type, thing);
    }

    /** Inserts {@code count} things and their events, in this order, in one transaction. */
    @Transactional
    public List<CloudEvent<Thing>> createMany(String type, String prefix, int count) {
        List<CloudEvent<Thing>> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Thing thing = new Thing(prefix + i, i);
            insert(thing.name());
            events.add(outbox.add(type, thing));
        }
        return events;
    }

    /** Inserts the thing and adds its event (handed to {@code added}), then fails: the transaction rolls back. */
    @Transactional
    public void createThenFail(String type, Thing thing, Consumer<CloudEvent<Thing>> added) {
        insert(thing.name());
        added.accept(outbox.add(type, thing));
        throw new IllegalStateException("the write fails after its event was added");
    }

    /** Things of that name in the database (committed ones: outside a transaction). */
    public long count(String name) {
        return Rows.count(dataSource, "select count(*) from thing where name = ?", name);
    }

    private void insert(String name) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("insert into thing (name) values (?)")) {
            insert.setString(1, name);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Plain queries of the tests. */
    static final class Rows {

        private Rows() {
        }

        static long count(AgroalDataSource dataSource, String sql, String parameter) {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement query = connection.prepareStatement(sql)) {
                query.setString(1, parameter);
                try (ResultSet result = query.executeQuery()) {
                    result.next();
                    return result.getLong(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
