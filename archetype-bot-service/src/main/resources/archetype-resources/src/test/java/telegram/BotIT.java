package ${package}.telegram;

import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * {@link PollingScenario} with the packaged application (prod profile, where the bot polls; JSON logs). Without a
 * test profile, since Quarkus records the start-up cache (app.aot) only in integration tests that have none.
 */
@QuarkusIntegrationTest
@ConnectWireMock
class BotIT extends PollingScenario {
}
