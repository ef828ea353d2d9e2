package dev.msframework.client;

import jakarta.ws.rs.core.Response;

import dev.msframework.problem.Problem;

/**
 * How the REST clients of the data services turn an error response into an exception: 4xx becomes a
 * {@link DownstreamProblemException} carrying the data service's problem, 5xx a
 * {@link DownstreamUnavailableException}. Used by the {@code @ClientExceptionMapper} of every client.
 */
public final class Downstream {

    /** Config key and name of the PostgreSQL data service (URL: DATA_POSTGRES_URL). */
    public static final String DATA_POSTGRES = "data-postgres";
    /** Config key and name of the MongoDB data service (URL: DATA_MONGO_URL). */
    public static final String DATA_MONGO = "data-mongo";

    /** Pause between the attempts of a retried (idempotent) call, in milliseconds. */
    public static final long RETRY_DELAY_MS = 100;
    /** Default time limit of one call, in milliseconds; see the fault-tolerance keys in application.properties. */
    public static final long TIMEOUT_MS = 2000;

    private Downstream() {
    }

    public static RuntimeException toException(String service, Response response) {
        int status = response.getStatus();
        if (status >= 500) {
            return new DownstreamUnavailableException(service, status);
        }
        if (status < 400) {
            return null;
        }
        return new DownstreamProblemException(service, problemOf(response));
    }

    private static Problem problemOf(Response response) {
        int status = response.getStatus();
        try {
            if (response.hasEntity()) {
                Problem problem = response.readEntity(Problem.class);
                if (problem != null && problem.status() == status) {
                    return problem;
                }
            }
        } catch (RuntimeException notAProblem) {
            // not problem+json: keep the status, drop the body
        }
        return Problem.of(status, null, null);
    }
}
