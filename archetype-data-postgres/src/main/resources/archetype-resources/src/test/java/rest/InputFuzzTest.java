package ${package}.rest;

import org.junit.jupiter.api.Test;

import dev.msframework.test.InputFuzz;
import io.quarkus.test.junit.QuarkusTest;

/**
 * No request gets a 5xx: arbitrary values (valid, out of range, of another JSON type, text PostgreSQL cannot store,
 * dates that are not in the calendar, paging that overflows) for every path and query parameter and every body field
 * of every endpoint of this service's OpenAPI document; every refusal is problem+json, and the service stays ready.
 * Reproduce a failure with the seed it prints: {@code ./mvnw test -Dtest=InputFuzzTest -Dmsframework.fuzz.seed=...}.
 */
@QuarkusTest
class InputFuzzTest {

    @Test
    void noRequestGetsA5xx() {
        InputFuzz.openApi().run();
    }
}
