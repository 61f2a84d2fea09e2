package io.chingest.consumer.poll;

/**
 * The loop stopped for a reason no retry can fix; the message says what and where (topic, partition, offset, table,
 * column). What was inserted before it is committed. Immutable.
 */
public final class RunStoppedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the run stopped. */
    public enum Reason {
        /** The table refused the rows for good (missing, changed, access denied). */
        TABLE_REFUSED,
        /** With stop-at-end: the topic does not exist, or no partition was assigned in time. */
        NOTHING_TO_READ
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
