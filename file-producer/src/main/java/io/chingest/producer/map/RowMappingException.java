package io.chingest.producer.map;

import java.nio.file.Path;

/**
 * A record that cannot become an Avro record of the schema. The message reads
 * {@code file:line: column C: reason (value "...")}, where C is the header name in quotes or the 1-based column index.
 * Immutable.
 */
public final class RowMappingException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final int MAX_VALUE_CHARS_SHOWN = 60;

    private final transient Path file;
    private final long line;
    private final String column;
    private final String value;
    private final String reason;

    /**
     * @param column the header name, or the 1-based column index as text
     * @param field  the schema field the column feeds when that is not evident from {@code column}, else null
     * @param value  the offending value, or null when the value is absent
     */
    RowMappingException(Path file, long line, String column, boolean named, String field, String value, String reason) {
        super(file + ":" + line + ": column " + (named ? "'" + column + "'" : column)
                + (field == null ? "" : " (field '" + field + "')") + ": " + reason
                + (value == null ? "" : " (value " + shown(value) + ")"));
        this.file = file;
        this.line = line;
        this.column = column;
        this.value = value == null ? null : truncated(value);
        this.reason = reason;
    }

    public Path file() {
        return file;
    }

    /** The 1-based line the record starts on. */
    public long line() {
        return line;
    }

    /** The header name of the column, or its 1-based index as text when the file has no header. */
    public String column() {
        return column;
    }

    /** The offending value, truncated to a readable length; null when the value was absent. */
    public String value() {
        return value;
    }

    public String reason() {
        return reason;
    }

    private static String truncated(String value) {
        return value.length() <= MAX_VALUE_CHARS_SHOWN ? value : value.substring(0, MAX_VALUE_CHARS_SHOWN);
    }

    private static String shown(String value) {
        String escaped = truncated(value)
                .replace("\\", "\\\\")
                .replace("\"", "\\\"")
                .replace("\n", "\\n")
                .replace("\r", "\\r")
                .replace("\t", "\\t");
        return "\"" + escaped + "\""
                + (value.length() > MAX_VALUE_CHARS_SHOWN ? "... (" + value.length() + " characters)" : "");
    }
}
