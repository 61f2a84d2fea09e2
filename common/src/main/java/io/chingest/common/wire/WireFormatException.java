package io.chingest.common.wire;

/** A payload that is not a valid Confluent wire-format message; the message says what is wrong. Immutable. */
public final class WireFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WireFormatException(String message) {
        super(message);
    }

    public WireFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
