package ${package}.contract;

import dev.msframework.contract.PageResponse;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
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

/**
 * The HTTP contract of the ${entity} activity log (data-mongo service), defined once: the data service
 * implements it, business services call it through a REST client that extends it.
 */
@Path("/api/v1/${activityPath}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface ${entity}ActivityApi {

    String SORT_FIELDS = "occurredAt|type|${entityVar}Id|id";
    String SORT_PATTERN = "^(" + SORT_FIELDS + ")(,(asc|desc))?$";
    String TYPE_PATTERN = "^[a-z][a-z0-9_-]*(\\.[a-z][a-z0-9_-]*)*$";
    String ID_PATTERN = "^[0-9a-f]{24}$";

    /** Lists activities page by page, newest first by default, optionally for one ${entity} and one type. */
    @GET
    PageResponse<${entity}ActivityDto> list(
            @QueryParam("page") @DefaultValue("0") @Min(value = 0, message = "must be 0 or more") int page,
            @QueryParam("size") @DefaultValue("20") @Min(value = 1, message = "must be between 1 and 100")
            @Max(value = 100, message = "must be between 1 and 100") int size,
            @QueryParam("sort") @DefaultValue("occurredAt,desc")
            @Pattern(regexp = SORT_PATTERN, message = "must be <field>[,asc|desc] with field one of " + SORT_FIELDS) String sort,
            @QueryParam("${entityVar}Id") @Positive Long ${entityVar}Id,
            @QueryParam("type") @Pattern(regexp = TYPE_PATTERN, message = "must be lower-case words joined by '.', '-' or '_'") String type);

    @GET
    @Path("/{id}")
    ${entity}ActivityDto get(@PathParam("id") @Pattern(regexp = ID_PATTERN, message = "must be 24 hex digits") String id);

    /** Records an activity: 201 with a Location header and the activity as body; 409 for a known eventId. */
    @POST
    Response create(@Valid @NotNull ${entity}ActivityCreateRequest request);

    /** Deletes an activity: 204, or 404 when it does not exist. */
    @DELETE
    @Path("/{id}")
    void delete(@PathParam("id") @Pattern(regexp = ID_PATTERN, message = "must be 24 hex digits") String id);
}
