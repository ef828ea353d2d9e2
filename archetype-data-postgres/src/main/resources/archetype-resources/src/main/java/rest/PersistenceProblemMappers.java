package ${package}.rest;

import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.hibernate.StaleObjectStateException;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import ${package}.problem.Problem;

/** Database outcomes as problem+json: lost races and constraint violations are conflicts (409). */
public class PersistenceProblemMappers {

    @ServerExceptionMapper({ OptimisticLockException.class, StaleObjectStateException.class })
    public Response concurrentUpdate(RuntimeException e, UriInfo uri) {
        return Problem.of(409, "The resource was changed by another request meanwhile. Read it again and retry.",
                "/" + uri.getPath().replaceFirst("^/", "")).toResponse();
    }

    @ServerExceptionMapper
    public Response constraint(ConstraintViolationException e, UriInfo uri) {
        return Problem.of(409, "The request conflicts with existing data (" + e.getConstraintName() + ").",
                "/" + uri.getPath().replaceFirst("^/", "")).toResponse();
    }
}
