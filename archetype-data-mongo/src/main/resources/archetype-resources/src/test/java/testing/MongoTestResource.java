package ${package}.testing;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Chooses the MongoDB the tests (and the *IT against the packaged jar) talk to, in this order:
 * <ol>
 * <li>the server named by {@code QUARKUS_MONGODB_CONNECTION_STRING} (or {@code -Dquarkus.mongodb.connection-string}), when set;</li>
 * <li>Dev Services (a MongoDB container), when a Docker or Podman socket is found;</li>
 * <li>otherwise an embedded, in-memory MongoDB wire server (mongo-java-server) started here.</li>
 * </ol>
 * {@code -Dtest.mongodb=embedded} skips the first two. Tests use their own database, {@value #DATABASE}, and
 * short timeouts: a MongoDB that cannot be reached fails the start-up within seconds, never hangs.
 */
public class MongoTestResource implements QuarkusTestResourceLifecycleManager {

    static final String DATABASE = "${appName}-test";
    private static final Logger LOG = Logger.getLogger(MongoTestResource.class);

    private MongoServer server;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.mongodb.database", DATABASE);
        config.put("quarkus.mongodb.connect-timeout", "2s");
        config.put("quarkus.mongodb.server-selection-timeout", "3s");
        boolean embeddedOnly = "embedded".equals(System.getProperty("test.mongodb"));
        if (!embeddedOnly && connectionString() != null) {
            LOG.infof("Tests use the MongoDB of QUARKUS_MONGODB_CONNECTION_STRING, database %s", DATABASE);
            return config;
        }
        if (!embeddedOnly && dockerSocket() != null) {
            LOG.infof("Tests use a MongoDB started by Dev Services (container engine at %s)", dockerSocket());
            return config;
        }
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        String url = "mongodb://" + address.getHostString() + ":" + address.getPort();
        LOG.infof("Tests use an embedded MongoDB wire server at %s (%s)", url,
                embeddedOnly ? "-Dtest.mongodb=embedded" : "no QUARKUS_MONGODB_CONNECTION_STRING and no Docker");
        config.put("quarkus.mongodb.connection-string", url);
        config.put("quarkus.mongodb.devservices.enabled", "false");
        // one line per connection otherwise; its warnings (such as "index ... not yet implemented") stay
        config.put("quarkus.log.category.\"de.bwaldvogel.mongo\".level", "WARN");
        return config;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.shutdownNow();
        }
    }

    private static String connectionString() {
        String value = System.getenv("QUARKUS_MONGODB_CONNECTION_STRING");
        value = value == null || value.isBlank() ? System.getProperty("quarkus.mongodb.connection-string") : value;
        return value == null || value.isBlank() ? null : value;
    }

    /** Where Testcontainers would find a container engine; null when there is none. */
    private static String dockerSocket() {
        String dockerHost = System.getenv("DOCKER_HOST");
        if (dockerHost != null && !dockerHost.isBlank()) {
            return dockerHost;
        }
        List<Path> candidates = new ArrayList<>(List.of(Path.of("/var/run/docker.sock"),
                Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock")));
        String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        if (runtimeDir != null) {
            candidates.add(Path.of(runtimeDir, "docker.sock"));
            candidates.add(Path.of(runtimeDir, "podman", "podman.sock"));
        }
        return candidates.stream().filter(Files::exists).map(Path::toString).findFirst().orElse(null);
    }
}
