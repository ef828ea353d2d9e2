package ${package}.rest;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;

import dev.msframework.test.InputFuzz;
import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusTest;

import ${package}.security.Tokens;

/**
 * No request gets a 5xx: arbitrary values (valid, out of range, of another JSON type, text that cannot be stored,
 * dates that are not in the calendar, paging that overflows, any Idempotency-Key) for every path, query and header
 * parameter and every body field of every endpoint of this service's OpenAPI document, sent with a token of every
 * role; every refusal is problem+json, and the service stays ready. The data services are WireMock stubs that know
 * nothing (404): what is proven is the API's own validation and how it passes refusals on. Reproduce a failure with
 * the seed it prints: {@code ./mvnw test -Dtest=InputFuzzTest -Dmsframework.fuzz.seed=...}.
 */
@QuarkusTest
@ConnectWireMock
class InputFuzzTest {

    WireMock wiremock;

    @BeforeEach
    void reset() {
        wiremock.resetMappings();
    }

    @Test
    void noRequestGetsA5xx() {
        String token = Tokens.of("fuzz", "user", "admin");
        InputFuzz.openApi().given(() -> given().auth().oauth2(token)).run();
    }
}
