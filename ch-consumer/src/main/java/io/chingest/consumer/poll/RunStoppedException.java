package io.chingest.consumer.poll;

/**
 * The loop stopped for a reason no retry can fix, or one that a bound ran out on; the message says what and where
 * (topic, partition, offset, table, column, URL). What was inserted before it is committed. Immutable.
 */
public final class RunStoppedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the run stopped. */
    public enum Reason {
        /** The table refused the rows for good (missing, changed, access denied). */
        TABLE_REFUSED,
        /** With stop-at-end: the topic does not exist, or no partition was assigned in time. */
        NOTHING_TO_READ,
        /** With stop-at-end: the schema registry stayed unusable past the bound; nothing past the records it could not decode is committed. */
        SERVICE_UNAVAILABLE,
        /** The dead-letter circuit breaker tripped; nothing past the records it stopped at is committed. */
        TOO_MANY_DEAD_LETTERS
    }

    private final Reason reason;

    public RunStoppedException(String message, Reason reason) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
