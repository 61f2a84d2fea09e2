package io.chingest.producer.parse;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One record of a delimited file: where it starts and its values. Immutable.
 *
 * @param file   the file the record was read from
 * @param line   the 1-based physical line the record starts on (the header is line 1; a quoted value with line
 *               breaks makes a record span several lines)
 * @param values the values in file order; {@code null} for an absent value (unquoted empty in CSV, empty or
 *               {@code \N} in TSV), {@code ""} for a quoted empty CSV value
 */
public record ParsedRow(Path file, long line, List<String> values) {

    public ParsedRow {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(values, "values");
    }

    public int columnCount() {
        return values.size();
    }

    public String value(int index) {
        return values.get(index);
    }
}
