package ${package}.contract;

import dev.msframework.contract.PageResponse;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The HTTP contract of the ${entity} data service, defined once: the data service implements it and
 * business services call it through a REST client that extends it, so both sides compile against the
 * same paths, parameters, bodies, constraints and OpenAPI description. The data services are internal: no
 * credentials ({@code security: []}); error responses are problem+json (msframework-problem adds the schema).
 */
@Path(${entity}Api.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "${entityPlural}", description = "${entityPlural}: stored in PostgreSQL, paged and sorted")
@SecurityRequirements
public interface ${entity}Api {

    String PATH = "/api/v1/${resourcePath}";

    String SORT_FIELDS = "${model.sortFields}";
    String SORT_PATTERN = "^(" + SORT_FIELDS + ")(,(asc|desc))?$";

    /**
     * Lists ${entityPlural} page by page#if(!$model.filterFields.isEmpty()), optionally filtered:#foreach($f in $model.filterFields)#if($f.filter == "equal") {@code $f.name} equal to the value#else {@code ${f.name}From} and {@code ${f.name}To} (both inclusive)#end#if($foreach.hasNext),#end#end#end.
     */
    @GET
    @Operation(operationId = "list${entityPlural}", summary = "List ${entityPlural}")
    @APIResponse(responseCode = "200", description = "One page of ${entityPlural}")
    @APIResponse(responseCode = "400", description = "Invalid paging, sort or filter parameters")
    PageResponse<${entity}Dto> list(
#listParameters();

    @GET
    @Path("/{id}")
    @Operation(operationId = "get${entity}", summary = "Get ${entity}")
    @APIResponse(responseCode = "200", description = "The ${entity}")
    @APIResponse(responseCode = "404", description = "No ${entity} has this id")
    ${entity}Dto get(@PathParam("id") long id);

    /** Creates a ${entity}: 201 with a Location header and the ${entity} as body. */
    @POST
    @Operation(operationId = "create${entity}", summary = "Create ${entity}")
    @APIResponseSchema(value = ${entity}Dto.class, responseCode = "201", responseDescription = "Created; Location is its URL")
    @APIResponse(responseCode = "400", description = "Invalid fields#if(!$model.referenceFields.isEmpty()) or a reference to nothing#end")
#if(!$model.uniqueFields.isEmpty())
    @APIResponse(responseCode = "409", description = "Another ${entity} has the same #foreach($f in $model.uniqueFields)${f.name}#if($foreach.hasNext) or #end#end")
#end
    Response create(@Valid @NotNull ${entity}CreateRequest request);

    /** Replaces a ${entity}; 409 when {@code version} is not the current one. */
    @PUT
    @Path("/{id}")
    @Operation(operationId = "update${entity}", summary = "Replace ${entity}")
    @APIResponse(responseCode = "200", description = "The ${entity} as stored, with its new version")
    @APIResponse(responseCode = "400", description = "Invalid fields#if(!$model.referenceFields.isEmpty()) or a reference to nothing#end")
    @APIResponse(responseCode = "404", description = "No ${entity} has this id")
    @APIResponse(responseCode = "409", description = "Stale version#if(!$model.uniqueFields.isEmpty()), or another ${entity} has the same #foreach($f in $model.uniqueFields)${f.name}#if($foreach.hasNext) or #end#end#end")
    ${entity}Dto update(@PathParam("id") long id, @Valid @NotNull ${entity}UpdateRequest request);

    /** Deletes a ${entity}: 204, or 404 when it does not exist. */
    @DELETE
    @Path("/{id}")
    @Operation(operationId = "delete${entity}", summary = "Delete ${entity}")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No ${entity} has this id")
#if(!$domain.referencesTo($model).isEmpty())
    @APIResponse(responseCode = "409", description = "Still referred to by #foreach($f in $domain.referencesTo($model))${f.entity.plural}#if($foreach.hasNext) or #end#end")
#end
    void delete(@PathParam("id") long id);
}
