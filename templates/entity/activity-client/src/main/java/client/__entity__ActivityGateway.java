package ${package}.client;

import java.util.List;

import dev.msframework.client.Downstream;
import dev.msframework.client.DownstreamProblemException;
import dev.msframework.client.DownstreamUnavailableException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import dev.msframework.contract.BatchResponse;
import dev.msframework.contract.PageResponse;
import ${package}.contract.${entity}ActivityCreateRequest;
import ${package}.contract.${entity}ActivityDto;

/**
 * The fault-tolerant way to the ${entity} activity log (data-mongo): a timeout and a circuit breaker on
 * every call, retries for reads only. {@link #record} is safe to repeat when the request carries an
 * {@code eventId}: the data service answers 409 for one it already has.
 */
@ApplicationScoped
@Timeout(Downstream.TIMEOUT_MS)
@CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, successThreshold = 2,
        skipOn = DownstreamProblemException.class)
public class ${entity}ActivityGateway {

    @Inject
    @RestClient
    ${entity}ActivityClient client;

    @Retry(maxRetries = 2, delay = Downstream.RETRY_DELAY_MS,
            retryOn = { DownstreamUnavailableException.class, ProcessingException.class },
            abortOn = DownstreamProblemException.class)
    public PageResponse<${entity}ActivityDto> list(int page, int size, String sort, Long ${entityVar}Id, String type) {
        return client.list(page, size, sort, ${entityVar}Id, type);
    }

    @Retry(maxRetries = 2, delay = Downstream.RETRY_DELAY_MS,
            retryOn = { DownstreamUnavailableException.class, ProcessingException.class },
            abortOn = DownstreamProblemException.class)
    public ${entity}ActivityDto get(String id) {
        return client.get(id);
    }

    public ${entity}ActivityDto record(${entity}ActivityCreateRequest request) {
        try (Response response = client.create(request)) {
            return response.readEntity(${entity}ActivityDto.class);
        }
    }

    /** Records several activities in one call: one result per request, in order (201 recorded, 409 already known). */
    public BatchResponse recordAll(List<${entity}ActivityCreateRequest> requests) {
        return client.createAll(requests);
    }

    public void delete(String id) {
        client.delete(id);
    }
}
