package dev.msframework.problem;

import java.math.BigDecimal;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * The OpenAPI side of {@link ProblemMappers}: every error response of the document (4xx, 5xx) is
 * {@value Problem#MEDIA_TYPE} with the schema {@value #SCHEMA}, declared once under {@code components/schemas}.
 * An endpoint declares an error response with its code and description only, e.g.
 * {@code @APIResponse(responseCode = "404", description = "No such order")}; a content it declares itself is kept.
 * <p>
 * Runs at build time, found by Quarkus in this jar's index: the document served at {@code /q/openapi} and the one
 * written by {@code quarkus.smallrye-openapi.store-schema-directory} are the same. Error responses that Quarkus adds
 * later, at start-up (the 401 and 403 of {@code quarkus.smallrye-openapi.auto-add-security-requirement}), are not
 * seen: declare them on the endpoint.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ProblemOpenApiFilter implements OASFilter {

    /** The name of the schema under {@code components/schemas}. */
    public static final String SCHEMA = "Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        boolean used = false;
        for (PathItem path : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : path.getOperations().values()) {
                if (operation.getResponses() == null || operation.getResponses().getAPIResponses() == null) {
                    continue;
                }
                for (Map.Entry<String, APIResponse> entry : operation.getResponses().getAPIResponses().entrySet()) {
                    used |= describeError(entry.getKey(), entry.getValue());
                }
            }
        }
        if (used) {
            if (openAPI.getComponents() == null) {
                openAPI.setComponents(OASFactory.createComponents());
            }
            Components components = openAPI.getComponents();
            if (components.getSchemas() == null || !components.getSchemas().containsKey(SCHEMA)) {
                components.addSchema(SCHEMA, schema());
            }
        }
    }

    /** Gives the error response {@code code} the problem+json content, unless it has a content; true if it did. */
    static boolean describeError(String code, APIResponse response) {
        if (response == null || response.getRef() != null || !isError(code)) {
            return false;
        }
        Content content = response.getContent();
        if (content == null || content.getMediaTypes() == null || content.getMediaTypes().isEmpty()) {
            response.setContent(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                    OASFactory.createMediaType().schema(OASFactory.createSchema().ref(SCHEMA))));
            return true;
        }
        MediaType problem = content.getMediaType(Problem.MEDIA_TYPE);
        if (problem != null && problem.getSchema() == null) {
            problem.setSchema(OASFactory.createSchema().ref(SCHEMA));
            return true;
        }
        return false;
    }

    /** 4xx and 5xx, also as ranges ({@code 4XX}): what {@link ProblemMappers} answers with a problem. */
    static boolean isError(String code) {
        return code != null && code.length() == 3 && (code.charAt(0) == '4' || code.charAt(0) == '5');
    }

    /** The JSON schema of {@link Problem}. */
    static Schema schema() {
        Schema fieldError = object().description("One field of the request that the problem is about")
                .addProperty("field", string("A body property path (title, address.city) or a parameter name (size)"))
                .addProperty("message", string("What is wrong with it"))
                .addRequired("field")
                .addRequired("message");
        return object().description("An RFC 9457 problem detail, the body of every error response")
                .addProperty("type", string("URI reference of the problem type; about:blank means: see the status")
                        .format("uri-reference").addExample("about:blank"))
                .addProperty("title", string("Short summary of the problem type (the reason phrase of the status)")
                        .addExample("Not Found"))
                .addProperty("status", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32")
                        .description("HTTP status code").minimum(BigDecimal.valueOf(400)).maximum(BigDecimal.valueOf(599))
                        .addExample(404))
                .addProperty("detail", string("Explanation specific to this occurrence"))
                .addProperty("instance", string("The path of the request").format("uri-reference"))
                .addProperty("errors", OASFactory.createSchema().addType(SchemaType.ARRAY).items(fieldError)
                        .description("The fields the problem is about: the invalid ones of a 400, a duplicate value of a 409"))
                .addRequired("type")
                .addRequired("title")
                .addRequired("status");
    }

    private static Schema object() {
        return OASFactory.createSchema().addType(SchemaType.OBJECT);
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(SchemaType.STRING).description(description);
    }
}
