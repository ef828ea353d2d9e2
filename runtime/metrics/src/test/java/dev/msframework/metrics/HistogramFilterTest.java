package dev.msframework.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The filter alone, with other timers and bounds than the defaults (what a service may configure). */
class HistogramFilterTest {

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    HistogramFilterTest() {
        registry.config().meterFilter(Histograms.filter(List.of("jobs", "http.client.requests"),
                List.of(Duration.ofSeconds(1), Duration.ofMillis(100))));
    }

    @Test
    void theNamedTimersAndTheirChildrenGetTheBounds() {
        Timer job = Timer.builder("jobs.duration").register(registry);
        job.record(Duration.ofMillis(50));
        job.record(Duration.ofMillis(500));
        Timer client = Timer.builder("http.client.requests").register(registry);
        client.record(Duration.ofSeconds(2));

        assertArrayEquals(new double[] {0.1, 1.0}, bounds(job));
        assertArrayEquals(new double[] {1.0, 2.0}, Arrays.stream(job.takeSnapshot().histogramCounts()).mapToDouble(CountAtBucket::count).toArray());
        assertArrayEquals(new double[] {0.1, 1.0}, bounds(client));
        assertArrayEquals(new double[] {0.0, 0.0}, Arrays.stream(client.takeSnapshot().histogramCounts()).mapToDouble(CountAtBucket::count).toArray());
    }

    @Test
    void otherMetersAreLeftAlone() {
        Timer sibling = Timer.builder("jobsfinished").register(registry);
        sibling.record(Duration.ofMillis(50));
        Timer server = Timer.builder("http.server.requests").register(registry);
        server.record(Duration.ofMillis(50));
        DistributionSummary summary = DistributionSummary.builder("jobs.size").register(registry);
        summary.record(3);

        assertEquals(0, sibling.takeSnapshot().histogramCounts().length);
        assertEquals(0, server.takeSnapshot().histogramCounts().length);
        assertEquals(0, summary.takeSnapshot().histogramCounts().length);
    }

    private static double[] bounds(Timer timer) {
        return Arrays.stream(timer.takeSnapshot().histogramCounts())
                .mapToDouble(bucket -> bucket.bucket(java.util.concurrent.TimeUnit.SECONDS))
                .toArray();
    }
}
