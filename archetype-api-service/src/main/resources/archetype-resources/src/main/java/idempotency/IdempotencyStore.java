package ${package}.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.redis.datasource.value.ValueCommands;

import dev.msframework.problem.Problem;

/**
 * Honours the {@code Idempotency-Key} header of a POST through Redis: the first request with a key runs and its
 * answer is kept for {@code api.idempotency.ttl} (24 h); a retry with the same key and body gets that answer
 * again (header {@code Idempotent-Replayed: true}) and runs nothing. Keys are per user. The same key with
 * another body is a 422; a retry while the first request still runs is a 409. A request that fails keeps no
 * record, so it can be retried.
 */
@ApplicationScoped
public class IdempotencyStore {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private static final Logger LOG = Logger.getLogger(IdempotencyStore.class);
    private static final String KEY_PREFIX = "${appName}:${artifactId}:idempotency:";

    private final ValueCommands<String, String> values;
    private final ObjectMapper json;
    private final Duration ttl;

    public IdempotencyStore(RedisDataSource redis, ObjectMapper json,
            @ConfigProperty(name = "api.idempotency.ttl", defaultValue = "24H") Duration ttl) {
        this.values = redis.value(String.class);
        this.json = json;
        this.ttl = ttl;
    }

    /** Runs {@code action} once per user and key; without a key it simply runs it. */
    public Response once(String user, String key, Object request, String instance, Supplier<Response> action) {
        if (key == null) {
            return action.get();
        }
        String redisKey = KEY_PREFIX + user + ":" + key;
        String fingerprint = fingerprint(request);
        String previous;
        try {
            String running = json.createObjectNode().put("state", "running").put("request", fingerprint).toString();
            previous = values.setGet(redisKey, running, new SetArgs().nx().px(ttl));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Idempotency store unavailable for key %s", key);
            return Problem.of(503, "Requests with an Idempotency-Key cannot be served right now; retry later or send the request without the key.",
                    instance).toResponse();
        }
        if (previous != null) {
            return replay(previous, fingerprint, instance);
        }
        Response response;
        try {
            response = action.get();
        } catch (RuntimeException e) {
            forget(redisKey);
            throw e;
        }
        remember(redisKey, fingerprint, response);
        return response;
    }

    private Response replay(String stored, String fingerprint, String instance) {
        JsonNode record = read(stored);
        if (!fingerprint.equals(record.path("request").asText())) {
            return Problem.of(422, "This Idempotency-Key was already used with a different request body.", instance).toResponse();
        }
        if ("running".equals(record.path("state").asText())) {
            return Problem.of(409, "A request with this Idempotency-Key is still being processed; retry later.", instance).toResponse();
        }
        Response.ResponseBuilder builder = Response.status(record.path("status").asInt())
                .type(MediaType.APPLICATION_JSON)
                .header(REPLAYED_HEADER, "true");
        if (record.hasNonNull("location")) {
            builder.header(HttpHeaders.LOCATION, record.get("location").asText());
        }
        if (record.hasNonNull("body")) {
            builder.entity(record.get("body"));
        }
        return builder.build();
    }

    private void remember(String redisKey, String fingerprint, Response response) {
        try {
            var record = json.createObjectNode()
                    .put("state", "done")
                    .put("request", fingerprint)
                    .put("status", response.getStatus());
            if (response.getLocation() != null) {
                record.put("location", response.getLocation().toString());
            }
            if (response.hasEntity()) {
                record.set("body", json.valueToTree(response.getEntity()));
            }
            values.set(redisKey, json.writeValueAsString(record), new SetArgs().px(ttl));
        } catch (RuntimeException | JsonProcessingException e) {
            // the write itself succeeded: answer it, and let a retry fail with 409 rather than create twice
            LOG.errorf(e, "Could not store the answer for Idempotency-Key record %s", redisKey);
        }
    }

    private void forget(String redisKey) {
        try {
            values.getdel(redisKey);
        } catch (RuntimeException e) {
            LOG.warnf(e, "Could not release Idempotency-Key record %s; it expires after %s", redisKey, ttl);
        }
    }

    private JsonNode read(String stored) {
        try {
            return json.readTree(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable Idempotency-Key record: " + stored, e);
        }
    }

    private String fingerprint(Object request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(request));
            return HexFormat.of().formatHex(digest);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot fingerprint the request", e);
        }
    }
}
