package ${package}.bot;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

import ${package}.telegram.WebhookResource;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Helpers for tests against the fake Bot API (WireMock, stubs in src/test/resources/mappings). */
public final class FakeTelegram {

    public static final String SECRET = "test-secret";
    public static final String SEND_MESSAGE = "/bot[^/]+/sendMessage";

    private static final ObjectMapper JSON = new ObjectMapper();
    // Redis keeps rate-limit counters and subscriptions between runs: every test uses chats of its own
    private static final AtomicLong CHATS = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 1000);
    private static final AtomicLong UPDATES = new AtomicLong(1);

    private FakeTelegram() {
    }

    public static long newChat() {
        return CHATS.incrementAndGet();
    }

    public static Map<String, Object> update(long chatId, String text) {
        return Map.of("update_id", UPDATES.incrementAndGet(),
                "message", Map.of("message_id", 1, "date", 1767225600, "text", text,
                        "chat", Map.of("id", chatId, "type", "private"),
                        "from", Map.of("id", chatId, "is_bot", false, "first_name", "Ada")));
    }

    /** Posts an update to the webhook as Telegram would; the bot replies before answering. */
    public static ValidatableResponse post(long chatId, String text) {
        return given().contentType(ContentType.JSON).header(WebhookResource.SECRET_HEADER, SECRET)
                .body(update(chatId, text))
                .post(WebhookResource.PATH).then();
    }

    public static RequestPatternBuilder sentTo(long chatId) {
        return postRequestedFor(urlPathMatching(SEND_MESSAGE))
                .withRequestBody(matchingJsonPath("$.chat_id", equalTo(String.valueOf(chatId))));
    }

    /** The texts the bot sent to a chat, oldest first. */
    public static List<String> textsSentTo(WireMock wiremock, long chatId) {
        return wiremock.find(sentTo(chatId)).stream().map(request -> {
            try {
                return JSON.readTree(request.getBodyAsString()).path("text").asText();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
