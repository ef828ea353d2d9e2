package ${package}.client;

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

import io.smallrye.mutiny.Uni;

import dev.msframework.contract.PageResponse;
import ${package}.contract.${entity}CreateRequest;
import ${package}.contract.${entity}Dto;
import ${package}.contract.${entity}UpdateRequest;

/**
 * The fault-tolerant way to the ${entity} data service. Every call has a timeout and goes through a
 * circuit breaker (a 4xx answer is not a failure); only reads are retried, and only on errors that fail
 * fast (unreachable, 5xx), never on a timeout. Writes are not retried: a retried create could create twice,
 * and a retried update or delete whose first attempt succeeded would answer 409 or 404.
 */
@ApplicationScoped
@Timeout(Downstream.TIMEOUT_MS)
@CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, successThreshold = 2,
        skipOn = DownstreamProblemException.class)
public class ${entity}Gateway {

    @Inject
    @RestClient
    ${entity}Client client;

    @Inject
    @RestClient
    ${entity}AsyncClient asyncClient;

    @Retry(maxRetries = 2, delay = Downstream.RETRY_DELAY_MS,
            retryOn = { DownstreamUnavailableException.class, ProcessingException.class },
            abortOn = DownstreamProblemException.class)
    public PageResponse<${entity}Dto> list(#listSignature()) {
        return client.list(#listArguments());
    }

    @Retry(maxRetries = 2, delay = Downstream.RETRY_DELAY_MS,
            retryOn = { DownstreamUnavailableException.class, ProcessingException.class },
            abortOn = DownstreamProblemException.class)
    public ${entity}Dto get(long id) {
        return client.get(id);
    }

    /**
     * {@link #get} without blocking a thread: same timeout, retries and circuit breaker, none of them waits.
     * The reactive client fails with the bare I/O error (connection refused, closed) where the blocking one
     * throws a {@link ProcessingException}: it is wrapped the same way, so both fail alike.
     */
    @Retry(maxRetries = 2, delay = Downstream.RETRY_DELAY_MS,
            retryOn = { DownstreamUnavailableException.class, ProcessingException.class },
            abortOn = DownstreamProblemException.class)
    public Uni<${entity}Dto> getAsync(long id) {
        return asyncClient.get(id)
                .onFailure(e -> !(e instanceof DownstreamProblemException || e instanceof DownstreamUnavailableException
                        || e instanceof ProcessingException))
                .transform(ProcessingException::new);
    }

    public ${entity}Dto create(${entity}CreateRequest request) {
        try (Response response = client.create(request)) {
            return response.readEntity(${entity}Dto.class);
        }
    }

    public ${entity}Dto update(long id, ${entity}UpdateRequest request) {
        return client.update(id, request);
    }

    public void delete(long id) {
        client.delete(id);
    }
}
