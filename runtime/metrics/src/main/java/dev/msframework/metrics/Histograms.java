package dev.msframework.metrics;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Histogram buckets for the latency timers, so that Prometheus can compute percentiles with
 * {@code histogram_quantile} (the Latency panel of the generated dashboards): by default Micrometer publishes a timer
 * as count, sum and max only, and Quarkus has no property for buckets. A {@link MeterFilter} bean is Quarkus's way to
 * configure them; it applies to every registry before the meters are created.
 * <p>
 * The buckets are a fixed, short list of bounds ({@link HistogramConfig#buckets()}: 11 plus {@code +Inf} per
 * tag combination), not Micrometer's percentile histogram, which publishes about 70 buckets (50 between 5 ms and 10 s)
 * per combination of method, route, status and outcome.
 */
@Singleton
public class Histograms {

    /** The timer of Quarkus's HTTP server: {@code http_server_requests_seconds} on /q/metrics. */
    public static final String HTTP_SERVER_REQUESTS = "http.server.requests";

    @Produces
    @Singleton
    MeterFilter histograms(HistogramConfig config) {
        return filter(config.timers(), config.buckets());
    }

    /**
     * A filter that gives the timers named (by name or name prefix) histogram buckets with these upper bounds; other
     * meters, and meters of another type than timer, keep their configuration.
     */
    public static MeterFilter filter(List<String> timers, List<Duration> buckets) {
        double[] bounds = buckets.stream().mapToDouble(bucket -> bucket.toNanos()).sorted().distinct().toArray();
        DistributionStatisticConfig histogram = DistributionStatisticConfig.builder()
                .serviceLevelObjectives(bounds)
                .build();
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getType() == Meter.Type.TIMER && timers.stream().anyMatch(timer -> covers(timer, id.getName()))) {
                    // the bounds are ours; every other setting stays the meter's
                    return histogram.merge(config);
                }
                return config;
            }
        };
    }

    private static boolean covers(String timer, String name) {
        return name.equals(timer) || name.startsWith(timer + ".");
    }
}
