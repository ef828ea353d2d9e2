package dev.msframework.problem.example;

import java.util.List;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.msframework.problem.Problem;

/**
 * How a service maps one more exception (the example of docs/runtime.md): a {@code @ServerExceptionMapper} for its
 * type, answering a {@link Problem}. It is more specific than the library's catch-all for {@code Exception}, so it wins.
 */
public class OutOfStockMappers {

    @ServerExceptionMapper
    public Response outOfStock(OutOfStockException e, UriInfo uri) {
        return Problem.of(409, e.getMessage(), uri.getPath())
                .withErrors(List.of(new Problem.FieldError("sku", "out of stock")))
                .toResponse();
    }
}
