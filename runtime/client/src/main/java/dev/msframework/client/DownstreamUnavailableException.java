package dev.msframework.client;

/**
 * A data service answered with a server error (5xx). It counts as a failure for retries and the circuit
 * breaker, and the API answers 503.
 */
public class DownstreamUnavailableException extends RuntimeException {

    private final String service;
    private final int status;

    public DownstreamUnavailableException(String service, int status) {
        super(service + " answered " + status);
        this.service = service;
        this.status = status;
    }

    public String service() {
        return service;
    }

    public int status() {
        return status;
    }
}
