package io.chingest.consumer.clickhouse;

import java.util.Set;

/**
 * Which ClickHouse error codes no retry of the same insert can fix: the table or a column is missing or changed, the
 * user may not write, the rows do not parse as the table's types. Every other error (too many parts, memory limit,
 * read-only replica, timeouts, network, a query of the same id still running) is treated as passing. Stateless.
 */
public final class ErrorCodes {
    /** Query id of the same range already running: the earlier attempt must end first. */
    public static final int QUERY_WITH_SAME_ID_IS_ALREADY_RUNNING = 216;

    private static final Set<Integer> PERMANENT_FOR_TABLE = Set.of(
            10, // NOT_FOUND_COLUMN_IN_BLOCK
            16, // NO_SUCH_COLUMN_IN_TABLE
            27, // CANNOT_PARSE_INPUT_ASSERTION_FAILED
            33, // CANNOT_READ_ALL_DATA: rows shorter than the table's types expect
            44, // ILLEGAL_COLUMN
            47, // UNKNOWN_IDENTIFIER
            53, // TYPE_MISMATCH
            60, // UNKNOWN_TABLE
            62, // SYNTAX_ERROR
            70, // CANNOT_CONVERT_TYPE
            81, // UNKNOWN_DATABASE
            164, // READONLY (the user is read-only)
            192, // UNKNOWN_USER
            193, // WRONG_PASSWORD
            497, // ACCESS_DENIED
            516); // AUTHENTICATION_FAILED

    private ErrorCodes() {}

    public static boolean isPermanentForTable(int code) {
        return PERMANENT_FOR_TABLE.contains(code);
    }
}
