package io.chingest.consumer.table;

/**
 * The table's columns changed under a running consumer so that buffered rows no longer fit them; no retry can help.
 * The message names the table and the column. Immutable.
 */
public final class TableChangedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TableChangedException(String message) {
        super(message);
    }
}
