package io.chingest.consumer.table;

/** The target table is missing, cannot be created or cannot be described; the message names the table. Immutable. */
public final class TableSetupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TableSetupException(String message) {
        super(message);
    }

    public TableSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
