package dev.msframework.events;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

import dev.msframework.client.DownstreamUnavailableException;

/**
 * Tells transient failures (worth a retry) from permanent ones. Transient: a data service answering 5xx,
 * unreachable, too slow or behind an open circuit breaker, I/O errors, and {@link TransientEventException}.
 * Everything else (a 4xx answer, a bug, a {@link PoisonEventException}) is permanent.
 */
public final class EventFailures {

    private EventFailures() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PoisonEventException) {
                return false;
            }
            if (t instanceof TransientEventException || t instanceof DownstreamUnavailableException
                    || t instanceof FaultToleranceException || t instanceof ProcessingException
                    || t instanceof TimeoutException || t instanceof IOException) {
                return true;
            }
            if (t instanceof WebApplicationException web) {
                int status = web.getResponse() == null ? 500 : web.getResponse().getStatus();
                return status >= 500 || status == 408 || status == 429;
            }
        }
        return false;
    }

    /** A one-line description of a failure, for logs and the dead-letter reason. */
    public static String describe(Throwable failure) {
        String message = failure.getMessage();
        String text = failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        text = text.replaceAll("\\s+", " ");
        return text.length() > 500 ? text.substring(0, 500) + "..." : text;
    }
}
