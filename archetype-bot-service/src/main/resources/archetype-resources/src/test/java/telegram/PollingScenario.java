package ${package}.telegram;

import static ${package}.bot.FakeTelegram.newChat;
import static ${package}.bot.FakeTelegram.textsSentTo;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import ${package}.bot.FakeTelegram;

/**
 * Long polling, the default mode: the bot fetches updates with getUpdates and answers them once. Run by
 * {@link PollingTest} (test profile) and {@link BotIT} (the packaged application).
 */
abstract class PollingScenario {

    WireMock wiremock;

    @Test
    void updatesFromGetUpdatesAreAnsweredOnce() throws Exception {
        long chat = newChat();
        String updates = new ObjectMapper().writeValueAsString(
                Map.of("ok", true, "result", java.util.List.of(FakeTelegram.update(chat, "/help"))));
        wiremock.register(post(urlPathMatching("/bot[^/]+/getUpdates")).atPriority(1)
                .inScenario("polling").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("delivered")
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(updates)));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(textsSentTo(wiremock, chat),
                contains(startsWith("Commands:"))));
        // getUpdates is refused while a webhook is set: polling removes it first
        wiremock.verifyThat(postRequestedFor(urlPathMatching("/bot[^/]+/deleteWebhook")));
        // in polling mode the webhook does not exist
        given().contentType("application/json").header(WebhookResource.SECRET_HEADER, FakeTelegram.SECRET)
                .body(FakeTelegram.update(chat, "/help")).post(WebhookResource.PATH).then().statusCode(404);
    }
}
