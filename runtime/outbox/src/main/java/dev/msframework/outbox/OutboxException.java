package dev.msframework.outbox;

/**
 * An event could not be written to the outbox (not serialisable as JSON, or the insert failed). Thrown out of
 * {@link Outbox#add}, it rolls back the caller's transaction: no write without its event.
 */
public class OutboxException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public OutboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
