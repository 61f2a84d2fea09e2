package io.chingest.consumer.clickhouse;

/** ClickHouse answered a statement with an error; {@link #code()} is its error code (60 = unknown table). Immutable. */
public final class ClickHouseQueryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int code;

    public ClickHouseQueryException(String message, int code, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
