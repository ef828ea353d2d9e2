package ${package}.worker;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The packaged worker (prod profile) against the real RabbitMQ and Redis: ready, with its metrics. */
@QuarkusIntegrationTest
class HealthIT {

    @Test
    void isReadyWithTheBrokerAndExposesMetrics() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }
}
