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

/**
 * The HTTP contract of the ${entity} data service, defined once: the data service implements it and
 * business services call it through a REST client that extends it, so both sides compile against the
 * same paths, parameters, bodies and constraints.
 */
@Path(${entity}Api.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface ${entity}Api {

    String PATH = "/api/v1/${resourcePath}";

    String SORT_FIELDS = "${model.sortFields}";
    String SORT_PATTERN = "^(" + SORT_FIELDS + ")(,(asc|desc))?$";

    /**
     * Lists ${entityPlural} page by page#if(!$model.filterFields.isEmpty()), optionally filtered:#foreach($f in $model.filterFields)#if($f.filter == "equal") {@code $f.name} equal to the value#else {@code ${f.name}From} and {@code ${f.name}To} (both inclusive)#end#if($foreach.hasNext),#end#end#end.
     */
    @GET
    PageResponse<${entity}Dto> list(
#listParameters();

    @GET
    @Path("/{id}")
    ${entity}Dto get(@PathParam("id") long id);

    /** Creates a ${entity}: 201 with a Location header and the ${entity} as body. */
    @POST
    Response create(@Valid @NotNull ${entity}CreateRequest request);

    /** Replaces a ${entity}; 409 when {@code version} is not the current one. */
    @PUT
    @Path("/{id}")
    ${entity}Dto update(@PathParam("id") long id, @Valid @NotNull ${entity}UpdateRequest request);

    /** Deletes a ${entity}: 204, or 404 when it does not exist. */
    @DELETE
    @Path("/{id}")
    void delete(@PathParam("id") long id);
}
