package dev.msframework.outbox;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import dev.msframework.test.RabbitConnections;

/**
 * What the outbox tests share: the real RabbitMQ (the test's own exchange, queues that each test declares and binds,
 * exclusive, gone with the connection), the outbox table, the relay's metrics and log.
 */
abstract class OutboxTestSupport {

    static final String EXCHANGE = "msframework-outbox-test.events";
    static final Duration WAIT = Duration.ofSeconds(20);

    final ObjectMapper json = new ObjectMapper();

    @Inject
    Things things;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    Connection rabbit;
    Channel channel;

    @BeforeEach
    void connect() throws Exception {
        rabbit = RabbitConnections.factory().newConnection("msframework-outbox-test");
        channel = rabbit.createChannel();
        channel.exchangeDeclare(EXCHANGE, "topic", true);
    }

    @AfterEach
    void disconnect() throws Exception {
        if (rabbit != null) {
            rabbit.close();
        }
    }

    /** A queue of this test bound to the exchange with {@code routingKey}: it gets every event of that type. */
    String bind(String routingKey) throws Exception {
        return bind(routingKey, Map.of());
    }

    String bind(String routingKey, Map<String, Object> arguments) throws Exception {
        String queue = channel.queueDeclare("", false, true, true, arguments).getQueue();
        channel.queueBind(queue, EXCHANGE, routingKey);
        return queue;
    }

    /** Waits until {@code queue} has delivered {@code count} messages in all, and returns them in order. */
    List<GetResponse> receive(String queue, int count) {
        List<GetResponse> received = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            for (GetResponse message = channel.basicGet(queue, true); message != null; message = channel
                    .basicGet(queue, true)) {
                received.add(message);
            }
            return received.size() >= count;
        });
        return received;
    }

    /** The messages that are in {@code queue} now. */
    List<GetResponse> drain(String queue) throws Exception {
        List<GetResponse> received = new ArrayList<>();
        for (GetResponse message = channel.basicGet(queue, true); message != null; message = channel.basicGet(queue,
                true)) {
            received.add(message);
        }
        return received;
    }

    JsonNode body(GetResponse message) throws Exception {
        return json.readTree(new String(message.getBody(), StandardCharsets.UTF_8));
    }

    /** Rows of the outbox for that event. */
    long outboxRows(String eventId) {
        return Things.Rows.count(dataSource, "select count(*) from event_outbox where event_id = ?", eventId);
    }

    long outboxRowsOfType(String type) {
        return Things.Rows.count(dataSource, "select count(*) from event_outbox where type = ?", type);
    }

    double published(String type) {
        Counter counter = registry.find(OutboxRelay.PUBLISHED).tag("type", type).counter();
        return counter == null ? 0 : counter.count();
    }

    double failures() {
        Counter counter = registry.find(OutboxRelay.FAILURES).counter();
        return counter == null ? 0 : counter.count();
    }

    double pending() {
        Gauge gauge = registry.find(OutboxRelay.PENDING).gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }

    /** The records of one logger, from now until {@link #close}. */
    static final class CapturedLog extends Handler implements AutoCloseable {

        private final Logger logger;
        private final List<LogRecord> records = new CopyOnWriteArrayList<>();

        CapturedLog(Class<?> category) {
            logger = Logger.getLogger(category.getName());
            logger.addHandler(this);
        }

        /** Records at {@code level} whose message starts with {@code start}. */
        long count(Level level, String start) {
            return records.stream()
                    .filter(r -> r.getLevel().intValue() == level.intValue())
                    .filter(r -> r.getMessage() != null && r.getMessage().startsWith(start))
                    .count();
        }

        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
        }
    }
}
