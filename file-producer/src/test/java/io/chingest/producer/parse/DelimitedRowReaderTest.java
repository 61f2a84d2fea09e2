package io.chingest.producer.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DelimitedRowReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsTheHeaderAndEachRecordWithTheLineItStartsOn() throws IOException {
        Path file = write("orders.csv", "id,name\n1,apple\n2,pear\n");

        try (DelimitedRowReader reader = DelimitedRowReader.open(file, ParseSettings.csvDefaults())) {
            assertThat(reader.header()).contains(row(file, 1, "id", "name"));
            assertThat(readAll(reader)).containsExactly(row(file, 2, "1", "apple"), row(file, 3, "2", "pear"));
        }
    }

    @Test
    void quotedValuesKeepDelimitersQuotesAndLineBreaksAndLaterRecordsKeepTheirStartLines() throws IOException {
        Path file = write(
                "q.csv",
                "id,text\n"
                        + "1,\"a,b\"\n"
                        + "2,\"say \"\"hi\"\"\"\n"
                        + "3,\"first\nsecond\nthird\"\n"
                        + "4,after\n"
                        + "5,\"x\ny\",\"p\nq\"\n"
                        + "6,end");

        assertThat(readAll(file, ParseSettings.csvDefaults()))
                .containsExactly(
                        row(file, 2, "1", "a,b"),
                        row(file, 3, "2", "say \"hi\""),
                        row(file, 4, "3", "first\nsecond\nthird"),
                        row(file, 7, "4", "after"),
                        row(file, 8, "5", "x\ny", "p\nq"),
                        row(file, 11, "6", "end"));
    }

    @Test
    void crlfFilesAreReadLineByLineAndKeepCrlfInsideQuotedValues() throws IOException {
        Path file = write("crlf.csv", "id,text\r\n1,one\r\n2,\"two\r\nlines\"\r\n3,three\r\n");

        assertThat(readAll(file, ParseSettings.csvDefaults()))
                .containsExactly(
                        row(file, 2, "1", "one"), row(file, 3, "2", "two\r\nlines"), row(file, 5, "3", "three"));
    }

    @Test
    void unquotedEmptyValueIsNullAndQuotedEmptyValueIsEmptyString() throws IOException {
        Path file = write("e.csv", "a,b,c\n,\"\",x\n\"\",,\n");

        assertThat(readAll(file, ParseSettings.csvDefaults()))
                .containsExactly(row(file, 2, null, "", "x"), row(file, 3, "", null, null));
    }

    @Test
    void blankLinesAreSkippedButCounted() throws IOException {
        Path file = write("b.csv", "a,b\n\n1,2\n\n\n3,4\n\n");

        assertThat(readAll(file, ParseSettings.csvDefaults()))
                .containsExactly(row(file, 3, "1", "2"), row(file, 6, "3", "4"));
    }

    @Test
    void spacesAndHashSignsAreData() throws IOException {
        Path file = write("s.csv", "a,b\n  padded ,\" quoted \"\n#not a comment,x\n");

        assertThat(readAll(file, ParseSettings.csvDefaults()))
                .containsExactly(row(file, 2, "  padded ", " quoted "), row(file, 3, "#not a comment", "x"));
    }

    @Test
    void readsNonAsciiUtf8AndDropsAByteOrderMark() throws IOException {
        Path file = dir.resolve("u.csv");
        Files.write(file, ("\uFEFFstadt,notiz\nKöln,\"naïve, 東京 😀\"\n").getBytes(StandardCharsets.UTF_8));

        try (DelimitedRowReader reader = DelimitedRowReader.open(file, ParseSettings.csvDefaults())) {
            assertThat(reader.header()).contains(row(file, 1, "stadt", "notiz"));
            assertThat(readAll(reader)).containsExactly(row(file, 2, "Köln", "naïve, 東京 😀"));
        }
    }

    @Test
    void decodesTheConfiguredEncoding() throws IOException {
        Path file = dir.resolve("latin1.csv");
        Files.write(file, "a\nK\u00f6ln\n".getBytes(StandardCharsets.ISO_8859_1));

        ParseSettings latin1 = ParseSettings.csvDefaults().withEncoding(StandardCharsets.ISO_8859_1);
        assertThat(readAll(file, latin1)).containsExactly(row(file, 2, "Köln"));
    }

    @Test
    void bytesThatAreNotValidInTheEncodingAreAnErrorNamingFileAndLine() throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.write(file, new byte[] {'a', '\n', 'o', 'k', '\n', 'K', (byte) 0xF6, 'l', 'n', '\n'});

        assertThatThrownBy(() -> readAll(file, ParseSettings.csvDefaults()))
                .isInstanceOf(RowParseException.class)
                .hasMessage(file + ":3: byte 0xF6 at byte offset 6 (counted from 0) is not valid UTF-8;"
                        + " set --encoding to the file's encoding");
    }

    @Test
    void anInvalidByteFarPastTheFirstBufferIsReportedAtItsOwnLineAndOffset() throws IOException {
        InvalidFile utf8 = InvalidFile.withBadBytesOnLine(3002, StandardCharsets.UTF_8, new byte[] {(byte) 0xFF});
        Path file = utf8.writeTo(dir.resolve("far.csv"));

        assertThatThrownBy(() -> readAll(file, ParseSettings.csvDefaults()))
                .isInstanceOf(RowParseException.class)
                .hasMessage(file + ":3002: byte 0xFF at byte offset " + utf8.badByteOffset
                        + " (counted from 0) is not valid UTF-8; set --encoding to the file's encoding");
    }

    @Test
    void anInvalidByteAtEitherSideOfABufferBoundaryIsReportedAtItsOwnLineAndOffset() throws IOException {
        for (long offset : List.of(
                (long) Utf8Reader.BUFFER_BYTES - 1,
                (long) Utf8Reader.BUFFER_BYTES,
                (long) Utf8Reader.BUFFER_BYTES + 1,
                3L * Utf8Reader.BUFFER_BYTES)) {
            InvalidFile utf8 = InvalidFile.withBadByteAt(offset, new byte[] {(byte) 0xC3, 'a'});
            Path file = utf8.writeTo(dir.resolve("boundary-" + offset + ".csv"));

            assertThatThrownBy(() -> readAll(file, ParseSettings.csvDefaults()))
                    .as("bad byte at offset %d", offset)
                    .isInstanceOf(RowParseException.class)
                    .hasMessage(file + ":" + utf8.badByteLine + ": byte 0xC3 at byte offset " + offset
                            + " (counted from 0) is not valid UTF-8; set --encoding to the file's encoding");
        }
    }

    @Test
    void anInvalidByteInAnotherEncodingIsReportedAtItsOwnLineAndOffset() throws IOException {
        Charset windows1252 = Charset.forName("windows-1252");
        InvalidFile cp1252 = InvalidFile.withBadBytesOnLine(3002, windows1252, new byte[] {(byte) 0x81});
        Path file = cp1252.writeTo(dir.resolve("cp1252.csv"));

        assertThatThrownBy(() -> readAll(file, ParseSettings.csvDefaults().withEncoding(windows1252)))
                .isInstanceOf(RowParseException.class)
                .hasMessage(file + ":3002: byte 0x81 at byte offset " + cp1252.badByteOffset
                        + " (counted from 0) is not valid windows-1252; set --encoding to the file's encoding");

        // UTF-16: a low surrogate without its high half, two bytes that are not text
        InvalidFile utf16 =
                InvalidFile.withBadBytesOnLine(2500, StandardCharsets.UTF_16LE, new byte[] {(byte) 0x00, (byte) 0xDC});
        Path wide = utf16.writeTo(dir.resolve("utf16.csv"));

        assertThatThrownBy(() -> readAll(wide, ParseSettings.csvDefaults().withEncoding(StandardCharsets.UTF_16LE)))
                .isInstanceOf(RowParseException.class)
                .hasMessage(wide + ":2500: byte 0x00 0xDC at byte offset " + utf16.badByteOffset
                        + " (counted from 0) is not valid UTF-16LE; set --encoding to the file's encoding");
    }

    @Test
    void anInvalidByteOfACompressedFileIsReportedAtItsOffsetInTheUncompressedText() throws IOException {
        InvalidFile utf8 = InvalidFile.withBadBytesOnLine(1200, StandardCharsets.UTF_8, new byte[] {(byte) 0xFE});
        Path file = dir.resolve("far.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(utf8.bytes);
        }

        assertThatThrownBy(() -> readAll(file, ParseSettings.csvDefaults()))
                .isInstanceOf(RowParseException.class)
                .hasMessage(file + ":1200: byte 0xFE at byte offset " + utf8.badByteOffset
                        + " of the uncompressed text (counted from 0) is not valid UTF-8; set --encoding to the"
                        + " file's encoding");
    }

    @Test
    void anUnclosedQuoteIsAnErrorNamingTheLineItOpenedOn() throws IOException {
        Path middle = write("middle.csv", "id,note\n1,a\n2,\"open\n3,c\n4,d\n");
        Path last = write("last.csv", "id,note\n1,a\n2,x,\"y\"\"");

        try (DelimitedRowReader reader = DelimitedRowReader.open(middle, ParseSettings.csvDefaults())) {
            assertThat(reader.next()).isEqualTo(row(middle, 2, "1", "a"));
            assertThatThrownBy(reader::next)
                    .isInstanceOf(RowParseException.class)
                    .hasMessage(middle + ":3: unclosed quote: the quote that opens the value of column 2 on this"
                            + " line is not closed before the end of the file");
        }
        assertThatThrownBy(() -> readAll(last, ParseSettings.csvDefaults()))
                .isInstanceOf(RowParseException.class)
                .hasMessage(last + ":3: unclosed quote: the quote that opens the value of column 3 on this"
                        + " line is not closed before the end of the file");
    }

    @Test
    void quotesClosedAtTheEndOfTheFileAreNotUnclosed() throws IOException {
        Path file = write("closed.csv", "id,note\n1,\"a\"\"b\"\n2,\"x\ny\"");

        assertThat(readAll(file, ParseSettings.csvDefaults()))
                .containsExactly(row(file, 2, "1", "a\"b"), row(file, 3, "2", "x\ny"));
    }

    @Test
    void tsvUnescapesBackslashSequencesAndReadsBackslashNAsNull() throws IOException {
        Path file = write(
                "t.tsv", "a\tb\tc\n" + "x\\ty\\nz\\\\\t\\N\tplain \"quotes\"\n" + "\t\t\n" + "\n" + "last\tone\ttwo");
        ParseSettings tsv = ParseSettings.csvDefaults().withFormat(DelimitedFormat.TSV);

        try (DelimitedRowReader reader = DelimitedRowReader.open(file, tsv)) {
            assertThat(reader.header()).contains(row(file, 1, "a", "b", "c"));
            assertThat(readAll(reader))
                    .containsExactly(
                            row(file, 2, "x\ty\nz\\", null, "plain \"quotes\""),
                            row(file, 3, null, null, null),
                            row(file, 5, "last", "one", "two"));
        }
    }

    @Test
    void tsvEscapedBackslashBeforeNIsTheTextBackslashNNotNull() throws IOException {
        Path file = write("t.tsv", "a\tb\tc\td\n\\\\N\t\\N\tx\\\\\\N\t\\0\\b\\f\\'\\q\\\n");
        ParseSettings tsv = ParseSettings.csvDefaults().withFormat(DelimitedFormat.TSV);

        try (DelimitedRowReader reader = DelimitedRowReader.open(file, tsv)) {
            assertThat(readAll(reader)).containsExactly(row(file, 2, "\\N", null, "x\\\\N", "\0\b\f'\\q\\"));
        }
    }

    @Test
    void configuredNullValuesReplaceTheDefaults() throws IOException {
        Path csv = write("n.csv", "a,b,c,d\nNULL,,\"\",\"NULL\"\n");
        Path tsv = write("n.tsv", "a\tb\tc\nNULL\t\t\\N\n");
        ParseSettings nulls = ParseSettings.csvDefaults().withNullValues(Set.of("NULL"));

        try (DelimitedRowReader reader = DelimitedRowReader.open(csv, nulls)) {
            assertThat(readAll(reader)).containsExactly(row(csv, 2, null, "", "", null));
        }
        try (DelimitedRowReader reader = DelimitedRowReader.open(csv, nulls.withNullValues(Set.of("NULL", "")))) {
            assertThat(readAll(reader)).containsExactly(row(csv, 2, null, null, "", null));
        }
        try (DelimitedRowReader reader = DelimitedRowReader.open(tsv, nulls.withFormat(DelimitedFormat.TSV))) {
            assertThat(readAll(reader)).containsExactly(row(tsv, 2, null, "", "\\N"));
        }
    }

    @Test
    void gzipAndZstdFilesAreReadUncompressedWithTheLinesOfTheText() throws IOException {
        String text = "id,name\n1,\"two\nlines\"\n\n3,three\n";
        Path gz = dir.resolve("rows.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        Path zst = dir.resolve("rows.csv.zst");
        try (OutputStream out = new ZstdOutputStream(Files.newOutputStream(zst))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }

        for (Path file : List.of(gz, zst)) {
            try (DelimitedRowReader reader = DelimitedRowReader.open(file, ParseSettings.csvDefaults())) {
                assertThat(reader.header()).contains(row(file, 1, "id", "name"));
                assertThat(readAll(reader))
                        .containsExactly(row(file, 2, "1", "two\nlines"), row(file, 5, "3", "three"));
                assertThat(reader.bytesRead())
                        .as("bytes read of %s as stored", file)
                        .isEqualTo(Files.size(file));
            }
        }
    }

    @Test
    void theTextOfTheLastRecordIsKeptAsInTheFile() throws IOException {
        Path file = write("t.csv", "id,name\r\n1,\"a,\"\"b\"\"\"\r\n2,c\n");

        try (DelimitedRowReader reader = DelimitedRowReader.open(file, ParseSettings.csvDefaults())) {
            reader.next();
            assertThat(reader.currentRecordText()).isEqualTo("1,\"a,\"\"b\"\"\"");
            reader.next();
            assertThat(reader.currentRecordText()).isEqualTo("2,c");
        }
    }

    @Test
    void customDelimiterAndQuote() throws IOException {
        Path file = write("semi.csv", "a;b\n'x;y';'it''s'\n3;\"4\"\n");
        ParseSettings semicolon = ParseSettings.csvDefaults().withDelimiter(';').withQuote('\'');

        assertThat(readAll(file, semicolon)).containsExactly(row(file, 2, "x;y", "it's"), row(file, 3, "3", "\"4\""));
    }

    @Test
    void withoutHeaderTheFirstLineIsData() throws IOException {
        Path file = write("n.csv", "1,2\n3,4\n");

        try (DelimitedRowReader reader =
                DelimitedRowReader.open(file, ParseSettings.csvDefaults().withHeader(false))) {
            assertThat(reader.header()).isEmpty();
            assertThat(readAll(reader)).containsExactly(row(file, 1, "1", "2"), row(file, 2, "3", "4"));
        }
    }

    @Test
    void anEmptyFileHasNoHeaderAndNoRows() throws IOException {
        Path file = write("empty.csv", "");

        try (DelimitedRowReader reader = DelimitedRowReader.open(file, ParseSettings.csvDefaults())) {
            assertThat(reader.header()).isEmpty();
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void aValueLongerThanTheBoundIsAnErrorNamingFileLineAndColumn() throws IOException {
        Path file = write("long.csv", "a,b\n1,1234567890\n2,12345678901\n");
        ParseSettings bounded = ParseSettings.csvDefaults().withBounds(10, 8, 100);

        try (DelimitedRowReader reader = DelimitedRowReader.open(file, bounded)) {
            assertThat(reader.next()).isEqualTo(row(file, 2, "1", "1234567890"));
            assertThatThrownBy(reader::next)
                    .isInstanceOf(RowParseException.class)
                    .hasMessage(file + ":3: value in column 2 is longer than 10 characters"
                            + " (raise --max-value-chars, or look for an unclosed quote)")
                    .satisfies(e -> assertThat(((RowParseException) e).line()).isEqualTo(3));
        }
    }

    @Test
    void moreColumnsThanTheBoundIsAnErrorNamingFileAndLine() throws IOException {
        Path file = write("wide.csv", "a,b,c\n1,2,3\n1,2,3,4\n");
        ParseSettings bounded = ParseSettings.csvDefaults().withBounds(10, 3, 100);

        try (DelimitedRowReader reader = DelimitedRowReader.open(file, bounded)) {
            assertThat(reader.next()).isEqualTo(row(file, 2, "1", "2", "3"));
            assertThatThrownBy(reader::next)
                    .isInstanceOf(RowParseException.class)
                    .hasMessage(file + ":3: more than 3 columns (raise --max-columns, or check --delimiter)");
        }
    }

    @Test
    void aRecordLongerThanTheRowBoundIsAnErrorNamingFileAndLine() throws IOException {
        Path file = write("row.csv", "a,b,c\n12345,12345,1\n12345,12345,12\n");
        ParseSettings bounded = ParseSettings.csvDefaults().withBounds(10, 8, 14);

        try (DelimitedRowReader reader = DelimitedRowReader.open(file, bounded)) {
            assertThat(reader.next()).isEqualTo(row(file, 2, "12345", "12345", "1"));
            assertThatThrownBy(reader::next)
                    .isInstanceOf(RowParseException.class)
                    .hasMessage(file + ":3: record is longer than 14 characters"
                            + " (raise --max-row-chars, or look for an unclosed quote)");
        }
    }

    @Test
    void anUnclosedQuoteStopsAtTheRowBoundInsteadOfReadingTheRestOfTheInput() {
        // Endless input after an opening quote: without the guard the parser would buffer all of it.
        Reader endless = new RepeatingReader("\"never closed", "x,y\n");
        ParseSettings bounded = ParseSettings.csvDefaults().withHeader(false).withBounds(1 << 20, 8, 1000);
        Path file = Path.of("endless.csv");

        try (DelimitedRowReader reader = new DelimitedRowReader(file, endless, bounded)) {
            assertThatThrownBy(reader::next)
                    .isInstanceOf(RowParseException.class)
                    .hasMessage("endless.csv:1: record is longer than 1000 characters"
                            + " (raise --max-row-chars, or look for an unclosed quote)");
        }
    }

    @Test
    void streamsRecordsOfAnInputFarLargerThanItsBuffers() {
        RepeatingReader endless = new RepeatingReader("", "42,some text,\"quoted, value\"\n");
        ParseSettings bounded = ParseSettings.csvDefaults().withHeader(false).withBounds(64, 4, 64);

        try (DelimitedRowReader reader = new DelimitedRowReader(Path.of("big.csv"), endless, bounded)) {
            ParsedRow last = null;
            for (int i = 0; i < 200_000; i++) {
                last = reader.next();
            }
            assertThat(last).isEqualTo(row(Path.of("big.csv"), 200_000, "42", "some text", "quoted, value"));
            // About 6 MB of text went through; what was read ahead stays within one input buffer.
            assertThat(endless.charsServed()).isLessThanOrEqualTo(200_000L * 30 + ParseSettings.INPUT_BUFFER_CHARS);
        }
    }

    @Test
    void aHeaderThatCannotBeReadClosesTheInput() {
        boolean[] closed = {false};
        Reader input = new StringReader("a,b,c,d\n1,2,3,4\n") {
            @Override
            public void close() {
                closed[0] = true;
                super.close();
            }
        };
        ParseSettings bounded = ParseSettings.csvDefaults().withBounds(10, 3, 100);

        assertThatThrownBy(() -> new DelimitedRowReader(Path.of("h.csv"), input, bounded))
                .isInstanceOf(RowParseException.class)
                .hasMessage("h.csv:1: more than 3 columns (raise --max-columns, or check --delimiter)");
        assertThat(closed[0]).isTrue();
    }

    @Test
    void countsEachKindOfLineBreakOnce() {
        assertThat(DelimitedRowReader.lineBreaksIn("a\nb\r\nc\rd")).isEqualTo(3);
        assertThat(DelimitedRowReader.lineBreaksIn("\r")).isEqualTo(1);
        assertThat(DelimitedRowReader.lineBreaksIn("no breaks")).isZero();
        assertThat(DelimitedRowReader.lineBreaksIn("text\r\nmore\n")).isEqualTo(2);
        assertThat(DelimitedRowReader.lineBreaksIn("abc\rdef\r\n")).isEqualTo(2);
        assertThat(DelimitedRowReader.lineBreaksIn("abc\ndef\r")).isEqualTo(2);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static List<ParsedRow> readAll(Path file, ParseSettings settings) throws IOException {
        try (DelimitedRowReader reader = DelimitedRowReader.open(file, settings)) {
            return readAll(reader);
        }
    }

    private static List<ParsedRow> readAll(DelimitedRowReader reader) {
        List<ParsedRow> rows = new ArrayList<>();
        for (ParsedRow row = reader.next(); row != null; row = reader.next()) {
            rows.add(row);
        }
        return rows;
    }

    private static ParsedRow row(Path file, long line, String... values) {
        return new ParsedRow(file, line, Arrays.asList(values));
    }

    /** A CSV file of numbered lines with invalid bytes at a place the test knows, in one encoding. */
    private static final class InvalidFile {
        final byte[] bytes;
        final long badByteOffset;
        final long badByteLine;

        private InvalidFile(byte[] bytes, long badByteOffset, long badByteLine) {
            this.bytes = bytes;
            this.badByteOffset = badByteOffset;
            this.badByteLine = badByteLine;
        }

        /** A header, data lines up to {@code line}, and {@code bad} in the middle of that line. */
        static InvalidFile withBadBytesOnLine(int line, Charset encoding, byte[] bad) {
            StringBuilder before = new StringBuilder("id,text\n");
            for (int i = 2; i < line; i++) {
                before.append(i).append(",text of line ").append(i).append('\n');
            }
            before.append(line).append(",K");
            byte[] head = before.toString().getBytes(encoding);
            byte[] tail = "ln\n".getBytes(encoding);
            return new InvalidFile(concat(head, bad, tail), head.length, line);
        }

        /** ASCII lines of 10 bytes, and UTF-8 {@code bad} at exactly {@code offset}. */
        static InvalidFile withBadByteAt(long offset, byte[] bad) {
            StringBuilder before = new StringBuilder("id,text\n");
            long lines = 2; // the line after the header
            while (before.length() + 10 <= offset) {
                before.append("1,abcdefg\n");
                lines++;
            }
            before.append("x".repeat((int) (offset - before.length())));
            byte[] head = before.toString().getBytes(StandardCharsets.US_ASCII);
            return new InvalidFile(concat(head, bad, ",z\n".getBytes(StandardCharsets.US_ASCII)), offset, lines);
        }

        Path writeTo(Path file) throws IOException {
            return Files.write(file, bytes);
        }

        private static byte[] concat(byte[]... parts) {
            int length = 0;
            for (byte[] part : parts) {
                length += part.length;
            }
            byte[] all = new byte[length];
            int at = 0;
            for (byte[] part : parts) {
                System.arraycopy(part, 0, all, at, part.length);
                at += part.length;
            }
            return all;
        }
    }

    /** Serves a prefix once, then one text over and over without end. */
    private static final class RepeatingReader extends Reader {
        private final String prefix;
        private final String repeated;
        private long served;

        RepeatingReader(String prefix, String repeated) {
            this.prefix = prefix;
            this.repeated = repeated;
        }

        long charsServed() {
            return served;
        }

        @Override
        public int read(char[] buffer, int offset, int length) {
            for (int i = 0; i < length; i++) {
                buffer[offset + i] = charAt(served++);
            }
            return length;
        }

        private char charAt(long index) {
            if (index < prefix.length()) {
                return prefix.charAt((int) index);
            }
            return repeated.charAt((int) ((index - prefix.length()) % repeated.length()));
        }

        @Override
        public void close() {}
    }
}
