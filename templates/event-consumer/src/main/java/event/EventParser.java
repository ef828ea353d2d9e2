package ${package}.event;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import ${package}.contract.${entity}Dto;
import ${package}.contract.event.CloudEvent;
import ${package}.contract.event.${entity}Events;

/**
 * Reads a message body as a CloudEvent of ${entity}Events, or throws {@link PoisonEventException} saying
 * why it cannot be one. It never throws anything else, so a malformed message cannot stop a consumer.
 */
@ApplicationScoped
public class ${entity}EventParser {

    private static final TypeReference<CloudEvent<${entity}Dto>> EVENT_TYPE = new TypeReference<>() {
    };
    private static final String TYPE_PREFIX = ${entity}Events.ALL.substring(0, ${entity}Events.ALL.length() - 1);

    @Inject
    ObjectMapper mapper;

    public CloudEvent<${entity}Dto> parse(Object payload) {
        byte[] body = bytesOf(payload);
        if (body.length == 0) {
            throw new PoisonEventException("empty message body");
        }
        CloudEvent<${entity}Dto> event;
        try {
            event = mapper.readValue(body, EVENT_TYPE);
        } catch (IOException | RuntimeException e) {
            throw new PoisonEventException("not a JSON CloudEvent of ${entity}Events: " + EventFailures.describe(e), e);
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
        if (event.type() == null || !event.type().startsWith(TYPE_PREFIX)) {
            throw new PoisonEventException("event type '" + event.type() + "' is not one of " + ${entity}Events.ALL);
        }
        if (event.data() == null || event.data().id() == null) {
            throw new PoisonEventException("event " + event.id() + " has no data with an id");
        }
        return event;
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
