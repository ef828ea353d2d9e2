package ${package}.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import ${package}.testing.MongoTestResource;

/** The indexes declared in {@link ${entity}Activity} exist once the service has started. */
@QuarkusTest
@QuarkusTestResource(MongoTestResource.class)
class ${entity}ActivityIndexesTest {

    @Test
    void declaredIndexesAreCreatedAtStart() {
        Map<String, Document> indexes = ${entity}Activity.mongoCollection().listIndexes().into(new ArrayList<>()).stream()
                .collect(Collectors.toMap(index -> index.getString("name"), index -> index));

        assertTrue(indexes.keySet().containsAll(List.of("${entityVar}Id_occurredAt", "type_occurredAt", "eventId_unique")),
                "indexes found: " + indexes.keySet());
        assertEquals(new Document("${entityVar}Id", 1).append("occurredAt", -1), indexes.get("${entityVar}Id_occurredAt").get("key"));
        assertEquals(new Document("type", 1).append("occurredAt", -1), indexes.get("type_occurredAt").get("key"));
        assertEquals(new Document("eventId", 1), indexes.get("eventId_unique").get("key"));
        assertEquals(Boolean.TRUE, indexes.get("eventId_unique").getBoolean("unique"));
        assertEquals(Boolean.TRUE, indexes.get("eventId_unique").getBoolean("sparse"));
    }
}
