package dev.msframework.events;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.arc.Arc;
import io.quarkus.redis.datasource.RedisDataSource;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;

/**
 * Sends messages to the consumer's channel (in memory) and watches what becomes of them: acknowledged, rejected,
 * dead-lettered, and the handler's attempts.
 */
abstract class EventsTestSupport {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final String KEY_PREFIX = "msframework-events-test:event:";

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    ScriptedHandler handler;

    @Inject
    MeterRegistry registry;

    @Inject
    RedisDataSource redis;

    /** A message sent to the consumer, and what became of it. */
    record Delivery(byte[] body, CompletableFuture<Void> acked, CompletableFuture<Throwable> nacked) {

        Message<byte[]> message() {
            return Message.of(body, () -> {
                acked.complete(null);
                return CompletableFuture.completedFuture(null);
            }, failure -> {
                nacked.complete(failure);
                return CompletableFuture.completedFuture(null);
            });
        }

        boolean settled() {
            return acked.isDone() || nacked.isDone();
        }
    }

    @BeforeEach
    void resetHandlerAndDeadLetters() {
        handler.reset();
        deadLetterSink().clear();
    }

    @AfterAll
    static void forgetTheTestEvents() {
        RedisDataSource redis = Arc.container().instance(RedisDataSource.class).get();
        List<String> keys = redis.key(String.class).keys(KEY_PREFIX + "*");
        if (!keys.isEmpty()) {
            redis.key(String.class).del(keys.toArray(String[]::new));
        }
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }

    static String event(String id, String type) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/test/api-service\",\"type\":\"" + type
                + "\",\"time\":\"2026-01-02T03:04:05Z\",\"datacontenttype\":\"application/json\","
                + "\"data\":{\"id\":\"42\",\"name\":\"a thing\"}}";
    }

    Delivery send(String body) {
        Delivery delivery = new Delivery(body.getBytes(StandardCharsets.UTF_8), new CompletableFuture<>(),
                new CompletableFuture<>());
        connector.<Message<byte[]>> source(EventConsumer.CHANNEL).send(delivery.message());
        return delivery;
    }

    /** Sends and waits until the consumer acknowledged the message (never rejected it). */
    Delivery sendAndAwaitAck(String body) {
        Delivery delivery = send(body);
        await().atMost(WAIT).until(delivery::settled);
        assertTrue(delivery.acked().isDone(), "acknowledged");
        assertFalse(delivery.nacked().isDone(), "not rejected");
        return delivery;
    }

    InMemorySink<byte[]> deadLetterSink() {
        return connector.sink(DeadLetters.CHANNEL);
    }

    List<? extends Message<byte[]>> deadLetters() {
        return deadLetterSink().received();
    }

    static Object header(Message<?> message, String name) {
        return message.getMetadata(OutgoingRabbitMQMetadata.class).orElseThrow().getHeaders().get(name);
    }

    static String body(Message<byte[]> message) {
        return new String(message.getPayload(), StandardCharsets.UTF_8);
    }

    /** The value of the consumer's counter {@code name}. */
    double count(String name) {
        Counter counter = registry.find(name).tag("channel", EventConsumer.CHANNEL).counter();
        return counter == null ? 0 : counter.count();
    }

    /** How many events were timed with this outcome. */
    long timed(String outcome) {
        Timer timer = registry.find("events.processing").tags("channel", EventConsumer.CHANNEL, "outcome", outcome).timer();
        return timer == null ? 0 : timer.count();
    }

    String redisValue(String eventId) {
        return redis.value(String.class).get(KEY_PREFIX + eventId);
    }

    /** Milliseconds the event's key has left (negative: no key, or no expiry). */
    long pttl(String eventId) {
        return redis.key(String.class).pttl(KEY_PREFIX + eventId);
    }
}
