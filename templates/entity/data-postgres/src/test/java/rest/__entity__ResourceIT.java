package ${package}.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same API tests against the packaged application (prod profile, JSON logs). */
@QuarkusIntegrationTest
class ${entity}ResourceIT extends ${entity}ResourceTest {
}
