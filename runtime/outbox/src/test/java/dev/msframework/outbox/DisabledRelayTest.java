package dev.msframework.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.msframework.contract.CloudEvent;

/** With {@code outbox.enabled=false} the relay does not run: the rows stay, and a test can read what was written. */
@QuarkusTest
@TestProfile(DisabledRelayTest.RelayOff.class)
class DisabledRelayTest extends OutboxTestSupport {

    public static class RelayOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("outbox.enabled", "false", "outbox.source", "/acme/data-postgres");
        }
    }

    @Inject
    Tracer tracer;

    @Test
    void aRowHoldsTheWholeCloudEventAndTheWritersTraceparent() throws Exception {
        Span writer = tracer.spanBuilder("write").startSpan();
        CloudEvent<Things.Thing> traced;
        try (Scope scope = writer.makeCurrent()) {
            traced = things.create("thing.kept", new Things.Thing("kept", 8));
        } finally {
            writer.end();
        }
        CloudEvent<Things.Thing> untraced = things.create("thing.kept", new Things.Thing("untraced", 9));

        Thread.sleep(500);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select event_id, type, body, traceparent, created_at from event_outbox where event_id = ?")) {
            select.setString(1, traced.id());
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next(), "the relay is off: the row stays");
                assertEquals(traced.id(), row.getString("event_id"));
                assertEquals("thing.kept", row.getString("type"));
                JsonNode body = json.readTree(row.getString("body"));
                assertEquals(traced.id(), body.get("id").asText());
                assertEquals("/acme/data-postgres", body.get("source").asText(), "outbox.source");
                assertEquals("thing.kept", body.get("type").asText());
                assertEquals(new Things.Thing("kept", 8), json.treeToValue(body.get("data"), Things.Thing.class));
                assertEquals("00-" + writer.getSpanContext().getTraceId() + "-" + writer.getSpanContext().getSpanId()
                        + "-01", row.getString("traceparent"));
                assertTrue(row.getObject("created_at", OffsetDateTime.class).isAfter(OffsetDateTime.now().minusMinutes(5)));
            }
            select.setString(1, untraced.id());
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next());
                assertNull(row.getString("traceparent"), "no span, no traceparent");
            }
        }
        assertTrue(pending() >= 2, "the gauge counts the rows waiting");
    }
}
