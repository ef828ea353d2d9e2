package ${package}.client;

import dev.msframework.client.Downstream;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;

import ${package}.contract.${entity}Api;
import ${package}.contract.${entity}Dto;

/**
 * The contract's {@code GET /{id}} without a thread that waits for the answer, for the hot read path of a
 * service that serves HTTP: from request to response it then runs on the event loop. Same configuration
 * ({@code quarkus.rest-client.data-postgres.*}) and errors as {@link ${entity}Client}; call it through
 * {@link ${entity}Gateway#getAsync}.
 */
@RegisterRestClient(configKey = Downstream.DATA_POSTGRES)
@Path(${entity}Api.PATH)
@Produces(MediaType.APPLICATION_JSON)
interface ${entity}AsyncClient {

    @GET
    @Path("/{id}")
    Uni<${entity}Dto> get(@PathParam("id") long id);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return Downstream.toException(Downstream.DATA_POSTGRES, response);
    }
}
