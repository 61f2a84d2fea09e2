package io.chingest.consumer.clickhouse;

/** ClickHouse could not be reached or did not answer in time; retrying later may succeed. Immutable. */
public final class ClickHouseUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ClickHouseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
