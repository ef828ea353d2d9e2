package ${package}.telegram;

import org.junit.jupiter.api.Test;

import dev.msframework.test.InputFuzz;
import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusTest;

/**
 * No update gets a 5xx from the webhook: mutations of a valid update (every value replaced by values out of range,
 * of another JSON type, text that cannot be stored; keys dropped or added; bodies that are no object or no JSON),
 * sent with the right secret; every refusal is problem+json, and the service stays ready. Reproduce a failure with
 * the seed it prints: {@code ./mvnw test -Dtest=InputFuzzTest -Dmsframework.fuzz.seed=...}.
 */
@QuarkusTest
@ConnectWireMock
class InputFuzzTest {

    static final String UPDATE = """
            {"update_id": 1, "message": {"message_id": 1, "from": {"id": 7, "is_bot": false, "first_name": "Ada",
             "username": "ada"}, "chat": {"id": 7, "type": "private"}, "date": 1767225600, "text": "/help"}}""";

    @Test
    void noUpdateGetsA5xx() {
        InputFuzz.mutationsOf("POST", WebhookResource.PATH, UPDATE)
                .header(WebhookResource.SECRET_HEADER, "test-secret")
                .run();
    }
}
