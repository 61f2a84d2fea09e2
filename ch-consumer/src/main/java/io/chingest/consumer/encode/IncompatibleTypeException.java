package io.chingest.consumer.encode;

/** An Avro field type that no value of could be written to a column type; the message says why. Immutable. */
public final class IncompatibleTypeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IncompatibleTypeException(String message) {
        super(message);
    }
}
