package dev.msframework.problem.openapi;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

import dev.msframework.problem.Problem;
import dev.msframework.problem.ProblemOpenApiFilter;

/** Every error response of the service's OpenAPI document is application/problem+json with one shared schema. */
@QuarkusTest
class ProblemOpenApiFilterTest {

    static final String REF = "#/components/schemas/" + ProblemOpenApiFilter.SCHEMA;

    static ValidatableResponse document() {
        return given().queryParam("format", "JSON").get("/q/openapi").then().statusCode(200);
    }

    @Test
    void declaredErrorResponsesAreProblems() {
        String get = "paths.'/documented/{id}'.get.responses.";
        document()
                .body(get + "'404'.description", equalTo("No note with this id"))
                .body(get + "'404'.content.'application/problem+json'.schema.$ref", equalTo(REF))
                .body(get + "'503'.content.'application/problem+json'.schema.$ref", equalTo(REF))
                .body(get + "'200'.content", not(hasKey(Problem.MEDIA_TYPE)));
    }

    @Test
    void errorResponsesThatQuarkusAddsAreProblemsToo() {
        // the 400 of an endpoint with a body or parameters (quarkus.smallrye-openapi.auto-add-bad-request-response)
        document().body("paths.'/problem-test/items'.post.responses.'400'.content.'application/problem+json'.schema.$ref",
                equalTo(REF));
    }

    @Test
    void aContentTheEndpointDeclaresIsKept() {
        document().body("paths.'/documented/{id}/text'.get.responses.'410'.content", hasKey("text/plain"))
                .body("paths.'/documented/{id}/text'.get.responses.'410'.content", not(hasKey(Problem.MEDIA_TYPE)));
    }

    @Test
    void theSchemaIsDeclaredOnce() {
        String problem = "components.schemas.Problem.";
        document()
                .body(problem + "required", containsInAnyOrder("type", "title", "status"))
                .body(problem + "properties.keySet()", containsInAnyOrder("type", "title", "status", "detail", "instance", "errors"))
                .body(problem + "properties.errors.items.required", containsInAnyOrder("field", "message"));
    }

    @Test
    void aDocumentWithoutErrorResponsesGetsNoSchema() {
        OpenAPI openAPI = OASFactory.createOpenAPI().paths(OASFactory.createPaths().addPathItem("/ok",
                OASFactory.createPathItem().GET(OASFactory.createOperation().responses(OASFactory.createAPIResponses()
                        .addAPIResponse("200", OASFactory.createAPIResponse().description("OK"))))));
        new ProblemOpenApiFilter().filterOpenAPI(openAPI);
        assertTrue(openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null);
    }

    @Test
    void anExistingSchemaOfTheSameNameIsKept() {
        OpenAPI openAPI = OASFactory.createOpenAPI()
                .components(OASFactory.createComponents().addSchema("Problem", OASFactory.createSchema().description("mine")))
                .paths(OASFactory.createPaths().addPathItem("/gone", OASFactory.createPathItem().GET(OASFactory.createOperation()
                        .responses(OASFactory.createAPIResponses()
                                .addAPIResponse("4XX", OASFactory.createAPIResponse().description("Client error"))
                                .addAPIResponse("default", OASFactory.createAPIResponse().description("Other"))))));
        new ProblemOpenApiFilter().filterOpenAPI(openAPI);
        assertEquals("mine", openAPI.getComponents().getSchemas().get("Problem").getDescription());
        var responses = openAPI.getPaths().getPathItem("/gone").getGET().getResponses();
        assertEquals(REF, responses.getAPIResponse("4XX").getContent().getMediaType(Problem.MEDIA_TYPE).getSchema().getRef());
        assertFalse(responses.getAPIResponse("default").getContent() != null);
    }
}
