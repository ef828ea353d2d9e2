package dev.msframework.problem;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;

/** Endpoints that fail in each way a service's endpoints do. */
@Path("/problem-test")
public class ProblemTestResource {

    public record Item(@NotBlank String title, @Min(1) int quantity, List<Integer> sizes) {
    }

    @POST
    @Path("/items")
    public Item create(@Valid @NotNull Item item) {
        return item;
    }

    @POST
    @Path("/items/batch")
    public List<Item> createAll(@NotNull @Size(max = 3) List<@Valid @NotNull Item> items) {
        return items;
    }

    @GET
    @Path("/items")
    public List<Item> list(@QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        return List.of();
    }

    @GET
    @Path("/items/{id}")
    public Item get(@PathParam("id") long id) {
        throw new NotFoundException();
    }

    /** A bug: the endpoint breaks its own contract. */
    @GET
    @Path("/summary")
    @NotBlank
    public String summary() {
        return " ";
    }

    @GET
    @Path("/gone")
    public Item gone() {
        throw new WebApplicationException("Item 7 was deleted.", 410);
    }

    @GET
    @Path("/boom")
    public Item boom() {
        throw new IllegalStateException("connection to db.internal:5432 as admin/hunter2 failed");
    }
}
