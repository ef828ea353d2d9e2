package ${package}.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.mongodb.MongoTimeoutException;

import io.quarkus.runtime.StartupEvent;

/**
 * Creates the indexes declared in {@link ${entity}Activity} when the service starts (creating an existing index
 * is a no-op). An unreachable MongoDB stops the start-up here, with a message saying what to do.
 */
@ApplicationScoped
public class ${entity}ActivityIndexes {

    private static final Logger LOG = Logger.getLogger(${entity}ActivityIndexes.class);

    void createIndexes(@Observes StartupEvent event) {
        try {
            var names = ${entity}Activity.mongoCollection().createIndexes(${entity}Activity.INDEXES);
            LOG.infof("Indexes of collection %s: %s", ${entity}Activity.COLLECTION, names);
        } catch (MongoTimeoutException e) {
            throw new IllegalStateException("MongoDB is not reachable, so the indexes of collection "
                    + ${entity}Activity.COLLECTION + " cannot be created. Start MongoDB or point "
                    + "QUARKUS_MONGODB_CONNECTION_STRING at one (in dev and tests without it, Dev Services needs Docker). "
                    + "Cause: " + e.getMessage(), e);
        }
    }
}
