package dev.msframework.events;

/**
 * A message that can never be processed, however often it is retried: not a CloudEvent, data its handler cannot
 * read, or rejected by a data service as invalid. It goes to the dead-letter queue with this message as reason.
 */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String reason) {
        super(reason);
    }

    public PoisonEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
