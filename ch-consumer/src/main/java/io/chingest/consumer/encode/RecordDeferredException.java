package io.chingest.consumer.encode;

/**
 * A record that cannot be encoded yet because a service it needs (schema registry, ClickHouse for the table's
 * columns) is unavailable; it should be read again later. Immutable.
 */
public final class RecordDeferredException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RecordDeferredException(String message, Throwable cause) {
        super(message, cause);
    }
}
