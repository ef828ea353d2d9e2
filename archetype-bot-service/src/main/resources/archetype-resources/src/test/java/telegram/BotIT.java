package ${package}.telegram;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Long polling against the fake Bot API, with the packaged application (prod profile, JSON logs). */
@QuarkusIntegrationTest
class BotIT extends PollingTest {
}
