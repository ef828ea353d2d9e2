package dev.msframework.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;

/**
 * Puts a message that cannot be processed into the dead-letter queue, unchanged, with the reason in the
 * header {@value #REASON_HEADER} (and where it came from). The channel {@value #CHANNEL} publishes to the
 * dead-letter exchange with the DLQ's routing key and waits for the broker's confirm; only then is the
 * original acknowledged. Should that fail, the original is rejected and the broker dead-letters it itself
 * (without the reason): either way nothing is lost.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String CHANNEL = "dead-letters";
    public static final String REASON_HEADER = "x-dead-letter-reason";
    public static final String CONSUMER_HEADER = "x-dead-letter-consumer";
    public static final String FAILED_AT_HEADER = "x-dead-letter-time";
    public static final String ORIGINAL_EXCHANGE_HEADER = "x-original-exchange";
    public static final String ORIGINAL_ROUTING_KEY_HEADER = "x-original-routing-key";

    @Inject
    @Channel(CHANNEL)
    MutinyEmitter<byte[]> emitter;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    public CompletionStage<Void> send(Message<?> original, String reason) {
        Map<String, Object> headers = new HashMap<>();
        String contentType = "application/octet-stream";
        var incoming = original.getMetadata(IncomingRabbitMQMetadata.class);
        if (incoming.isPresent()) {
            headers.putAll(incoming.get().getHeaders());
            headers.put(ORIGINAL_EXCHANGE_HEADER, incoming.get().getExchange());
            headers.put(ORIGINAL_ROUTING_KEY_HEADER, incoming.get().getRoutingKey());
            contentType = incoming.get().getContentType().orElse(contentType);
        }
        headers.put(REASON_HEADER, reason);
        headers.put(CONSUMER_HEADER, service);
        headers.put(FAILED_AT_HEADER, Instant.now().toString());
        OutgoingRabbitMQMetadata metadata = new OutgoingRabbitMQMetadata.Builder()
                .withHeaders(headers)
                .withContentType(contentType)
                .withDeliveryMode(2)
                .build();
        return emitter.sendMessage(Message.of(body(original.getPayload()), Metadata.of(metadata)))
                .subscribeAsCompletionStage();
    }

    private static byte[] body(Object payload) {
        try {
            return EventParser.bytesOf(payload);
        } catch (PoisonEventException unsupported) {
            return String.valueOf(payload).getBytes(StandardCharsets.UTF_8);
        }
    }
}
