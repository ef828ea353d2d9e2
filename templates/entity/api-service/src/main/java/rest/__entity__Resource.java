package ${package}.rest;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

import ${package}.client.${entity}ActivityGateway;
import ${package}.client.${entity}Gateway;
import dev.msframework.contract.PageResponse;
import ${package}.contract.${entity}ActivityApi;
import ${package}.contract.${entity}ActivityDto;
import ${package}.contract.${entity}Api;
import ${package}.contract.${entity}CreateRequest;
import ${package}.contract.${entity}Dto;
import ${package}.contract.${entity}UpdateRequest;
import ${package}.idempotency.IdempotencyStore;

/**
 * The public API of ${entityPlural}. It owns no data: every call goes to the data services through their
 * fault-tolerant REST clients. It publishes no events: the data service writes the event of each write into its
 * outbox in the same transaction and publishes it from there once committed. Reads need an authenticated user,
 * writes the role {@code user}, deletes the role {@code admin} (the OpenAPI document names them: {@code security}
 * of each operation). Error responses are problem+json (msframework-problem adds the schema).
 */
@Path(${entity}Api.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "${entityPlural}", description = "${entityPlural}: read by any signed-in user, written by the role user")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "503", description = "A data service is unavailable; retry later")
public class ${entity}Resource {

    static final String PATH = ${entity}Api.PATH;

    @Inject
    ${entity}Gateway gateway;

    @Inject
    ${entity}ActivityGateway activityGateway;

    @Inject
    IdempotencyStore idempotency;

    @GET
    @Operation(operationId = "list${entityPlural}", summary = "List ${entityPlural}")
    @APIResponse(responseCode = "200", description = "One page of ${entityPlural}")
    @APIResponse(responseCode = "400", description = "Invalid paging, sort or filter parameters")
    public PageResponse<${entity}Dto> list(
#listParameters() {
        return gateway.list(#listArguments());
    }

    /** Non-blocking from request to response: the hot read path runs on the event loop (docs/decisions). */
    @GET
    @Path("/{id}")
    @Operation(operationId = "get${entity}", summary = "Get ${entity}")
    @APIResponse(responseCode = "200", description = "The ${entity}")
    @APIResponse(responseCode = "404", description = "No ${entity} has this id")
    public Uni<${entity}Dto> get(@PathParam("id") long id) {
        return gateway.getAsync(id);
    }

    /** The activity log of one ${entity}, newest first; 404 when the ${entity} does not exist. */
    @GET
    @Path("/{id}/activity")
    @Operation(operationId = "list${entity}Activities", summary = "List ${entity} activities")
    @APIResponse(responseCode = "200", description = "One page of its activities, newest first")
    @APIResponse(responseCode = "400", description = "Invalid paging or type parameters")
    @APIResponse(responseCode = "404", description = "No ${entity} has this id")
    public PageResponse<${entity}ActivityDto> activity(
            @PathParam("id") long id,
#pagingParameters()
            @QueryParam("type") @Pattern(regexp = ${entity}ActivityApi.TYPE_PATTERN, message = "must be lower-case words joined by '.', '-' or '_'") String type) {
        gateway.get(id);
        return activityGateway.list(page, size, "occurredAt,desc", id, type);
    }

    /**
     * Creates a ${entity}: 201 with {@code Location}. With an {@code Idempotency-Key} header a retried request
     * (same user, same key, same body, within 24 h) gets the first answer again and creates nothing.
     */
    @POST
    @RolesAllowed("user")
    @Operation(operationId = "create${entity}", summary = "Create ${entity}")
    @APIResponseSchema(value = ${entity}Dto.class, responseCode = "201", responseDescription = "Created; Location is its URL")
    @APIResponse(responseCode = "400", description = "Invalid fields#if(!$model.referenceFields.isEmpty()), a reference to nothing#end or Idempotency-Key")
    @APIResponse(responseCode = "403", description = "The token lacks the role user")
    @APIResponse(responseCode = "409", description = "#if(!$model.uniqueFields.isEmpty())Another ${entity} has the same #foreach($f in $model.uniqueFields)${f.name}#if($foreach.hasNext) or #end#end, or a#{else}A#end request with this Idempotency-Key is still running")
    @APIResponse(responseCode = "422", description = "This Idempotency-Key was used with another body")
    public Response create(
            @HeaderParam(IdempotencyStore.HEADER) @Size(min = 1, max = 255, message = "must have 1 to 255 characters")
            @Pattern(regexp = "^[\\x21-\\x7E]+$", message = "must be visible ASCII characters") String idempotencyKey,
            @Valid @NotNull ${entity}CreateRequest request,
            SecurityContext security) {
        return idempotency.once(security.getUserPrincipal().getName(), idempotencyKey, request, PATH, () -> {
            ${entity}Dto created = gateway.create(request);
            return Response.created(URI.create(PATH + "/" + created.id())).entity(created).build();
        });
    }

    /** Replaces a ${entity}; send the {@code version} you read: a stale one is a 409 and changes nothing. */
    @PUT
    @Path("/{id}")
    @RolesAllowed("user")
    @Operation(operationId = "update${entity}", summary = "Replace ${entity}")
    @APIResponse(responseCode = "200", description = "The ${entity} as stored, with its new version")
    @APIResponse(responseCode = "400", description = "Invalid fields#if(!$model.referenceFields.isEmpty()) or a reference to nothing#end")
    @APIResponse(responseCode = "403", description = "The token lacks the role user")
    @APIResponse(responseCode = "404", description = "No ${entity} has this id")
    @APIResponse(responseCode = "409", description = "Stale version#if(!$model.uniqueFields.isEmpty()), or another ${entity} has the same #foreach($f in $model.uniqueFields)${f.name}#if($foreach.hasNext) or #end#end#end")
    public ${entity}Dto update(@PathParam("id") long id, @Valid @NotNull ${entity}UpdateRequest request) {
        return gateway.update(id, request);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed("admin")
    @Operation(operationId = "delete${entity}", summary = "Delete ${entity}")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "The token lacks the role admin")
    @APIResponse(responseCode = "404", description = "No ${entity} has this id")
#if(!$domain.referencesTo($model).isEmpty())
    @APIResponse(responseCode = "409", description = "Still referred to by #foreach($f in $domain.referencesTo($model))${f.entity.plural}#if($foreach.hasNext) or #end#end")
#end
    public void delete(@PathParam("id") long id) {
        gateway.delete(id);
    }
}
