package dev.msframework.outbox;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A registry that keeps the meters in memory, so that the tests can read them: Quarkus adds every MeterRegistry bean
 * to its composite registry, the one the library's beans get (a service has Prometheus's instead).
 */
public class TestMeterRegistry {

    @Produces
    @Singleton
    SimpleMeterRegistry simple() {
        return new SimpleMeterRegistry();
    }
}
