package io.chingest.consumer.encode;

/** A record value that its column's RowBinary type cannot represent; the message says why. Immutable. */
public final class ValueEncodingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ValueEncodingException(String message) {
        super(message);
    }
}
