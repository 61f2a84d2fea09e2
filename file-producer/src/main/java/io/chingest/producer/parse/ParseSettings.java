package io.chingest.producer.parse;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;

/**
 * How to read the delimited files and the bounds that keep the reader's memory fixed: one value holds at most
 * {@code maxValueChars}, one record at most {@code maxColumns} values and {@code maxRowChars} characters. Immutable.
 *
 * @param delimiter  the CSV value delimiter; TSV is always tab-separated
 * @param quote      the CSV quote character; TSV has no quoting
 * @param nullValues the texts read as NULL; {@code ""} stands for an empty value (in CSV an unquoted one). CSV
 *                   compares them with the unquoted value, TSV with the text before unescaping. Empty: the
 *                   format's defaults, {@link DelimitedFormat#defaultNullValues()}.
 */
public record ParseSettings(
        DelimitedFormat format,
        char delimiter,
        char quote,
        boolean header,
        Charset encoding,
        int maxValueChars,
        int maxColumns,
        int maxRowChars,
        Set<String> nullValues) {

    public static final char DEFAULT_QUOTE = '"';
    public static final int DEFAULT_MAX_VALUE_CHARS = 1 << 20;
    public static final int DEFAULT_MAX_COLUMNS = 1024;
    public static final int DEFAULT_MAX_ROW_CHARS = 4 << 20;
    /** Characters read from a file at a time; a record may overhang the row limit by at most this much while it is read. */
    public static final int INPUT_BUFFER_CHARS = 64 * 1024;

    public ParseSettings {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(encoding, "encoding");
        if (format == DelimitedFormat.TSV && delimiter != '\t') {
            throw new IllegalArgumentException("TSV is always tab-separated, not '" + delimiter + "'");
        }
        nullValues = Set.copyOf(Objects.requireNonNull(nullValues, "nullValues"));
        if (maxValueChars < 1 || maxColumns < 1 || maxRowChars < 1) {
            throw new IllegalArgumentException("bounds must be positive: maxValueChars=" + maxValueChars
                    + ", maxColumns=" + maxColumns + ", maxRowChars=" + maxRowChars);
        }
    }

    /** Settings with the format's default NULL texts. */
    public ParseSettings(
            DelimitedFormat format,
            char delimiter,
            char quote,
            boolean header,
            Charset encoding,
            int maxValueChars,
            int maxColumns,
            int maxRowChars) {
        this(format, delimiter, quote, header, encoding, maxValueChars, maxColumns, maxRowChars, Set.of());
    }

    /** The texts read as NULL: the given ones, else the format's defaults. */
    public Set<String> effectiveNullValues() {
        return nullValues.isEmpty() ? format.defaultNullValues() : nullValues;
    }

    /** CSV with a header line, comma, double quote, UTF-8 and the default bounds. */
    public static ParseSettings csvDefaults() {
        return new ParseSettings(
                DelimitedFormat.CSV,
                ',',
                DEFAULT_QUOTE,
                true,
                StandardCharsets.UTF_8,
                DEFAULT_MAX_VALUE_CHARS,
                DEFAULT_MAX_COLUMNS,
                DEFAULT_MAX_ROW_CHARS);
    }

    public ParseSettings withFormat(DelimitedFormat newFormat) {
        return new ParseSettings(
                newFormat,
                newFormat.defaultDelimiter(),
                quote,
                header,
                encoding,
                maxValueChars,
                maxColumns,
                maxRowChars,
                nullValues);
    }

    public ParseSettings withDelimiter(char newDelimiter) {
        return new ParseSettings(
                format, newDelimiter, quote, header, encoding, maxValueChars, maxColumns, maxRowChars, nullValues);
    }

    public ParseSettings withQuote(char newQuote) {
        return new ParseSettings(
                format, delimiter, newQuote, header, encoding, maxValueChars, maxColumns, maxRowChars, nullValues);
    }

    public ParseSettings withHeader(boolean newHeader) {
        return new ParseSettings(
                format, delimiter, quote, newHeader, encoding, maxValueChars, maxColumns, maxRowChars, nullValues);
    }

    public ParseSettings withEncoding(Charset newEncoding) {
        return new ParseSettings(
                format, delimiter, quote, header, newEncoding, maxValueChars, maxColumns, maxRowChars, nullValues);
    }

    public ParseSettings withNullValues(Set<String> newNullValues) {
        return new ParseSettings(
                format, delimiter, quote, header, encoding, maxValueChars, maxColumns, maxRowChars, newNullValues);
    }

    public ParseSettings withBounds(int newMaxValueChars, int newMaxColumns, int newMaxRowChars) {
        return new ParseSettings(
                format,
                delimiter,
                quote,
                header,
                encoding,
                newMaxValueChars,
                newMaxColumns,
                newMaxRowChars,
                nullValues);
    }
}
