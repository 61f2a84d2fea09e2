package io.chingest.consumer.insert;

/** An insert ClickHouse did not confirm; the same batch may be tried again. Immutable. */
public final class InsertFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InsertFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
