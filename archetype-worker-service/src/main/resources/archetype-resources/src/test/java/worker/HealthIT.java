package ${package}.worker;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The packaged worker (prod profile) against the real RabbitMQ and Redis: ready, with its metrics. It declares the
 * same test resource as the events ITs ({@code @ConnectWireMock}), so that Quarkus launches the packaged worker once
 * for all of them, and the start-up cache it records holds this path and the event path together.
 */
@QuarkusIntegrationTest
@ConnectWireMock
class HealthIT {

    @Test
    void isReadyWithTheBrokerAndExposesMetrics() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }
}
