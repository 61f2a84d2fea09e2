package io.chingest.consumer.encode;

/**
 * A record no retry can ingest; the message names topic, partition and offset, and table and column where one is
 * involved. Either the record itself is bad (not in the wire format, unknown schema id, a value out of its column's
 * range, too large): a poison record, which can go to a dead-letter topic; or its writer schema does not fit the table,
 * which every record of that schema would hit, so the run stops. Immutable.
 */
public final class RecordRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean tableMismatch;
    private final String table;
    private final String column;

    /** A poison record, without a column involved. */
    public RecordRejectedException(String message, Throwable cause) {
        this(message, cause, false, null, null);
    }

    /**
     * @param tableMismatch true when the writer schema does not fit the table (not this record's own fault)
     * @param table         the table involved, or null
     * @param column        the column involved, or null
     */
    public RecordRejectedException(
            String message, Throwable cause, boolean tableMismatch, String table, String column) {
        super(message, cause);
        this.tableMismatch = tableMismatch;
        this.table = table;
        this.column = column;
    }

    public boolean isTableMismatch() {
        return tableMismatch;
    }

    /** The table involved, or null. */
    public String table() {
        return table;
    }

    /** The column involved, or null. */
    public String column() {
        return column;
    }
}
