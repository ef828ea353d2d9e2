package dev.msframework.metrics;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Which timers publish histogram buckets ({@code <name>_seconds_bucket} on {@code /q/metrics}), and their bounds.
 * Every key has its default here; a service sets in its {@code application.properties} only what it changes, e.g.
 * {@code metrics.histogram.timers=http.server.requests,http.client.requests}.
 */
@ConfigMapping(prefix = "metrics.histogram")
public interface HistogramConfig {

    /**
     * The timers, by name or name prefix ({@code http.server} covers {@code http.server.requests}, not
     * {@code http.serverless}). The default is the one the Grafana dashboards query as buckets.
     */
    @WithDefault(Histograms.HTTP_SERVER_REQUESTS)
    List<String> timers();

    /**
     * The upper bounds of the buckets ({@code le}), besides {@code +Inf}: the Prometheus client libraries' default
     * buckets, round values that SLOs use (the share of requests under 250 ms is the 250 ms bucket's).
     */
    @WithDefault("5ms,10ms,25ms,50ms,100ms,250ms,500ms,1s,2500ms,5s,10s")
    List<Duration> buckets();
}
