package ${package}.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same API tests against the packaged application (prod profile, JSON logs), same MongoDB choice. */
@QuarkusIntegrationTest
class ${entity}ActivityResourceIT extends ${entity}ActivityResourceTest {
}
