package ${package}.contract;

import java.util.List;

import dev.msframework.contract.BatchResponse;
import dev.msframework.contract.PageResponse;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
 * The HTTP contract of the ${entity} activity log (data-mongo service), defined once: the data service
 * implements it, business services call it through a REST client that extends it. The data services are
 * internal: no credentials ({@code security: []}); error responses are problem+json (msframework-problem adds the
 * schema).
 */
@Path("/api/v1/${activityPath}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "${entity} activities", description = "What happened to each ${entity}, recorded from its events")
@SecurityRequirements
@APIResponse(responseCode = "503", description = "MongoDB is not reachable; retry later")
public interface ${entity}ActivityApi {

    String SORT_FIELDS = "occurredAt|type|${entityVar}Id|id";
    String SORT_PATTERN = "^(" + SORT_FIELDS + ")(,(asc|desc))?$";
    String TYPE_PATTERN = "^[a-z][a-z0-9_-]*(\\.[a-z][a-z0-9_-]*)*$";
    String ID_PATTERN = "^[0-9a-f]{24}$";

    /** Lists activities page by page, newest first by default, optionally for one ${entity} and one type. */
    @GET
    @Operation(operationId = "list${entity}Activities", summary = "List ${entity} activities")
    @APIResponse(responseCode = "200", description = "One page of activities")
    @APIResponse(responseCode = "400", description = "Invalid paging, sort or filter parameters")
    PageResponse<${entity}ActivityDto> list(
#pagingParameters()
            @QueryParam("sort") @DefaultValue("occurredAt,desc")
            @Pattern(regexp = SORT_PATTERN, message = "must be <field>[,asc|desc] with field one of " + SORT_FIELDS) String sort,
            @QueryParam("${entityVar}Id") @Positive Long ${entityVar}Id,
            @QueryParam("type") @Pattern(regexp = TYPE_PATTERN, message = "must be lower-case words joined by '.', '-' or '_'") String type);

    @GET
    @Path("/{id}")
    @Operation(operationId = "get${entity}Activity", summary = "Get ${entity} activity")
    @APIResponse(responseCode = "200", description = "The activity")
    @APIResponse(responseCode = "400", description = "The id is not 24 hex digits")
    @APIResponse(responseCode = "404", description = "No activity has this id")
    ${entity}ActivityDto get(@PathParam("id") @Pattern(regexp = ID_PATTERN, message = "must be 24 hex digits") String id);

    /** Records an activity: 201 with a Location header and the activity as body; 409 for a known eventId. */
    @POST
    @Operation(operationId = "create${entity}Activity", summary = "Record ${entity} activity")
    @APIResponseSchema(value = ${entity}ActivityDto.class, responseCode = "201", responseDescription = "Recorded; Location is its URL")
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "409", description = "An activity with this eventId is already recorded")
    Response create(@Valid @NotNull ${entity}ActivityCreateRequest request);

    /**
     * Records several activities in one call (the event consumers' way): 200 with one result per request, in order,
     * 201 recorded or 409 already recorded (a known eventId, also twice in the same batch). Any invalid request
     * refuses the whole batch (400) and records nothing.
     */
    @POST
    @Path("/batch")
    @Operation(operationId = "record${entity}Activities", summary = "Record ${entity} activities in a batch")
    @APIResponse(responseCode = "200", description = "One result per request, in request order: status 201 (id) or 409 (detail)")
    @APIResponse(responseCode = "400", description = "Invalid fields in one of the requests, or not 1 to " + BatchResponse.MAX_SIZE + " requests")
    BatchResponse createAll(@NotNull @Size(min = 1, max = BatchResponse.MAX_SIZE, message = BatchResponse.SIZE_RULE)
            List<@Valid @NotNull ${entity}ActivityCreateRequest> requests);

    /** Deletes an activity: 204, or 404 when it does not exist. */
    @DELETE
    @Path("/{id}")
    @Operation(operationId = "delete${entity}Activity", summary = "Delete ${entity} activity")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "400", description = "The id is not 24 hex digits")
    @APIResponse(responseCode = "404", description = "No activity has this id")
    void delete(@PathParam("id") @Pattern(regexp = ID_PATTERN, message = "must be 24 hex digits") String id);
}
