package ${package}.event;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

import org.awaitility.Awaitility;

import ${package}.contract.event.${entity}Events;
import ${package}.security.Tokens;

/**
 * Against a real RabbitMQ (Dev Services with Docker, otherwise RABBITMQ_HOST/PORT/USERNAME/PASSWORD): a created
 * ${entity} reaches a queue bound to the exchange, with the event type as routing key, persistent, and a
 * CloudEvents body.
 */
@QuarkusTest
@ConnectWireMock
@TestProfile(${entity}EventsRabbitMqTest.RealBroker.class)
class ${entity}EventsRabbitMqTest {

    /** A profile of its own: the other tests route the channel to memory. */
    public static class RealBroker implements QuarkusTestProfile {
    }

    WireMock wiremock;

    @Test
    void createdEventReachesABoundQueue() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        var config = ConfigProvider.getConfig();
        factory.setHost(config.getOptionalValue("rabbitmq-host", String.class).orElse("localhost"));
        factory.setPort(config.getOptionalValue("rabbitmq-port", Integer.class).orElse(5672));
        factory.setUsername(config.getOptionalValue("rabbitmq-username", String.class).orElse("guest"));
        factory.setPassword(config.getOptionalValue("rabbitmq-password", String.class).orElse("guest"));
        factory.setVirtualHost(config.getOptionalValue("rabbitmq-virtual-host", String.class).orElse("/"));

        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            channel.exchangeDeclare(${entity}Events.EXCHANGE, "topic", true);
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, ${entity}Events.EXCHANGE, ${entity}Events.ALL);

            Map<String, Object> body = new HashMap<>();
#foreach($f in $fields)
            body.put("${f.name}", ${f.sample(1)});
#end
            Map<String, Object> dto = new HashMap<>(body);
            dto.put("id", 42);
            dto.put("version", 0);
            wiremock.register(post(urlPathEqualTo("/api/v1/${resourcePath}")).willReturn(aResponse().withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(new ObjectMapper().writeValueAsString(dto))));
            given().auth().oauth2(Tokens.of("writer", "user")).contentType(ContentType.JSON)
                    .body(body)
                    .post("/api/v1/${resourcePath}").then().statusCode(201);

            AtomicReference<GetResponse> got = new AtomicReference<>();
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> { got.set(channel.basicGet(queue, true)); return got.get() != null; });
            GetResponse message = got.get();

            assertEquals(${entity}Events.CREATED, message.getEnvelope().getRoutingKey());
            assertEquals(${entity}Events.EXCHANGE, message.getEnvelope().getExchange());
            assertEquals(2, message.getProps().getDeliveryMode(), "persistent");
            assertEquals("application/cloudevents+json", message.getProps().getContentType());
            JsonNode event = new ObjectMapper().readTree(new String(message.getBody(), StandardCharsets.UTF_8));
            assertEquals("1.0", event.get("specversion").asText());
            assertEquals(${entity}Events.CREATED, event.get("type").asText());
            assertNotNull(event.get("id").asText());
            assertNotNull(event.get("time").asText());
            assertEquals(42, event.at("/data/id").asLong());
#set($t = $model.titleField)
#if($t.number)
            assertEquals(0, new java.math.BigDecimal(String.valueOf(body.get("${t.name}"))).compareTo(event.at("/data/${t.name}").decimalValue()));
#else
            assertEquals(String.valueOf(body.get("${t.name}")), event.at("/data/${t.name}").asText());
#end
        }
    }
}
