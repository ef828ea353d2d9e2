package dev.msframework.events;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import dev.msframework.contract.CloudEvent;

/**
 * Reads a message body as a CloudEvent in two steps: {@code parse} checks the envelope (any event type), then
 * {@code withData} reads the data as the class of the handler that takes the type. Both throw
 * {@link PoisonEventException} saying what is wrong, never anything else, so a malformed message cannot stop a
 * consumer. The data of every event of the system is an entity (or, for a deleted one, just its id): it must be a
 * JSON object with an {@code id}.
 */
@ApplicationScoped
public class EventParser {

    private static final TypeReference<CloudEvent<JsonNode>> ENVELOPE = new TypeReference<>() {
    };

    private final ObjectMapper mapper;
    /*
     * Readers made once, as Jackson advises for a hot path: ObjectMapper.readValue with a TypeReference resolves the
     * generic type again at every call (it showed in the consumers' CPU profiles), and a reader keeps its deserializer.
     */
    private final ObjectReader envelopeReader;
    private final Map<Class<?>, ObjectReader> dataReaders = new ConcurrentHashMap<>();

    @Inject
    public EventParser(ObjectMapper mapper) {
        this.mapper = mapper;
        this.envelopeReader = mapper.readerFor(ENVELOPE);
    }

    /** The CloudEvent in the message body, its data still JSON. */
    public CloudEvent<JsonNode> parse(Object payload) {
        byte[] body = bytesOf(payload);
        if (body.length == 0) {
            throw new PoisonEventException("empty message body");
        }
        CloudEvent<JsonNode> event;
        try {
            event = envelopeReader.readValue(body);
        } catch (IOException | RuntimeException e) {
            throw new PoisonEventException("not a JSON CloudEvent: " + EventFailures.describe(e), e);
        }
        if (event == null) {
            throw new PoisonEventException("message body is JSON null");
        }
        if (!CloudEvent.SPEC_VERSION.equals(event.specversion())) {
            throw new PoisonEventException("unsupported specversion '" + event.specversion() + "', expected " + CloudEvent.SPEC_VERSION);
        }
        if (event.id() == null || event.id().isBlank()) {
            throw new PoisonEventException("the event has no id");
        }
        if (event.type() == null || event.type().isBlank()) {
            throw new PoisonEventException("event " + event.id() + " has no type");
        }
        return event;
    }

    /** The event with its data read as {@code dataType}. */
    public <T> CloudEvent<T> withData(CloudEvent<JsonNode> event, Class<T> dataType) {
        JsonNode json = event.data();
        if (json == null || !json.isObject() || !json.hasNonNull("id")) {
            throw new PoisonEventException("event " + event.id() + " (" + event.type() + ") has no data with an id");
        }
        T data;
        try {
            data = dataReaders.computeIfAbsent(dataType, mapper::readerFor).readValue(json);
        } catch (IOException | RuntimeException e) {
            throw new PoisonEventException("the data of event " + event.id() + " (" + event.type() + ") is not a "
                    + dataType.getSimpleName() + ": " + EventFailures.describe(e), e);
        }
        return new CloudEvent<>(event.specversion(), event.id(), event.source(), event.type(), event.time(),
                event.datacontenttype(), data);
    }

    /** The raw bytes of a message payload as the connectors deliver it. */
    static byte[] bytesOf(Object payload) {
        if (payload == null) {
            return new byte[0];
        }
        if (payload instanceof byte[] bytes) {
            return bytes;
        }
        if (payload instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        if (payload instanceof Buffer buffer) {
            return buffer.getBytes();
        }
        if (payload instanceof JsonObject json) {
            return json.toBuffer().getBytes();
        }
        if (payload instanceof JsonArray json) {
            return json.toBuffer().getBytes();
        }
        throw new PoisonEventException("unsupported payload type " + payload.getClass().getName());
    }
}
