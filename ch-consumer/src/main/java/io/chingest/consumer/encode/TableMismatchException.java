package io.chingest.consumer.encode;

/** The target table's columns and a record schema do not fit together; the message names table and column. Immutable. */
public final class TableMismatchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TableMismatchException(String message) {
        super(message);
    }
}
