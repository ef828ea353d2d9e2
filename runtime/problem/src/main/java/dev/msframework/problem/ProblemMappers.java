package dev.msframework.problem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * Turns every exception that leaves a REST endpoint into an RFC 9457 {@code application/problem+json} body.
 * Services add mappers of their own for their specific exceptions (persistence, downstream calls, ...).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response invalidInput(ConstraintViolationException e, UriInfo uri) {
        if (e.getConstraintViolations().stream().anyMatch(ProblemMappers::onReturnValue)) {
            // the endpoint broke its own contract: a bug of the service, not the client's fault
            return unexpected(e, uri);
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            errors.add(new Problem.FieldError(field(violation.getPropertyPath()), violation.getMessage()));
        }
        errors.sort(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message));
        return Problem.invalid("The request has invalid fields.", path(uri), errors).toResponse();
    }

    @ServerExceptionMapper({ JsonProcessingException.class, MismatchedInputException.class })
    public Response unreadableBody(JsonProcessingException e, UriInfo uri) {
        List<Problem.FieldError> errors = null;
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            StringBuilder field = new StringBuilder();
            for (JsonMappingException.Reference ref : mapping.getPath()) {
                if (ref.getFieldName() != null) {
                    field.append(field.isEmpty() ? "" : ".").append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    field.append('[').append(ref.getIndex()).append(']');
                }
            }
            errors = List.of(new Problem.FieldError(field.toString(), "has an invalid value or type"));
        }
        return Problem.invalid("The request body is not valid JSON for this endpoint: " + e.getOriginalMessage(),
                path(uri), errors).toResponse();
    }

    @ServerExceptionMapper
    public Response httpError(WebApplicationException e, UriInfo uri) {
        Response response = e.getResponse();
        if (response.getStatus() == 400 && e.getCause() instanceof JsonProcessingException unreadable) {
            // Quarkus REST's JSON reader wraps syntax errors (and some mapping errors) in a plain 400
            return unreadableBody(unreadable, uri);
        }
        if (response.hasEntity() && response.getEntity() instanceof Problem) {
            return response;
        }
        int status = response.getStatus();
        if (status >= 500) {
            LOG.errorf(e, "Request %s failed with %d", path(uri), status);
        }
        String detail = e.getMessage() != null && !e.getMessage().startsWith("HTTP ") ? e.getMessage() : null;
        return Problem.of(status, detail, path(uri)).toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        LOG.errorf(e, "Unexpected error on %s", path(uri));
        return Problem.of(500, "An unexpected error occurred; it has been logged.", path(uri)).toResponse();
    }

    private static boolean onReturnValue(ConstraintViolation<?> violation) {
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code create.request.title} becomes {@code title}; {@code list.size} becomes {@code size}; an element of a
     * list body, {@code createAll.requests[3].title}, becomes {@code [3].title} (the path Jackson reports too), the null
     * element itself {@code requests[3]}.
     */
    static String field(Path path) {
        List<String> names = new ArrayList<>();
        for (Path.Node node : path) {
            ElementKind kind = node.getKind();
            if (node.isInIterable() && node.getIndex() != null && !names.isEmpty()) {
                names.set(names.size() - 1, names.get(names.size() - 1) + "[" + node.getIndex() + "]");
            }
            if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR || kind == ElementKind.CROSS_PARAMETER
                    || kind == ElementKind.RETURN_VALUE || kind == ElementKind.CONTAINER_ELEMENT || node.getName() == null) {
                continue;
            }
            names.add(node.getName());
        }
        if (names.size() > 1) {
            // the parameter's name says nothing to the client; an element's index does: keep it
            String first = names.remove(0);
            if (first.endsWith("]")) {
                names.set(0, first.substring(first.indexOf('[')) + "." + names.get(0));
            }
        }
        return String.join(".", names);
    }

    static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }
}
