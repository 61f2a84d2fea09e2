package io.chingest.producer.quarantine;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A row that was set aside instead of published: where it is, why, and its text as it is in the file. Immutable.
 *
 * @param file   the input file
 * @param line   the 1-based line the record starts on (of the uncompressed text)
 * @param column the header name or 1-based index of the column at fault, or null when no column is (a record too
 *               large for Kafka, a record the parser cannot read)
 * @param reason why the row was rejected, without file, line and column
 * @param value  the offending value, or null
 * @param text   the record's text without its final line break, or null when the parser cannot give it
 */
public record RejectedRow(Path file, long line, String column, String reason, String value, String text) {

    public RejectedRow {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(reason, "reason");
    }

    /** {@code file:line: column C: reason}, the form every error of the program has. */
    public String describe() {
        return file + ":" + line + ": " + (column == null ? "" : "column " + quoted(column) + ": ") + reason
                + (value == null
                        ? ""
                        : " (value \""
                                + value.replace("\\", "\\\\")
                                        .replace("\"", "\\\"")
                                        .replace("\n", "\\n")
                                        .replace("\r", "\\r")
                                        .replace("\t", "\\t")
                                + "\")");
    }

    /** A header name in quotes, a column number as it is. */
    private static String quoted(String column) {
        return !column.isEmpty() && column.chars().allMatch(c -> c >= '0' && c <= '9') ? column : "'" + column + "'";
    }
}
