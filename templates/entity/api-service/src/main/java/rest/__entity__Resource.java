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
import ${package}.contract.event.${entity}Events;
import ${package}.event.EventPublisher;
import ${package}.idempotency.IdempotencyStore;

/**
 * The public API of ${entityPlural}. It owns no data: every call goes to the data services through their
 * fault-tolerant REST clients, and every confirmed write is published as a CloudEvent. Reads need an
 * authenticated user, writes the role {@code user}, deletes the role {@code admin}.
 */
@Path(${entity}Api.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "${entityPlural}")
public class ${entity}Resource {

    static final String PATH = ${entity}Api.PATH;

    @Inject
    ${entity}Gateway gateway;

    @Inject
    ${entity}ActivityGateway activityGateway;

    @Inject
    EventPublisher events;

    @Inject
    IdempotencyStore idempotency;

    @GET
    public PageResponse<${entity}Dto> list(
#listParameters() {
        return gateway.list(#listArguments());
    }

    /** Non-blocking from request to response: the hot read path runs on the event loop (docs/decisions). */
    @GET
    @Path("/{id}")
    public Uni<${entity}Dto> get(@PathParam("id") long id) {
        return gateway.getAsync(id);
    }

    /** The activity log of one ${entity}, newest first; 404 when the ${entity} does not exist. */
    @GET
    @Path("/{id}/activity")
    public PageResponse<${entity}ActivityDto> activity(
            @PathParam("id") long id,
            @QueryParam("page") @DefaultValue("0") @Min(value = 0, message = "must be 0 or more") int page,
            @QueryParam("size") @DefaultValue("20") @Min(value = 1, message = "must be between 1 and 100")
            @Max(value = 100, message = "must be between 1 and 100") int size,
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
    public Response create(
            @HeaderParam(IdempotencyStore.HEADER) @Size(min = 1, max = 255, message = "must have 1 to 255 characters")
            @Pattern(regexp = "^[\\x21-\\x7E]+$", message = "must be visible ASCII characters") String idempotencyKey,
            @Valid @NotNull ${entity}CreateRequest request,
            SecurityContext security) {
        return idempotency.once(security.getUserPrincipal().getName(), idempotencyKey, request, PATH, () -> {
            ${entity}Dto created = gateway.create(request);
            events.publish(${entity}Events.CREATED, created);
            return Response.created(URI.create(PATH + "/" + created.id())).entity(created).build();
        });
    }

    /** Replaces a ${entity}; send the {@code version} you read: a stale one is a 409 and changes nothing. */
    @PUT
    @Path("/{id}")
    @RolesAllowed("user")
    public ${entity}Dto update(@PathParam("id") long id, @Valid @NotNull ${entity}UpdateRequest request) {
        ${entity}Dto updated = gateway.update(id, request);
        events.publish(${entity}Events.UPDATED, updated);
        return updated;
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed("admin")
    public void delete(@PathParam("id") long id) {
        gateway.delete(id);
        // the data of a deleted event is the ${entity} with only its id
        events.publish(${entity}Events.DELETED, ${entity}Dto.withIdOnly(id));
    }
}
