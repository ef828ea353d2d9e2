package dev.msframework.events;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;

import dev.msframework.events.ProcessedEvents.Claim;

/** The idempotency records in Redis, for one event and for a batch. */
@QuarkusTest
class ProcessedEventsTest extends EventsTestSupport {

    @Inject
    ProcessedEvents processedEvents;

    @Inject
    EventsConfig config;

    @Inject
    Vertx vertx;

    @Test
    void oneEventIsClaimedReleasedAndMarkedDone() {
        String id = newId();

        assertEquals(Claim.CLAIMED, processedEvents.claim(id));
        assertEquals(ProcessedEvents.PROCESSING, redisValue(id));
        assertEquals(Claim.IN_PROGRESS, processedEvents.claim(id), "another consumer's claim");

        processedEvents.release(id);
        assertNull(redisValue(id));

        assertEquals(Claim.CLAIMED, processedEvents.claim(id));
        processedEvents.markDone(id);
        assertEquals(ProcessedEvents.DONE, redisValue(id));
        assertEquals(Claim.DONE, processedEvents.claim(id), "a duplicate");
    }

    @Test
    void aBatchFindsWhatEachEventIs() {
        String claimed = newId();
        String done = newId();
        String fresh = newId();
        processedEvents.claim(claimed);
        processedEvents.claim(done);
        processedEvents.markDone(done);

        assertEquals(List.of(Claim.IN_PROGRESS, Claim.DONE, Claim.CLAIMED),
                processedEvents.claimAll(List.of(claimed, done, fresh)));
        long leaseMs = config.idempotency().lease().toMillis();
        long claimTtl = pttl(fresh);
        assertTrue(claimTtl > 0 && claimTtl <= leaseMs, "a claim lasts the lease: " + claimTtl);
        assertTrue(pttl(done) > leaseMs, "a duplicate's done mark is left as it was: " + pttl(done));

        processedEvents.markAllDone(List.of(claimed, fresh));
        long doneTtl = pttl(fresh);
        assertTrue(doneTtl > leaseMs && doneTtl <= config.idempotency().ttl().toMillis(), "done lasts the ttl: " + doneTtl);
        processedEvents.releaseAll(List.of(done));
        assertEquals(ProcessedEvents.DONE, redisValue(claimed));
        assertEquals(ProcessedEvents.DONE, redisValue(fresh));
        assertNull(redisValue(done));
    }

    @Test
    void redisUnavailableIsTransientExceptForReleasing() {
        Redis unreachable = Redis.createClient(vertx, "redis://127.0.0.1:1");
        try {
            ProcessedEvents down = new ProcessedEvents(dataSource(unreachable), "msframework-events-test", config);
            String id = newId();

            assertThrows(TransientEventException.class, () -> down.claim(id));
            assertThrows(TransientEventException.class, () -> down.claimAll(List.of(id)));
            assertThrows(TransientEventException.class, () -> down.markDone(id));
            assertThrows(TransientEventException.class, () -> down.markAllDone(List.of(id)));
            // best effort: the lease expires by itself
            assertDoesNotThrow(() -> down.release(id));
            assertDoesNotThrow(() -> down.releaseAll(List.of(id)));
        } finally {
            unreachable.close();
        }
    }

    /** A data source whose commands go to {@code redis} (the key commands, for leaseLeft only, are not there). */
    private static RedisDataSource dataSource(Redis redis) {
        ReactiveRedisDataSource reactive = (ReactiveRedisDataSource) Proxy.newProxyInstance(
                ProcessedEventsTest.class.getClassLoader(), new Class<?>[] { ReactiveRedisDataSource.class },
                (proxy, method, args) -> method.getName().equals("getRedis") ? redis : null);
        return (RedisDataSource) Proxy.newProxyInstance(ProcessedEventsTest.class.getClassLoader(),
                new Class<?>[] { RedisDataSource.class },
                (proxy, method, args) -> method.getName().equals("getReactive") ? reactive : null);
    }
}
