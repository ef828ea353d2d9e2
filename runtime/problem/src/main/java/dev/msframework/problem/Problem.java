package dev.msframework.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem detail, the body of every error response ({@value #MEDIA_TYPE}).
 *
 * @param type     URI reference of the problem type; {@code about:blank} means "see the status"
 * @param title    short summary of the problem type (the HTTP reason phrase for {@code about:blank})
 * @param status   HTTP status code
 * @param detail   explanation specific to this occurrence
 * @param instance URI reference of this occurrence (the request path)
 * @param errors   the invalid fields of a 400 response, absent otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid field of a request: a body property path ({@code title}) or a parameter name ({@code size}). */
    public record FieldError(String field, String message) {
    }

    public static Problem of(int status, String detail, String instance) {
        return new Problem("about:blank", reasonPhrase(status), status, detail, instance, null);
    }

    public static Problem invalid(String detail, String instance, List<FieldError> errors) {
        return new Problem("about:blank", reasonPhrase(400), 400, detail, instance, errors);
    }

    /** The same problem naming the fields it is about (a 409 for a duplicate value, for example). */
    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, fieldErrors);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }

    /**
     * The HTTP reason phrase of {@code status}: JAX-RS's, else RFC 9110's for the few codes JAX-RS lacks (422 is the
     * one this system answers), else the status class ("Client Error").
     */
    static String reasonPhrase(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        if (known != null) {
            return known.getReasonPhrase();
        }
        return switch (status) {
            case 421 -> "Misdirected Request";
            case 422 -> "Unprocessable Content";
            case 425 -> "Too Early";
            case 426 -> "Upgrade Required";
            default -> switch (Response.Status.Family.familyOf(status)) {
                case INFORMATIONAL -> "Informational";
                case SUCCESSFUL -> "Successful";
                case REDIRECTION -> "Redirection";
                case CLIENT_ERROR -> "Client Error";
                case SERVER_ERROR -> "Server Error";
                default -> "Unknown Status";
            };
        };
    }
}
