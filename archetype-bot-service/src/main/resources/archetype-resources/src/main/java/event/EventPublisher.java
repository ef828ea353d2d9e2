package ${package}.event;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.msframework.contract.CloudEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;

/**
 * Publishes events to the exchange {@code ${appName}.events} (channel {@value #CHANNEL}):
 * a CloudEvent in structured JSON, routing key = event type, persistent, confirmed by the broker.
 */
@ApplicationScoped
public class EventPublisher {

    public static final String CHANNEL = "events";

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);

    private final MutinyEmitter<byte[]> emitter;
    private final ObjectMapper mapper;
    private final String source;

    EventPublisher(@Channel(CHANNEL) MutinyEmitter<byte[]> emitter, ObjectMapper mapper,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.emitter = emitter;
        this.mapper = mapper;
        this.source = "/${appName}/" + service;
    }

    /** Publishes the event {@code type} carrying {@code data}; a broker that cannot take it is logged, the write stands anyway. */
    public <T> void publish(String type, T data) {
        CloudEvent<T> event = CloudEvent.of(source, type, data);
        OutgoingRabbitMQMetadata metadata = new OutgoingRabbitMQMetadata.Builder()
                .withRoutingKey(event.type())
                .withContentType(CloudEvent.CONTENT_TYPE)
                .withMessageId(event.id())
                .withDeliveryMode(2)
                .build();
        try {
            emitter.sendMessageAndAwait(Message.of(mapper.writeValueAsBytes(event), Metadata.of(metadata)));
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.errorf(e, "Event %s (%s) not published", event.id(), event.type());
        }
    }
}
