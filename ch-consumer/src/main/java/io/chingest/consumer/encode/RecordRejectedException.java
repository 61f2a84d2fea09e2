package io.chingest.consumer.encode;

/**
 * A record no retry can ingest (bad payload, unknown schema id, table mismatch, value out of range); the message
 * names topic, partition and offset, and table and column where one is involved. Immutable.
 */
public final class RecordRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RecordRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
