package dev.msframework.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyCommands;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Remembers in Redis which events this service has processed, so that a redelivered or republished event
 * does its work once. Per event id one key {@code <service>:event:<id>}: {@value #PROCESSING} while a
 * consumer works on it (SET NX with a lease, so a crashed consumer does not block it for long), then
 * {@value #DONE} for {@code events.idempotency.ttl} (24 h). A failed attempt deletes the key again.
 * The lease ({@code events.idempotency.lease}, 30 s) is longer than one attempt of a handler takes at
 * most, so it only runs out when its consumer died mid-work; a redelivery then waits out the rest of it.
 * Redis being unreachable is a {@link TransientEventException}. The keys of a batch are set by one script (the
 * Redis of a generated system is one instance; on a Redis Cluster they would need one hash slot).
 */
@ApplicationScoped
public class ProcessedEvents {

    static final String PROCESSING = "processing";
    static final String DONE = "done";

    /** SET NX PX GET of every key (ARGV: value, expiry in ms); what each held before, '' when it was free. */
    private static final String CLAIM_ALL = """
            local previous = {}
            for i, key in ipairs(KEYS) do
                previous[i] = redis.call('SET', key, ARGV[1], 'NX', 'PX', ARGV[2], 'GET') or ''
            end
            return previous""";
    /** SET PX of every key (ARGV: value, expiry in ms). */
    private static final String SET_ALL = """
            for _, key in ipairs(KEYS) do
                redis.call('SET', key, ARGV[1], 'PX', ARGV[2])
            end
            return #KEYS""";

    /** What {@link #claim} found. */
    public enum Claim {
        /** This consumer owns the event now and must call {@link #markDone} or {@link #release}. */
        CLAIMED,
        /** Already processed: a duplicate. */
        DONE,
        /** Another consumer is processing it right now. */
        IN_PROGRESS
    }

    private final Redis redis;
    private final KeyCommands<String> keys;
    private final String keyPrefix;
    private final Duration ttl;
    private final Duration lease;

    public ProcessedEvents(RedisDataSource redis,
            @ConfigProperty(name = "quarkus.application.name") String service,
            EventsConfig config) {
        this.redis = redis.getReactive().getRedis();
        this.keys = redis.key(String.class);
        this.keyPrefix = service + ":event:";
        this.ttl = config.idempotency().ttl();
        this.lease = config.idempotency().lease();
    }

    /** Claims one event: {@link #claimAll} of one. */
    public Claim claim(String eventId) {
        return claimAll(List.of(eventId)).get(0);
    }

    /**
     * Claims several events in one round trip: one script sets the key of each that is free, as one SET NX PX GET
     * each (Redis 7+), and answers what each held before ('' for a free key, now claimed). One command, one answer:
     * a pipeline of one SET per event had the Redis client complete a promise, on another event loop, per answer
     * (decision 0046, addendum).
     *
     * @return what was found, per event id in order
     */
    public List<Claim> claimAll(List<String> eventIds) {
        List<Claim> found = new ArrayList<>(eventIds.size());
        for (Response previous : eachKey(CLAIM_ALL, eventIds, PROCESSING, lease)) {
            String value = previous.toString();
            found.add(value.isEmpty() ? Claim.CLAIMED : DONE.equals(value) ? Claim.DONE : Claim.IN_PROGRESS);
        }
        return found;
    }

    /** Marks one event done: {@link #markAllDone} of one. */
    public void markDone(String eventId) {
        markAllDone(List.of(eventId));
    }

    /** Marks several events done in one round trip (one script: SET PX for each). */
    public void markAllDone(List<String> eventIds) {
        eachKey(SET_ALL, eventIds, DONE, ttl);
    }

    /** Forgets a failed attempt, so that the next delivery processes the event again. Best effort. */
    public void release(String eventId) {
        releaseAll(List.of(eventId));
    }

    /** Forgets several failed attempts in one round trip. Best effort. */
    public void releaseAll(List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return;
        }
        Request del = Request.cmd(Command.DEL);
        eventIds.forEach(eventId -> del.arg(key(eventId)));
        try {
            send(del);
        } catch (TransientEventException e) {
            // the leases expire by themselves
        }
    }

    /** Runs the script with the key of each event, the value and the expiry as its arguments. */
    private Response eachKey(String script, List<String> eventIds, String value, Duration expiry) {
        Request eval = Request.cmd(Command.EVAL).arg(script).arg(eventIds.size());
        eventIds.forEach(eventId -> eval.arg(key(eventId)));
        return send(eval.arg(value).arg(expiry.toMillis()));
    }

    private Response send(Request request) {
        try {
            // a claim that waits longer than its lease would be worthless
            return redis.send(request).await().atMost(lease);
        } catch (RuntimeException e) {
            throw new TransientEventException("Redis unavailable: " + EventFailures.describe(e), e);
        }
    }

    /** How long a claim lasts when its consumer neither finishes nor releases it. */
    public Duration lease() {
        return lease;
    }

    /**
     * How long the claim another consumer holds on this event still lasts: zero when it is gone, at most
     * the configured lease.
     */
    public Duration leaseLeft(String eventId) {
        long millis;
        try {
            millis = keys.pttl(key(eventId));
        } catch (RuntimeException e) {
            throw new TransientEventException("Redis unavailable: " + EventFailures.describe(e), e);
        }
        // -2: no such key; -1: no expiry (not set by this class): treat it as a full lease
        return millis == -1 ? lease : Duration.ofMillis(Math.max(0, Math.min(millis, lease.toMillis())));
    }

    private String key(String eventId) {
        return keyPrefix + eventId;
    }
}
