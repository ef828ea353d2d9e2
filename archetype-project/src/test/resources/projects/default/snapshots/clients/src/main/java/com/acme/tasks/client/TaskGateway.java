package com.acme.tasks.client;

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
import com.acme.tasks.contract.TaskCreateRequest;
import com.acme.tasks.contract.TaskDto;
import com.acme.tasks.contract.TaskUpdateRequest;

/**
 * The fault-tolerant way to the Task data service. Every call has a timeout and goes through a
 * circuit breaker (a 4xx answer is not a failure); only reads are retried, and only on errors that fail
 * fast (unreachable, 5xx), never on a timeout. Writes are not retried: a retried create could create twice,
 * and a retried update or delete whose first attempt succeeded would answer 409 or 404.
 */
@ApplicationScoped
@Timeout(Downstream.TIMEOUT_MS)
@CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, successThreshold = 2,
        skipOn = DownstreamProblemException.class)
public class TaskGateway {

    @Inject
    @RestClient
    TaskClient client;

    @Inject
    @RestClient
    TaskAsyncClient asyncClient;

    @Retry(maxRetries = 2, delay = Downstream.RETRY_DELAY_MS,
            retryOn = { DownstreamUnavailableException.class, ProcessingException.class },
            abortOn = DownstreamProblemException.class)
    public PageResponse<TaskDto> list(int page, int size, String sort, String status, String dueDateFrom, String dueDateTo) {
        return client.list(page, size, sort, status, dueDateFrom, dueDateTo);
    }

    @Retry(maxRetries = 2, delay = Downstream.RETRY_DELAY_MS,
            retryOn = { DownstreamUnavailableException.class, ProcessingException.class },
            abortOn = DownstreamProblemException.class)
    public TaskDto get(long id) {
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
    public Uni<TaskDto> getAsync(long id) {
        return asyncClient.get(id)
                .onFailure(e -> !(e instanceof DownstreamProblemException || e instanceof DownstreamUnavailableException
                        || e instanceof ProcessingException))
                .transform(ProcessingException::new);
    }

    public TaskDto create(TaskCreateRequest request) {
        try (Response response = client.create(request)) {
            return response.readEntity(TaskDto.class);
        }
    }

    public TaskDto update(long id, TaskUpdateRequest request) {
        return client.update(id, request);
    }

    public void delete(long id) {
        client.delete(id);
    }
}
