package ${package}.rest;

import java.util.List;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;

import ${package}.domain.InvalidFieldException;
import dev.msframework.problem.Problem;

/** MongoDB outcomes as problem+json: fields MongoDB cannot store are 400, an unreachable MongoDB is 503. */
public class MongoProblemMappers {

    private static final Logger LOG = Logger.getLogger(MongoProblemMappers.class);

    @ServerExceptionMapper
    public Response invalidField(InvalidFieldException e, UriInfo uri) {
        return Problem.invalid("The request has invalid fields.", path(uri),
                List.of(new Problem.FieldError(e.field(), e.getMessage()))).toResponse();
    }

    @ServerExceptionMapper({ MongoTimeoutException.class, MongoSocketException.class })
    public Response unavailable(RuntimeException e, UriInfo uri) {
        LOG.errorf("MongoDB is not reachable on %s: %s", path(uri), e.getMessage());
        return Problem.of(503, "The database is not reachable at the moment. Retry later; a create with an eventId is safe to repeat.", path(uri))
                .toResponse();
    }

    private static String path(UriInfo uri) {
        return "/" + uri.getPath().replaceFirst("^/", "");
    }
}
