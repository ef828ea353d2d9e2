package ${package}.event;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;

import dev.msframework.contract.CloudEvent;

/**
 * Publishes a CloudEvent after the data service confirmed a write: to the topic exchange
 * {@code ${appName}.events}, routing key = event type, persistent (delivery mode 2), broker-confirmed.
 *
 * <p>Guarantee: at most once, never silently lost. The write is already committed when the event is sent,
 * so a failed publish does not fail the request; every event the broker does not confirm within
 * {@code api.events.confirm-timeout} (broker down, buffer full, channel failed, or the service stopping
 * first) is logged at ERROR with its whole body (to be replayed from the logs; consumers deduplicate by
 * event id, so a late delivery does no harm) and counted in {@code events_failed_total}. Published events count in {@code events_published_total}
 * (both tagged with the event type).
 */
@ApplicationScoped
public class EventPublisher {

    static final String SOURCE = "/${appName}/${artifactId}";
    static final String PUBLISHED = "events.published";
    static final String FAILED = "events.failed";

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);

    @Inject
    @Channel("events")
    Emitter<String> emitter;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "api.events.confirm-timeout", defaultValue = "10S")
    Duration confirmTimeout;

    /** Events sent but not yet confirmed by the broker, by id. */
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    private record Pending(String type, String body) {
    }

    /** Publishes the event {@code type} (one of an entity's {@code <Entity>Events}) carrying {@code data}. */
    public <T> void publish(String type, T data) {
        CloudEvent<T> event = CloudEvent.of(SOURCE, type, data);
        String body;
        try {
            body = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            failed(type, event.id(), String.valueOf(data), e.toString());
            return;
        }
        OutgoingRabbitMQMetadata rabbit = OutgoingRabbitMQMetadata.builder()
                .withRoutingKey(type)
                .withDeliveryMode(2)
                .withContentType(CloudEvent.CONTENT_TYPE)
                .withMessageId(event.id())
                .withType(type)
                .build();
        CompletableFuture<Void> confirmed = new CompletableFuture<>();
        Message<String> message = Message.of(body, Metadata.of(rabbit))
                .withAck(() -> {
                    confirmed.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(reason -> {
                    confirmed.completeExceptionally(reason);
                    return CompletableFuture.completedFuture(null);
                });
        pending.put(event.id(), new Pending(type, body));
        confirmed.orTimeout(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((ok, error) -> {
            if (pending.remove(event.id()) == null) {
                return;
            }
            if (error == null) {
                registry.counter(PUBLISHED, "type", type).increment();
            } else {
                failed(type, event.id(), body, String.valueOf(error));
            }
        });
        try {
            emitter.send(message);
        } catch (RuntimeException e) {
            confirmed.completeExceptionally(e);
        }
    }

    /** Events still unconfirmed when the service stops are reported like any other failure. */
    @PreDestroy
    void reportUnconfirmed() {
        pending.forEach((id, event) -> {
            if (pending.remove(id) != null) {
                failed(event.type(), id, event.body(), "the service stopped first");
            }
        });
    }

    private void failed(String type, String id, String body, String reason) {
        registry.counter(FAILED, "type", type).increment();
        LOG.errorf("Event %s (%s) was not confirmed by the broker (%s); the write it reports is committed. Event: %s",
                id, type, reason, body);
    }
}
