package dev.msframework.events;

import java.util.Map;
import java.util.Set;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A service that customises the library: a retry limit of its own, by configuration only
 * ({@link RetryLimitTest}), and a bean of its own instead of the library's ({@link CustomDeadLettersTest}). One
 * profile for both, so that Quarkus starts once for them.
 */
public class CustomisedService implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("events.retry.max-attempts", "2");
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(AuditedDeadLetters.class);
    }
}
