package ${package}.telegram;

import java.util.Map;

import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** {@link PollingScenario} in the test profile, where the bot otherwise uses a webhook. */
@QuarkusTest
@TestProfile(PollingTest.Polling.class)
@ConnectWireMock
class PollingTest extends PollingScenario {

    public static class Polling implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bot.mode", "polling");
        }
    }
}
