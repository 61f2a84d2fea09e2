package io.chingest.producer.parse;

import com.univocity.parsers.common.AbstractParser;
import com.univocity.parsers.common.CommonParserSettings;
import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import com.univocity.parsers.csv.UnescapedQuoteHandling;
import com.univocity.parsers.tsv.TsvParser;
import com.univocity.parsers.tsv.TsvParserSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Streams the records of one delimited file, one at a time, with the line each record starts on. Memory is fixed by
 * {@link ParseSettings}: one input buffer, one value buffer and one record, never the whole file. Blank lines are
 * skipped. Not thread-safe: one reader per file, used by one thread, closed by its owner.
 */
public final class DelimitedRowReader implements AutoCloseable {

    /** Stands in for univocity's TSV escape character, so escapes reach {@link RawValueDecoder} as written. */
    private static final char NO_ESCAPE = '\uFFFF';

    private final Path file;
    private final ParseSettings settings;
    private final RowLengthGuard input;
    private final PrefixDigest prefix;
    private final AbstractParser<?> parser;
    private final RawValueDecoder decoder;
    private final LongSupplier bytesRead;
    private final ParsedRow header;
    private long nextLine = 1;
    /** The text of a record read after the input ended: univocity gives it only once, after it stopped. */
    private String endOfFileRecordText;
    /** Data rows returned so far, and whether the header (when the file has one) was. */
    private long dataRows;

    private boolean headerReturned;

    /**
     * Opens {@code file}, uncompressing it by its extension ({@link CompressedInput}) and decoding it strictly with the
     * configured encoding, and reads its header if it has one. Lines are those of the uncompressed text.
     */
    public static DelimitedRowReader open(Path file, ParseSettings settings) throws IOException {
        CountingInputStream stored = new CountingInputStream(Files.newInputStream(file));
        return new DelimitedRowReader(
                file, decoding(CompressedInput.uncompressed(file, stored), settings), settings, stored::count);
    }

    /** Text from the bytes, malformed input reported: UTF-8 by {@link Utf8Reader}, other encodings by the JDK. */
    private static Reader decoding(InputStream bytes, ParseSettings settings) {
        if (settings.encoding().equals(StandardCharsets.UTF_8)) {
            return new Utf8Reader(bytes);
        }
        CharsetDecoder decoder = settings.encoding()
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new InputStreamReader(bytes, decoder);
    }

    DelimitedRowReader(Path file, Reader reader, ParseSettings settings) {
        this(file, reader, settings, () -> 0);
    }

    private DelimitedRowReader(Path file, Reader reader, ParseSettings settings, LongSupplier bytesRead) {
        this.file = file;
        this.bytesRead = bytesRead;
        this.settings = settings;
        this.decoder = new RawValueDecoder(settings.format(), settings.effectiveNullValues());
        this.input = new RowLengthGuard(reader, (long) settings.maxRowChars() + ParseSettings.INPUT_BUFFER_CHARS);
        this.prefix = new PrefixDigest(input, settings.encoding());
        this.parser = settings.format() == DelimitedFormat.CSV
                ? new CsvParser(csvSettings(settings))
                : new TsvParser(tsvSettings(settings));
        try {
            parser.beginParsing(prefix);
        } catch (TextParsingException e) {
            close();
            throw translate(e, 1);
        }
        try {
            this.header = settings.header() ? next() : null;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The header record, when the settings say the file has one and the file is not empty. */
    public Optional<ParsedRow> header() {
        return Optional.ofNullable(header);
    }

    public Path file() {
        return file;
    }

    /** Bytes of the file read so far as stored (compressed bytes of a compressed file), for progress. */
    public long bytesRead() {
        return bytesRead.getAsLong();
    }

    /**
     * The file from its start through the last row {@link #next()} returned, with the line break that ends it: a row
     * at the very end of the file without a line break is left out (it may be cut off). Hashes the rows since the last
     * call; called once per chunk, not per row.
     */
    public RowPrefix prefix() {
        return prefix.prefix();
    }

    /**
     * Reads the next record.
     *
     * @return the record, or {@code null} at the end of the file
     * @throws RowParseException naming the file and the line the failing record starts on
     */
    public ParsedRow next() {
        while (true) {
            endOfFileRecordText = null;
            long startLine = nextLine;
            long startChar =
                    parser.getContext() == null ? 0 : parser.getContext().currentChar();
            input.recordStartsAt(startChar);
            String[] values;
            try {
                values = parser.parseNext();
            } catch (TextParsingException e) {
                throw translate(e, startLine);
            }
            if (values == null) {
                return null;
            }
            if (parser.getContext().currentChar() - startChar > settings.maxRowChars()) {
                throw new RowParseException(file, startLine, rowTooLong(), null);
            }
            if (input.reachedEnd() && settings.format() == DelimitedFormat.CSV) {
                rejectUnclosedQuote(startLine);
            }
            nextLine += linesSpannedBy(values);
            if (values.length == 1 && values[0] == null) {
                continue; // a blank line
            }
            boolean isHeader = settings.header() && !headerReturned;
            headerReturned = true;
            prefix.rowEndsAt(parser.getContext().currentChar(), isHeader ? 0 : ++dataRows);
            decoder.decode(values);
            return new ParsedRow(file, startLine, Collections.unmodifiableList(Arrays.asList(values)));
        }
    }

    /**
     * The text of the record {@link #next()} returned last, or of the one it failed on, as it is in the file without
     * its final line break; null when the parser cannot tell. At most one row limit long: the caller copies it only
     * for the rare record it sets aside.
     */
    public String currentRecordText() {
        try {
            String text = endOfFileRecordText != null
                    ? endOfFileRecordText
                    : parser.getContext() == null ? null : parser.getContext().currentParsedContent();
            if (text == null) {
                return null;
            }
            int end = text.length();
            if (end > 0 && text.charAt(end - 1) == '\n') {
                end--;
            }
            if (end > 0 && text.charAt(end - 1) == '\r') {
                end--;
            }
            return text.substring(0, end);
        } catch (RuntimeException e) {
            return null; // the parser stopped on an error and let its buffers go
        }
    }

    @Override
    public void close() {
        parser.stopParsing();
        try {
            input.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file, e);
        }
    }

    /**
     * Only the records parsed after the input ended can hold an open quote: one that univocity read to the end of the
     * file. Copying their text is cheap, as there are few of them.
     */
    private void rejectUnclosedQuote(long startLine) {
        String text = parser.getContext().currentParsedContent();
        endOfFileRecordText = text;
        UnclosedQuote.Opening open =
                text == null ? null : UnclosedQuote.in(text, settings.delimiter(), settings.quote());
        if (open != null) {
            long line = startLine + lineBreaksIn(text.substring(0, open.index()));
            throw new RowParseException(
                    file,
                    line,
                    "unclosed quote: the quote that opens the value of column " + open.column()
                            + " on this line is not closed before the end of the file",
                    null);
        }
    }

    private long linesSpannedBy(String[] values) {
        if (settings.format() == DelimitedFormat.TSV) {
            return 1; // escaped line breaks are not physical ones, and TSV has no quoting
        }
        long lines = 1;
        for (String value : values) {
            if (value != null) {
                lines += lineBreaksIn(value);
            }
        }
        return lines;
    }

    /** Counts CRLF, LF and a lone CR each as one line break, as text editors do. */
    static int lineBreaksIn(String value) {
        // Most values have no line break: String.indexOf is a vectorised scan, far cheaper than charAt per char.
        int lf = value.indexOf('\n');
        int cr = value.indexOf('\r');
        if (lf < 0 && cr < 0) {
            return 0;
        }
        int breaks = 0;
        for (int i = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr); i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\n') {
                breaks++;
            } else if (c == '\r' && (i + 1 == value.length() || value.charAt(i + 1) != '\n')) {
                breaks++;
            }
        }
        return breaks;
    }

    private RowParseException translate(TextParsingException e, long line) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof RowLengthGuard.RowTooLongException) {
                return new RowParseException(file, line, rowTooLong(), e);
            }
            if (cause instanceof CharacterCodingException) {
                return invalidText(line, e);
            }
            if (cause instanceof ArrayIndexOutOfBoundsException
                    && e.getMessage() != null
                    && e.getMessage().startsWith("Length of parsed input")) {
                return new RowParseException(
                        file,
                        line,
                        "value in column " + (e.getColumnIndex() + 1)
                                + " is longer than " + settings.maxValueChars()
                                + " characters (raise --max-value-chars, or look for an unclosed quote)",
                        e);
            }
            if (cause instanceof ArrayIndexOutOfBoundsException) {
                return new RowParseException(
                        file,
                        line,
                        "more than " + settings.maxColumns() + " columns (raise --max-columns, or check --delimiter)",
                        e);
            }
            if (cause instanceof IOException) {
                return new RowParseException(file, line, "cannot read the file: " + cause.getMessage(), e);
            }
        }
        String message = String.valueOf(e.getMessage());
        int end = message.indexOf('\n');
        return new RowParseException(file, line, "cannot parse: " + (end < 0 ? message : message.substring(0, end)), e);
    }

    /** The parser fails when it fills its buffer, lines before the bad bytes: find them to name their place. */
    private RowParseException invalidText(long recordLine, TextParsingException e) {
        String encoding = settings.encoding().name();
        String fix = "; set --encoding to the file's encoding";
        return InvalidTextLocator.locate(file, settings.encoding())
                .map(found -> new RowParseException(
                        file,
                        found.line(),
                        "byte " + found.bytes() + " at byte offset " + found.byteOffset()
                                + (CompressedInput.compressionOf(file).isEmpty() ? "" : " of the uncompressed text")
                                + " (counted from 0) is not valid " + encoding + fix,
                        e))
                .orElseGet(() -> new RowParseException(
                        file, recordLine, "the text is not valid " + encoding + " (at or after this line)" + fix, e));
    }

    private String rowTooLong() {
        return "record is longer than " + settings.maxRowChars()
                + " characters (raise --max-row-chars, or look for an unclosed quote)";
    }

    private static CsvParserSettings csvSettings(ParseSettings settings) {
        CsvParserSettings csv = new CsvParserSettings();
        applyCommon(csv, settings);
        csv.getFormat().setDelimiter(settings.delimiter());
        csv.getFormat().setQuote(settings.quote());
        csv.getFormat().setQuoteEscape(settings.quote());
        csv.setEmptyValue("");
        // Keep line breaks inside quoted values as they are in the file: they are data.
        csv.setNormalizeLineEndingsWithinQuotes(false);
        csv.setUnescapedQuoteHandling(UnescapedQuoteHandling.STOP_AT_DELIMITER);
        csv.setIgnoreLeadingWhitespacesInQuotes(false);
        csv.setIgnoreTrailingWhitespacesInQuotes(false);
        return csv;
    }

    private static TsvParserSettings tsvSettings(ParseSettings settings) {
        TsvParserSettings tsv = new TsvParserSettings();
        applyCommon(tsv, settings);
        tsv.setLineJoiningEnabled(false);
        tsv.getFormat().setEscapeChar(NO_ESCAPE);
        return tsv;
    }

    private static void applyCommon(CommonParserSettings<?> common, ParseSettings settings) {
        common.getFormat().setComment('\0'); // '#' is data, not a comment
        common.setLineSeparatorDetectionEnabled(true); // LF and CRLF files alike
        common.setHeaderExtractionEnabled(false); // the header is read as a record, so its line is counted
        common.setNullValue(null);
        // Blank lines come back as one null value so that every physical line is counted; they are dropped above.
        common.setSkipEmptyLines(false);
        common.setIgnoreLeadingWhitespaces(false); // spaces are data (RFC 4180)
        common.setIgnoreTrailingWhitespaces(false);
        common.setMaxCharsPerColumn(settings.maxValueChars());
        common.setMaxColumns(settings.maxColumns());
        common.setInputBufferSize(ParseSettings.INPUT_BUFFER_CHARS);
        common.setReadInputOnSeparateThread(false);
        common.setAutoClosingEnabled(true);
        common.setErrorContentLength(0); // never copy file content into exception messages
    }
}
