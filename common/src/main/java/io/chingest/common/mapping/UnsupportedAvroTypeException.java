package io.chingest.common.mapping;

/** An Avro field whose type has no ClickHouse column mapping; the message names the field and the Avro type. Immutable. */
public final class UnsupportedAvroTypeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnsupportedAvroTypeException(String message) {
        super(message);
    }
}
