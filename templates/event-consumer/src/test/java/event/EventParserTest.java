package ${package}.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.json.JsonObject;

import ${package}.contract.${entity}Dto;
import ${package}.contract.event.CloudEvent;
import ${package}.contract.event.${entity}Events;

class ${entity}EventParserTest {

    static final String VALID = """
            {"specversion":"1.0","id":"e-1","source":"/test","type":"${eventPrefix}.created",
             "time":"2030-01-01T10:00:00Z","datacontenttype":"application/json",
             "data":{"id":7,"version":3,"createdAt":"2030-01-01T09:00:00Z"},"extra":"ignored"}""";

    ${entity}EventParser parser = new ${entity}EventParser();

    @BeforeEach
    void mapper() {
        // as Quarkus configures it: java.time support, unknown properties ignored
        parser.mapper = new ObjectMapper().findAndRegisterModules()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Test
    void parsesEveryPayloadForm() {
        for (Object payload : new Object[] { VALID, VALID.getBytes(StandardCharsets.UTF_8), new JsonObject(VALID) }) {
            CloudEvent<${entity}Dto> event = parser.parse(payload);
            assertEquals("e-1", event.id());
            assertEquals(${entity}Events.CREATED, event.type());
            assertEquals(7L, event.data().id());
            assertEquals(3L, event.data().version());
            assertEquals(Instant.parse("2030-01-01T09:00:00Z"), event.data().createdAt());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "not json at all",
            "{\"specversion\":\"1.0\",",
            "null",
            "[1,2]",
            "{\"specversion\":\"0.3\",\"id\":\"e\",\"type\":\"${eventPrefix}.created\",\"data\":{\"id\":1}}",
            "{\"specversion\":\"1.0\",\"type\":\"${eventPrefix}.created\",\"data\":{\"id\":1}}",
            "{\"specversion\":\"1.0\",\"id\":\"e\",\"type\":\"other.created\",\"data\":{\"id\":1}}",
            "{\"specversion\":\"1.0\",\"id\":\"e\",\"type\":\"${eventPrefix}.created\"}",
            "{\"specversion\":\"1.0\",\"id\":\"e\",\"type\":\"${eventPrefix}.created\",\"data\":{\"title\":\"no id\"}}",
            "{\"specversion\":\"1.0\",\"id\":\"e\",\"type\":\"${eventPrefix}.created\",\"data\":{\"id\":\"seven\"}}",
            "{\"specversion\":\"1.0\",\"id\":\"e\",\"type\":\"${eventPrefix}.created\",\"data\":{\"id\":1,\"createdAt\":\"yesterday\"}}" })
    void rejectsPoisonWithAReason(String body) {
        PoisonEventException e = assertThrows(PoisonEventException.class, () -> parser.parse(body));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
    }

    @Test
    void rejectsUnknownPayloadTypes() {
        assertThrows(PoisonEventException.class, () -> parser.parse(42));
        assertThrows(PoisonEventException.class, () -> parser.parse(null));
    }
}
