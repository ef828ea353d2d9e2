package dev.msframework.client;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.msframework.problem.Problem;

/**
 * Outcomes of data-service calls as problem+json: a downstream 4xx is passed on with its status, title,
 * detail and field errors; a downstream that is down, failing (5xx), slow (timeout) or cut off by the
 * circuit breaker is a 503 with {@code Retry-After}.
 */
public class DownstreamProblemMappers {

    private static final Logger LOG = Logger.getLogger(DownstreamProblemMappers.class);
    static final String RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper
    public Response rejected(DownstreamProblemException e, UriInfo uri) {
        Problem p = e.problem();
        return new Problem(p.type(), p.title(), p.status(), p.detail(), instance(uri), p.errors()).toResponse();
    }

    @ServerExceptionMapper
    public Response failing(DownstreamUnavailableException e, UriInfo uri) {
        LOG.warnf("%s failed with %d on %s", e.service(), e.status(), instance(uri));
        return unavailable("The " + e.service() + " service failed; retry later.", uri);
    }

    @ServerExceptionMapper
    public Response faultTolerance(FaultToleranceException e, UriInfo uri) {
        LOG.warnf("Downstream call gave up on %s: %s", instance(uri), e.toString());
        return unavailable("A service this request depends on is too slow or unavailable; retry later.", uri);
    }

    @ServerExceptionMapper
    public Response unreachable(ProcessingException e, UriInfo uri) {
        LOG.warnf("Downstream call failed on %s: %s", instance(uri), String.valueOf(e.getCause()));
        return unavailable("A service this request depends on is unreachable; retry later.", uri);
    }

    private static Response unavailable(String detail, UriInfo uri) {
        return Response.fromResponse(Problem.of(503, detail, instance(uri)).toResponse())
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
    }

    private static String instance(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }
}
