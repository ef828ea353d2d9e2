#set( $listCommand = $resourcePath.replace('-', '_') )
#if( $model.createTextField )
#set( $text = $model.createTextField )
#end
package ${package}.bot;

import static ${package}.bot.FakeTelegram.newChat;
import static ${package}.bot.FakeTelegram.post;
import static ${package}.bot.FakeTelegram.sentTo;
import static ${package}.bot.FakeTelegram.textsSentTo;
import static ${package}.bot.${entity}Samples.dto;
import static ${package}.bot.${entity}Samples.page;
import static ${package}.bot.${entity}Samples.summary;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;
#if( $text )
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
#end
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import ${package}.telegram.WebhookResource;
import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/** Every command against the fake Bot API (WireMock), updates arriving through the webhook. */
@QuarkusTest
@ConnectWireMock
class BotCommandsTest {

    static final String LIST = "/${listCommand}";
    static final String DATA = "/api/v1/${resourcePath}";

    WireMock wiremock;

    @Inject
    CircuitBreakerMaintenance breakers;

    @BeforeEach
    void reset() {
        wiremock.resetToDefaultMappings();
        wiremock.resetRequests();
        wiremock.resetScenarios();
        breakers.resetAll();
    }

    @Test
    void startGreetsAndListsTheCommands() {
        long chat = newChat();
        post(chat, "/start").statusCode(200);
        List<String> replies = textsSentTo(wiremock, chat);
        assertThat(replies, hasSize(1));
        assertThat(replies.get(0), startsWith("Hello Ada!"));
        assertThat(replies.get(0), containsString(LIST + " - the latest ${entityPlural}"));
#if( $text )
        assertThat(replies.get(0), containsString("/new <${text.label}> - create a ${entity}"));
#else
        assertThat(replies.get(0), containsString("/new - how to create a ${entity}: POST /api/v1/${resourcePath}"));
#end
    }

    @Test
    void helpListsTheCommandsAlsoWithTheBotNameAppended() {
        long chat = newChat();
        post(chat, "/help").statusCode(200);
        post(chat, "/help@fake_bot").statusCode(200);
        assertThat(textsSentTo(wiremock, chat), contains(UpdateHandler.HELP, UpdateHandler.HELP));
        // the token is put into the path last (BotTokenFilter)
        wiremock.verifyThat(2, sentTo(chat).withUrl("/bottest-token/sendMessage"));
    }

    @Test
    void listShowsTheLatest${entityPlural}OneLineEach() {
        wiremock.register(get(urlPathEqualTo(DATA))
                .withQueryParam("sort", equalTo("createdAt,desc"))
                .withQueryParam("size", equalTo("10"))
                .willReturn(okJson(page(12, dto(2, 2, true), dto(1, 1, false)))));
        long chat = newChat();
        post(chat, LIST).statusCode(200);
        // every field shown; empty fields left out
        assertThat(textsSentTo(wiremock, chat), contains(
                "Latest ${entityPlural} (2 of 12):\n#2 " + summary(2, true) + "\n#1 " + summary(1, false)));
    }

#if( $model.titleField.text )
    @Test
    void listLinesStartWithThe${model.titleField.capitalized}CutWhenLong() {
        String long${model.titleField.capitalized} = ${model.titleField.sample(3)} + " " + "y".repeat(${entity}Summary.MAX_TEXT);
        Map<String, Object> ${entityVar} = dto(3, 3, true);
        ${entityVar}.put("${model.titleField.name}", long${model.titleField.capitalized});
        wiremock.register(get(urlPathEqualTo(DATA)).willReturn(okJson(page(1, ${entityVar}))));
        long chat = newChat();
        post(chat, LIST).statusCode(200);
        String line = textsSentTo(wiremock, chat).get(0).split("\n")[1];
        assertThat(line, startsWith("#3 " + long${model.titleField.capitalized}.substring(0, ${entity}Summary.MAX_TEXT - 1) + "…"));
    }

#end
    @Test
    void listSaysWhenThereIsNothingYet() {
        wiremock.register(get(urlPathEqualTo(DATA))
                .willReturn(okJson("{\"items\": [], \"page\": 0, \"size\": 10, \"total\": 0}")));
        long chat = newChat();
        post(chat, LIST).statusCode(200);
#if( $text )
        assertThat(textsSentTo(wiremock, chat), contains("No ${entityPlural} yet. Create one with /new <${text.label}>."));
#else
        assertThat(textsSentTo(wiremock, chat), contains("No ${entityPlural} yet. /new tells how to create one."));
#end
    }

    @Test
    void listExplainsWhenTheDataServiceIsDown() {
        wiremock.register(get(urlPathEqualTo(DATA)).willReturn(aResponse().withStatus(503)));
        long chat = newChat();
        post(chat, LIST).statusCode(200);
        assertThat(textsSentTo(wiremock, chat),
                contains("The ${entityPlural} service is not available right now. Please try again in a minute."));
    }

    @Test
    void listTakesNoArguments() {
        long chat = newChat();
        post(chat, LIST + " everything").statusCode(200);
        assertThat(textsSentTo(wiremock, chat).get(0), startsWith("Usage: " + LIST + " (no arguments)"));
        wiremock.verifyThat(0, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo(DATA)));
    }

#if( $text )
    @Test
    void newCreatesA${entity}FromThe${text.capitalized}() {
        wiremock.register(post(urlPathEqualTo(DATA)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withHeader("Location", DATA + "/7")
                .withBody(${entity}Samples.json(dto(7, 1, false)))));
        long chat = newChat();
        post(chat, "/new   " + ${text.sample(1)} + "  ").statusCode(200);
        assertThat(textsSentTo(wiremock, chat), contains("Created ${entity} #7: " + summary(1, false)));
        // the ${text.label} from the chat; every required enum gets its first value
        RequestPatternBuilder request = postRequestedFor(urlPathEqualTo(DATA))
                .withRequestBody(matchingJsonPath("$.${text.name}", equalTo(${text.sample(1)})));
#foreach( $f in $fields )
#if( $f.required && $f.enum )
        request.withRequestBody(matchingJsonPath("$.${f.name}", equalTo("${f.enumType.values.get(0)}")));
#end
#end
        wiremock.verifyThat(request);
    }

    @Test
    void newWithout${text.capitalized}ShowsTheUsageAndCreatesNothing() {
        long chat = newChat();
        post(chat, "/new").statusCode(200);
        post(chat, "/new    ").statusCode(200);
        assertThat(textsSentTo(wiremock, chat),
                everyItem(startsWith("Usage: /new <${text.label}>, for example: /new " + ${text.sample(1)})));
        assertThat(textsSentTo(wiremock, chat), hasSize(2));
        wiremock.verifyThat(0, postRequestedFor(urlPathEqualTo(DATA)));
    }

#if( $text.maxLength )
    @Test
    void newWithATooLong${text.capitalized}IsRefused() {
        long chat = newChat();
        post(chat, "/new " + "x".repeat(${text.maxLength} + 1)).statusCode(200);
        assertThat(textsSentTo(wiremock, chat), contains(
                "The ${text.label} has at most ${text.maxLength} characters; yours has " + (${text.maxLength} + 1) + "."));
        wiremock.verifyThat(0, postRequestedFor(urlPathEqualTo(DATA)));
    }

#end
    @Test
    void newPassesOnTheReasonTheDataServiceGives() {
        wiremock.register(post(urlPathEqualTo(DATA)).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\": \"Conflict\", \"status\": 409, \"detail\": \"a ${entity} with this ${text.label} exists\"}")));
        long chat = newChat();
        post(chat, "/new Duplicate").statusCode(200);
        assertThat(textsSentTo(wiremock, chat), contains("The ${entity} was not created: a ${entity} with this ${text.label} exists"));
    }

    @Test
    void newExplainsWhenTheDataServiceIsDown() {
        wiremock.register(post(urlPathEqualTo(DATA)).willReturn(aResponse().withStatus(503)));
        long chat = newChat();
        post(chat, "/new " + ${text.sample(2)}).statusCode(200);
        assertThat(textsSentTo(wiremock, chat),
                contains("The ${entityPlural} service is not available right now. Please try again in a minute."));
    }
#else
    @Test
    void newExplainsHowToCreateA${entity}ThroughTheApi() {
        long chat = newChat();
        post(chat, "/new").statusCode(200);
        post(chat, "/new " + ${model.titleField.sample(1)}).statusCode(200);
        assertThat(textsSentTo(wiremock, chat), contains(UpdateHandler.HOW_TO_CREATE, UpdateHandler.HOW_TO_CREATE));
        assertThat(UpdateHandler.HOW_TO_CREATE, startsWith(
                "${entityPlural} are created through the API, not in this chat: POST /api/v1/${resourcePath} on the api service"));
#foreach( $f in $model.requiredFields )
        assertThat(UpdateHandler.HOW_TO_CREATE, containsString("${f.name} (required)"));
#end
        wiremock.verifyThat(0, postRequestedFor(urlPathEqualTo(DATA)));
    }

    @Test
    void helpTellsHowToCreateA${entity}() {
        long chat = newChat();
        post(chat, "/help").statusCode(200);
        assertThat(textsSentTo(wiremock, chat).get(0), containsString(
                "/new - how to create a ${entity}: POST /api/v1/${resourcePath} on the api service (its Swagger UI, /q/swagger-ui"));
    }
#end

    @Test
    void subscribeAndUnsubscribe() {
        long chat = newChat();
        post(chat, "/subscribe").statusCode(200);
        post(chat, "/subscribe").statusCode(200);
        post(chat, "/unsubscribe").statusCode(200);
        post(chat, "/unsubscribe").statusCode(200);
        List<String> replies = textsSentTo(wiremock, chat);
        assertThat(replies, hasSize(4));
        assertThat(replies.get(0), startsWith("Subscribed"));
        assertThat(replies.get(1), startsWith("You are already subscribed"));
        assertThat(replies.get(2), startsWith("Unsubscribed"));
        assertThat(replies.get(3), startsWith("You were not subscribed"));
    }

    @Test
    void unknownCommandsAndPlainTextGetHelp() {
        long chat = newChat();
        post(chat, "/frobnicate now").statusCode(200);
        post(chat, "hello there").statusCode(200);
        assertThat(textsSentTo(wiremock, chat), contains(
                "Unknown command /frobnicate.\n\n" + UpdateHandler.HELP,
                "I understand commands only.\n\n" + UpdateHandler.HELP));
    }

    @Test
    void aChatSendingTooFastIsToldOnceThenIgnored() throws InterruptedException {
        if (LocalTime.now().getSecond() >= 55) {
            Thread.sleep(6_000); // the limit counts per minute: stay inside one
        }
        long chat = newChat();
        for (int i = 0; i < 8; i++) {
            post(chat, "/help").statusCode(200);
        }
        List<String> replies = textsSentTo(wiremock, chat);
        // bot.commands-per-minute is 6 in tests
        assertThat(replies, hasSize(7));
        assertThat(replies.subList(0, 6), everyItem(startsWith("Commands:")));
        assertThat(replies.get(6), startsWith("You are sending commands too fast"));
    }

    @Test
    void theWebhookRefusesUpdatesWithoutTheSecret() {
        long chat = newChat();
        given().contentType(ContentType.JSON).body(FakeTelegram.update(chat, "/help"))
                .post(WebhookResource.PATH).then().statusCode(401);
        given().contentType(ContentType.JSON).header(WebhookResource.SECRET_HEADER, "wrong-secret")
                .body(FakeTelegram.update(chat, "/help"))
                .post(WebhookResource.PATH).then().statusCode(401);
        assertThat(textsSentTo(wiremock, chat), empty());
        post(chat, "/help").statusCode(200);
        assertThat(textsSentTo(wiremock, chat), hasSize(1));
    }

    @Test
    void aReplyWaitsForRetryAfterWhenTelegramAnswers429() {
        long chat = newChat();
        wiremock.register(post(urlPathMatching(FakeTelegram.SEND_MESSAGE)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.chat_id", equalTo(String.valueOf(chat))))
                .inScenario("throttled").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("sent")
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withBody("{\"ok\": false, \"error_code\": 429, \"description\": \"Too Many Requests: retry after 1\", "
                                + "\"parameters\": {\"retry_after\": 1}}")));
        long start = System.nanoTime();
        post(chat, "/help").statusCode(200);
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;
        wiremock.verifyThat(2, sentTo(chat));
        assertThat(waitedMillis, greaterThanOrEqualTo(1000L));
    }

    @Test
    void aReplyIsGivenUpAfterRepeated429AndCounted() {
        long chat = newChat();
        wiremock.register(post(urlPathMatching(FakeTelegram.SEND_MESSAGE)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.chat_id", equalTo(String.valueOf(chat))))
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withBody("{\"ok\": false, \"error_code\": 429, \"description\": \"Too Many Requests\", "
                                + "\"parameters\": {\"retry_after\": 0}}")));
        post(chat, "/help").statusCode(200);
        // the first attempt and 3 retries
        wiremock.verifyThat(4, sentTo(chat));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("bot_messages_failed_total{reason=\"rate-limited\"}"));
    }

    @Test
    void metricsCountUpdatesCommandsAndMessages() {
        long chat = newChat();
        post(chat, "/help").statusCode(200);
        post(chat, "/nope").statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("bot_updates_received_total"))
                .body(containsString("bot_commands_total{command=\"help\"}"))
                .body(containsString("bot_commands_total{command=\"unknown\"}"))
                .body(containsString("bot_messages_sent_total"));
    }

    @Test
    void readinessIncludesTheBotApi() {
        given().get("/q/health/ready").then().statusCode(200)
                .body(containsString("Telegram Bot API"));
    }
}
