package dev.msframework.events;

/**
 * A failure that may go away by itself (a service or Redis unreachable, the event being processed by
 * another consumer right now): the event is retried with backoff, and dead-lettered past the limit.
 */
public class TransientEventException extends RuntimeException {

    public TransientEventException(String reason) {
        super(reason);
    }

    public TransientEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
