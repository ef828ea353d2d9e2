package dev.msframework.client;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

import dev.msframework.problem.Problem;

/** A stand-in data service, a client of it as the API services have, and endpoints that fail as their calls do. */
public class DownstreamTestResources {

    /** What a data service answers. */
    @Path("/stub-data")
    public static class StubDataService {

        @GET
        @Path("/orders/{id}")
        public Response order(@PathParam("id") String id) {
            return switch (id) {
                case "missing" -> Problem.of(404, "No order missing.", "/orders/missing").toResponse();
                case "invalid" -> Problem.invalid("The request has invalid fields.", "/orders/invalid",
                        List.of(new Problem.FieldError("quantity", "must be greater than 0"))).toResponse();
                case "plain" -> Response.status(409).type(MediaType.TEXT_PLAIN).entity("duplicate").build();
                case "failing" -> Response.serverError().build();
                default -> Response.ok("{\"id\":\"" + id + "\"}", MediaType.APPLICATION_JSON).build();
            };
        }
    }

    /** A REST client of a data service, turning its error answers into exceptions as the generated clients do. */
    @Path("/stub-data")
    public interface StubDataClient {

        @GET
        @Path("/orders/{id}")
        String order(@PathParam("id") String id);

        @ClientExceptionMapper
        static RuntimeException toException(Response response) {
            return Downstream.toException(Downstream.DATA_POSTGRES, response);
        }
    }

    /** An API service's endpoints. */
    @Path("/api-test")
    public static class ApiResource {

        @Context
        UriInfo uri;

        @GET
        @Path("/orders/{id}")
        @Produces(MediaType.APPLICATION_JSON)
        public String order(@PathParam("id") String id) {
            return client(uri.getBaseUri()).order(id);
        }

        @GET
        @Path("/unreachable")
        public String unreachable() {
            // nothing listens on port 1
            return client(URI.create("http://127.0.0.1:1")).order("1");
        }

        @GET
        @Path("/timeout")
        public String timeout() {
            throw new TimeoutException("Timed out");
        }

        @GET
        @Path("/circuit-open")
        public String circuitOpen() {
            throw new CircuitBreakerOpenException("open");
        }

        @GET
        @Path("/processing")
        public String processing() {
            throw new ProcessingException("connection reset", new IOException("reset"));
        }

        @GET
        @Path("/unavailable")
        public String unavailable() {
            throw new DownstreamUnavailableException(Downstream.DATA_MONGO, 502);
        }

        private static StubDataClient client(URI base) {
            return QuarkusRestClientBuilder.newBuilder().baseUri(base).build(StubDataClient.class);
        }
    }
}
