package dev.msframework.test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msframework.test.FixtureService.Bug;
import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InputFuzzTest {

    private static final String SAMPLE_UPDATE = """
            {"update_id": 10001, "message": {"message_id": 5, "date": 1735689600, "text": "/start",
             "chat": {"id": 42, "type": "private"}, "from": {"id": 42, "is_bot": false, "first_name": "Ada"}}}""";
    /** Each test is deterministic for its seed (everyKindOfHostileValueIsSent sends enough requests to hold for most seeds). */
    private static final long SEED = 20240608L;

    private FixtureService service;

    private FixtureService start(Bug... bugs) {
        service = new FixtureService(bugs);
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = service.port();
        return service;
    }

    @AfterEach
    void stop() {
        RestAssured.reset();
        if (service != null) {
            service.close();
        }
    }

    @Test
    void aServiceThatValidatesEverythingPasses() {
        start();
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            assertDoesNotThrow(() -> InputFuzz.openApi().seed(SEED).run());
        } finally {
            System.setOut(out);
        }
        String summary = printed.toString(StandardCharsets.UTF_8);
        out.print(summary);
        assertTrue(summary.startsWith("InputFuzz: 3 operations, 120 requests, statuses {"), summary);
        assertTrue(summary.contains("seed " + SEED), summary);
        // valid values get through, and invalid ones are refused
        assertTrue(service.statuses.contains(200) && service.statuses.contains(201) && service.statuses.contains(400),
                service.statuses::toString);

        assertDoesNotThrow(() -> InputFuzz.mutationsOf("POST", "/telegram/webhook", SAMPLE_UPDATE).seed(SEED).run());
    }

    @Test
    void aNulCharacterThatBreaksTheServiceIsCaughtWithTheRequest() {
        start(Bug.NUL_IN_BODY_IS_500);

        String message = assertThrows(AssertionError.class, () -> InputFuzz.openApi().seed(SEED).run()).getMessage();

        assertTrue(message.contains("createItem -> 500 (server error)"), message);
        assertTrue(message.contains("request:  POST /items"), message);
        assertTrue(message.contains("\\u0000"), message);
        assertTrue(message.contains("response: 500 text/plain"), message);
        assertTrue(message.contains("invalid byte sequence"), message);
        assertTrue(message.contains("-Dmsframework.fuzz.seed=" + SEED), message);
        assertTrue(!message.contains("listItems") && !message.contains("getItem"), message);
    }

    @Test
    void pageTimesSizeOverflowingIsCaught() {
        start(Bug.PAGE_TIMES_SIZE_OVERFLOWS);

        String message = assertThrows(AssertionError.class, () -> InputFuzz.openApi().seed(SEED).run()).getMessage();

        assertTrue(message.contains("listItems -> 500 (server error)"), message);
        assertTrue(message.contains("java.lang.ArithmeticException: integer overflow"), message);
        assertTrue(message.contains("request:  GET /items?"), message);
    }

    @Test
    void aBadRequestThatIsNotProblemJsonIsCaught() {
        start(Bug.PLAIN_JSON_400);

        String message = assertThrows(AssertionError.class, () -> InputFuzz.openApi().seed(SEED).run()).getMessage();

        assertTrue(message.contains("createItem -> 400 (not application/problem+json)"), message);
        assertTrue(message.contains("listItems -> 400 (not application/problem+json)"), message);
        assertTrue(message.contains("response: 400 application/json"), message);
    }

    @Test
    void aProblemWhoseStatusIsNotTheHttpStatusIsCaught() {
        start(Bug.PROBLEM_STATUS_IS_WRONG);

        String message = assertThrows(AssertionError.class, () -> InputFuzz.openApi().seed(SEED).run()).getMessage();

        assertTrue(message.contains("createItem -> 400 (problem status is not 400)"), message);
    }

    @Test
    void aServiceNotReadyAfterwardsIsCaught() {
        start(Bug.NOT_READY);

        String message = assertThrows(AssertionError.class, () -> InputFuzz.openApi().tries(5).seed(SEED).run()).getMessage();

        assertTrue(message.contains("not ready after the requests: GET /q/health/ready -> 503"), message);
    }

    @Test
    void theSameSeedSendsTheSameRequests() {
        start();
        InputFuzz.openApi().seed(SEED).run();
        List<String> first = List.copyOf(service.requests);
        service.requests.clear();
        InputFuzz.openApi().seed(SEED).run();
        List<String> again = List.copyOf(service.requests);
        service.requests.clear();
        InputFuzz.openApi().seed(SEED + 1).run();

        assertEquals(120, first.size());
        assertEquals(first, again);
        assertNotEquals(first, service.requests);
    }

    @Test
    void mutationsOfASampleCatchAWrongJsonType() {
        start(Bug.WEBHOOK_WRONG_TYPE_IS_500);

        String message = assertThrows(AssertionError.class,
                () -> InputFuzz.mutationsOf("POST", "/telegram/webhook", SAMPLE_UPDATE).header("X-Telegram-Bot-Api-Secret-Token", "s3cret")
                        .seed(SEED).run()).getMessage();

        assertTrue(message.contains("POST /telegram/webhook -> 500 (server error)"), message);
        assertTrue(message.contains("X-Telegram-Bot-Api-Secret-Token: s3cret"), message);
        assertTrue(message.contains("ClassCastException"), message);
    }

    @Test
    void everyKindOfHostileValueIsSent() {
        start();
        InputFuzz.openApi().tries(2000).seed(SEED).run();
        String sent = String.join("\n", service.requests);

        // each value, or one of the values separated by |
        List<String> expected = List.of("page=2147483647&size=100", "page=abc", "=1e400",
                "from=2030-02-30|from=2030-13-01|from=2030-00-10|from=2030-04-31|from=2031-02-29", "from=%2B10000-01-01",
                "from=%ED%A0%80", "/items/9223372036854775808", "/items/abc", "key=not-a-uuid", "\\u0000", "\\uD800",
                "\\uD83D\\uDE00", "x".repeat(10_000), "\"quantity\":1e400", "\"quantity\":-0", "\"quantity\":1.5",
                "\"quantity\":\"", "\"due\":\"2030-13-01\"", "\"status\":\"open\"", "\"name\":null", "\"name\":[", "\"name\":{",
                "\"unknownProperty\":", "body=[]", "body={\"a\":1,}");
        List<String> missing = new ArrayList<>(
                expected.stream().filter(value -> Stream.of(value.split("\\|")).noneMatch(sent::contains)).toList());
        // a request without each required property
        for (String property : List.of("name", "quantity", "due", "status")) {
            if (service.requests.stream().noneMatch(r -> r.startsWith("POST /items") && r.contains("body={")
                    && !r.contains("\"" + property + "\""))) {
                missing.add("a body without " + property);
            }
        }
        assertEquals(List.of(), missing, "never sent");
    }
}
