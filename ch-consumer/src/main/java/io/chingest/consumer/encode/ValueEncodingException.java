package io.chingest.consumer.encode;

/** A record value that its column's RowBinary type cannot represent; the message says why. Immutable. */
public final class ValueEncodingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String column;

    public ValueEncodingException(String message) {
        this(null, message);
    }

    /** @param column the column whose value does not fit, or null when not known yet */
    public ValueEncodingException(String column, String message) {
        super(message);
        this.column = column;
    }

    /** The column, or null. */
    public String column() {
        return column;
    }
}
