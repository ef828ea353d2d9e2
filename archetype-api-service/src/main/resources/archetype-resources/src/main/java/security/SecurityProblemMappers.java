package ${package}.security;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

import dev.msframework.problem.Problem;

/** Missing or invalid tokens (401) and missing roles (403) as application/problem+json. */
public class SecurityProblemMappers {

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return Response.fromResponse(Problem.of(401, "A valid bearer token is required.", instance(uri)).toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Problem.of(403, "The token lacks the role this operation needs.", instance(uri)).toResponse();
    }

    private static String instance(UriInfo uri) {
        return "/" + uri.getPath().replaceFirst("^/", "");
    }
}
