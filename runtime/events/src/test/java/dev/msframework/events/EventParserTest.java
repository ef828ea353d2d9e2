package dev.msframework.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.json.JsonObject;

import dev.msframework.contract.CloudEvent;

/** The parser on its own, with a data class of its own: no entity needed. */
class EventParserTest {

    /** The data of the test events, as a handler declares it. */
    record Sample(Long id, long version, Instant createdAt) {
    }

    static final String VALID = """
            {"specversion":"1.0","id":"e-1","source":"/test","type":"sample.created",
             "time":"2030-01-01T10:00:00Z","datacontenttype":"application/json",
             "data":{"id":7,"version":3,"createdAt":"2030-01-01T09:00:00Z"},"extra":"ignored"}""";

    // as Quarkus configures the mapper: java.time support, unknown properties ignored
    EventParser parser = new EventParser(new ObjectMapper().findAndRegisterModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));

    @Test
    void parsesEveryPayloadForm() {
        for (Object payload : new Object[] { VALID, VALID.getBytes(StandardCharsets.UTF_8), new JsonObject(VALID) }) {
            CloudEvent<Sample> event = parser.withData(parser.parse(payload), Sample.class);
            assertEquals("e-1", event.id());
            assertEquals("sample.created", event.type());
            assertEquals("/test", event.source());
            assertEquals(Instant.parse("2030-01-01T10:00:00Z"), event.time().toInstant());
            assertEquals(7L, event.data().id());
            assertEquals(3L, event.data().version());
            assertEquals(Instant.parse("2030-01-01T09:00:00Z"), event.data().createdAt());
        }
    }

    @Test
    void readsTheEnvelopeOfAnyTypeAndLeavesTheDataForItsHandler() {
        // no data with an id: only the handler of the type would care, so parse() does not
        CloudEvent<JsonNode> event = parser.parse("""
                {"specversion":"1.0","id":"e-2","type":"other.happened","data":"anything"}""");
        assertEquals("other.happened", event.type());
        assertEquals("anything", event.data().asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "not json at all",
            "{\"specversion\":\"1.0\",",
            "null",
            "[1,2]",
            "{\"specversion\":\"0.3\",\"id\":\"e\",\"type\":\"sample.created\",\"data\":{\"id\":1}}",
            "{\"specversion\":\"1.0\",\"type\":\"sample.created\",\"data\":{\"id\":1}}",
            "{\"specversion\":\"1.0\",\"id\":\" \",\"type\":\"sample.created\",\"data\":{\"id\":1}}",
            "{\"specversion\":\"1.0\",\"id\":\"e\",\"data\":{\"id\":1}}",
            "{\"specversion\":\"1.0\",\"id\":\"e\",\"type\":\"\",\"data\":{\"id\":1}}",
            "{\"specversion\":\"1.0\",\"id\":\"e\",\"type\":\"sample.created\"}",
            "{\"specversion\":\"1.0\",\"id\":\"e\",\"type\":\"sample.created\",\"data\":null}",
            "{\"specversion\":\"1.0\",\"id\":\"e\",\"type\":\"sample.created\",\"data\":[1]}",
            "{\"specversion\":\"1.0\",\"id\":\"e\",\"type\":\"sample.created\",\"data\":{\"title\":\"no id\"}}",
            "{\"specversion\":\"1.0\",\"id\":\"e\",\"type\":\"sample.created\",\"data\":{\"id\":null}}",
            "{\"specversion\":\"1.0\",\"id\":\"e\",\"type\":\"sample.created\",\"data\":{\"id\":\"seven\"}}",
            "{\"specversion\":\"1.0\",\"id\":\"e\",\"type\":\"sample.created\",\"data\":{\"id\":1,\"createdAt\":\"yesterday\"}}" })
    void rejectsPoisonWithAReason(String body) {
        PoisonEventException e = assertThrows(PoisonEventException.class,
                () -> parser.withData(parser.parse(body), Sample.class));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
    }

    @Test
    void rejectsUnknownPayloadTypes() {
        assertThrows(PoisonEventException.class, () -> parser.parse(42));
        assertThrows(PoisonEventException.class, () -> parser.parse(null));
    }
}
