package dev.msframework.metrics;

import static io.restassured.RestAssured.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What Prometheus scrapes: after requests to an endpoint, /q/metrics has the buckets of http_server_requests_seconds
 * that the dashboards' histogram_quantile needs, with the default bounds, and no buckets for other timers.
 */
@QuarkusTest
class HistogramsTest {

    static final List<String> DEFAULT_BOUNDS = List.of("0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0",
            "2.5", "5.0", "10.0", "+Inf");

    @Inject
    MeterRegistry registry;

    @Path("/orders")
    public static class OrdersResource {
        @GET
        @Path("/{id}")
        public String order(@PathParam("id") String id) {
            return id;
        }
    }

    @Test
    void httpServerRequestsArePublishedAsAHistogram() {
        get("/orders/1").then().statusCode(200);
        get("/orders/2").then().statusCode(200);

        String metrics = get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("# TYPE http_server_requests_seconds histogram"), () -> typeLines(metrics));
        List<String> buckets = metrics.lines()
                .filter(line -> line.startsWith("http_server_requests_seconds_bucket{") && line.contains("uri=\"/orders/{id}\""))
                .toList();
        assertEquals(DEFAULT_BOUNDS, buckets.stream().map(HistogramsTest::le).toList(), () -> String.join("\n", buckets));
        // cumulative: both requests are in the +Inf bucket
        assertTrue(buckets.get(buckets.size() - 1).matches(".*\\} 2\\.0( #.*)?$"), () -> String.join("\n", buckets));
    }

    @Test
    void otherTimersKeepCountSumAndMaxOnly() {
        Timer timer = registry.timer("orders.import");
        timer.record(java.time.Duration.ofMillis(30));

        assertEquals(0, timer.takeSnapshot().histogramCounts().length);
        String metrics = get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("orders_import_seconds_count"), () -> typeLines(metrics));
        assertTrue(metrics.lines().noneMatch(line -> line.startsWith("orders_import_seconds_bucket")), () -> typeLines(metrics));
    }

    private static String le(String line) {
        Matcher le = Pattern.compile("le=\"([^\"]+)\"").matcher(line);
        return le.find() ? le.group(1) : "(no le) " + line;
    }

    private static String typeLines(String metrics) {
        return String.join("\n", metrics.lines().filter(line -> line.startsWith("# TYPE")).toList());
    }
}
