package io.chingest.producer;

import io.chingest.common.config.InvalidOptionException;
import io.chingest.common.config.OptionChecks;
import io.chingest.producer.parse.DelimitedFormat;
import io.chingest.producer.parse.ParseSettings;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The options that say how to read the files (picocli mixin of {@code send}, {@code validate} and {@code watch}),
 * checked into one {@link ParseSettings}. Its fields are set by picocli; one instance per command, one thread.
 */
public final class ParseOptions {

    @Option(
            names = "--format",
            defaultValue = "csv",
            paramLabel = "csv|tsv",
            description = "csv: RFC 4180, quoted values may hold delimiters, quotes (doubled) and line breaks;"
                    + " an unquoted empty value is null, a quoted one (\"\") the empty string."
                    + " tsv: tab-separated, no quoting, backslash escapes \\t \\n \\r \\0 \\b \\f \\' \\\\, empty or"
                    + " \\N is null (\\\\N is the text \\N). Blank lines are skipped. Files ending .gz or .zst are"
                    + " uncompressed first. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(
            names = "--delimiter",
            paramLabel = "CHAR",
            description = "CSV value delimiter, one character; \\t or tab for a tab. Default: ','. TSV is always"
                    + " tab-separated.")
    String delimiter;

    @Option(
            names = "--quote",
            defaultValue = "\"",
            paramLabel = "CHAR",
            description =
                    "CSV quote character; a quote inside a quoted value is written twice. Default: ${DEFAULT-VALUE}.")
    String quote;

    @Option(
            names = "--header",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "The first line names the columns (the default): each schema field takes the column of"
                    + " its name; a field without column must be nullable (null) or have a default; other columns are"
                    + " ignored with a warning. With --no-header the n-th column feeds the n-th field and every row"
                    + " must have one column per field.")
    boolean header;

    @Option(
            names = "--encoding",
            defaultValue = "UTF-8",
            paramLabel = "CHARSET",
            description = "Character encoding of the files; bytes that are not valid in it are an error."
                    + " Default: ${DEFAULT-VALUE}.")
    String encoding;

    @Option(
            names = "--null-value",
            paramLabel = "TEXT",
            description = "A value read as NULL, repeatable; replaces the defaults (csv: an unquoted empty value;"
                    + " tsv: empty and \\N). An empty TEXT stands for the empty value. CSV compares the unquoted"
                    + " value, TSV the text before unescaping.")
    List<String> nullValues = new ArrayList<>();

    @Option(
            names = "--max-value-chars",
            defaultValue = "" + ParseSettings.DEFAULT_MAX_VALUE_CHARS,
            paramLabel = "N",
            description = "Longest value, in characters (the parser holds one value buffer of this size)."
                    + " Default: ${DEFAULT-VALUE}.")
    int maxValueChars;

    @Option(
            names = "--max-columns",
            defaultValue = "" + ParseSettings.DEFAULT_MAX_COLUMNS,
            paramLabel = "N",
            description = "Most columns in a row. Default: ${DEFAULT-VALUE}.")
    int maxColumns;

    @Option(
            names = "--max-row-chars",
            defaultValue = "" + ParseSettings.DEFAULT_MAX_ROW_CHARS,
            paramLabel = "N",
            description = "Longest row, in characters including quotes, delimiters and line break; caps the memory"
                    + " one row takes. Default: ${DEFAULT-VALUE}.")
    int maxRowChars;

    /** @throws InvalidOptionException naming the option at fault */
    ParseSettings validated() {
        DelimitedFormat delimitedFormat = switch (format.toLowerCase(Locale.ROOT)) {
            case "csv" -> DelimitedFormat.CSV;
            case "tsv" -> DelimitedFormat.TSV;
            default -> throw new InvalidOptionException("--format", format, "'" + format + "' is not csv or tsv");
        };
        char delimiterChar = delimitedFormat.defaultDelimiter();
        if (delimiter != null) {
            delimiterChar = singleCharacter("--delimiter", delimiter);
            if (delimitedFormat == DelimitedFormat.TSV && delimiterChar != '\t') {
                throw new InvalidOptionException(
                        "--delimiter",
                        delimiter,
                        "TSV is always tab-separated; use --format" + " csv for '" + delimiter + "'");
            }
        }
        char quoteChar = singleCharacter("--quote", quote);
        if (delimitedFormat == DelimitedFormat.CSV && quoteChar == delimiterChar) {
            throw new InvalidOptionException("--quote", quote, "the quote cannot be the delimiter too");
        }
        return new ParseSettings(
                delimitedFormat,
                delimiterChar,
                quoteChar,
                header,
                charset(),
                OptionChecks.positive("--max-value-chars", maxValueChars),
                OptionChecks.positive("--max-columns", maxColumns),
                OptionChecks.positive("--max-row-chars", maxRowChars),
                new LinkedHashSet<>(nullValues));
    }

    private static char singleCharacter(String option, String value) {
        if (value.equals("\\t") || value.equalsIgnoreCase("tab")) {
            return '\t';
        }
        if (value.length() != 1) {
            throw new InvalidOptionException(
                    option, value, "'" + value + "' is not a single character (write \\t or" + " tab for a tab)");
        }
        char c = value.charAt(0);
        if (c == '\n' || c == '\r') {
            throw new InvalidOptionException(option, value, "a line break cannot be " + option.substring(2));
        }
        return c;
    }

    private Charset charset() {
        try {
            return Charset.forName(encoding);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new InvalidOptionException(
                    "--encoding",
                    encoding,
                    "'" + encoding + "' is not a character encoding"
                            + " this Java supports (e.g. UTF-8, ISO-8859-1, windows-1252)");
        }
    }
}
