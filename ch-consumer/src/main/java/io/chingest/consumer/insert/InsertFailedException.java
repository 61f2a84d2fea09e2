package io.chingest.consumer.insert;

/**
 * An insert ClickHouse did not confirm. A passing failure (server down, time-out, too many parts) may succeed when the
 * same batch is tried again; a permanent one (table or column missing or changed, access denied) will not.
 * Immutable.
 */
public final class InsertFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean permanent;

    public InsertFailedException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public boolean isPermanent() {
        return permanent;
    }
}
