package ${package}.rest;

import org.junit.jupiter.api.Test;

import dev.msframework.test.InputFuzz;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import ${package}.testing.MongoTestResource;

/**
 * No request gets a 5xx: arbitrary values (valid, out of range, of another JSON type, malformed ids, paging that
 * overflows) for every path and query parameter and every body field of every endpoint of this service's OpenAPI
 * document; every refusal is problem+json, and the service stays ready. Reproduce a failure with the seed it prints:
 * {@code ./mvnw test -Dtest=InputFuzzTest -Dmsframework.fuzz.seed=...}.
 */
@QuarkusTest
@QuarkusTestResource(MongoTestResource.class)
class InputFuzzTest {

    @Test
    void noRequestGetsA5xx() {
        InputFuzz.openApi().run();
    }
}
