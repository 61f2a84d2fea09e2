package io.chingest.producer.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prefix a reader reports after each row is the SHA-256 of the file's bytes through that row's line break. */
class RowPrefixTest {

    @TempDir
    Path dir;

    @Test
    void afterEachRowThePrefixIsTheFilesBytesThroughItsLineBreakUnderRandomContent() throws Exception {
        Random random = new Random(20261208);
        for (int round = 0; round < 40; round++) {
            boolean crlf = random.nextBoolean();
            boolean compressed = round % 4 == 0;
            List<String> segments = new ArrayList<>(); // header, then each row with the blank lines before it
            String eol = crlf ? "\r\n" : "\n";
            segments.add("id,text" + eol);
            int rows = 1 + random.nextInt(60);
            for (int id = 1; id <= rows; id++) {
                StringBuilder segment = new StringBuilder();
                if (random.nextInt(8) == 0) {
                    segment.append(eol);
                }
                segment.append(id).append(',').append(value(random));
                boolean last = id == rows;
                if (!last || random.nextBoolean()) {
                    segment.append(eol);
                }
                segments.add(segment.toString());
            }
            Path file = write("round" + round + (compressed ? ".csv.gz" : ".csv"), String.join("", segments));
            boolean lastTerminated = segments.get(rows).endsWith("\n");

            try (DelimitedRowReader reader = DelimitedRowReader.open(file, ParseSettings.csvDefaults())) {
                assertThat(reader.prefix()).isEqualTo(expected(segments, 0));
                for (int row = 1; row <= rows; row++) {
                    assertThat(reader.next()).isNotNull();
                    boolean open = row == rows && !lastTerminated;
                    RowPrefix through = expected(segments, open ? row - 1 : row);
                    if (open) {
                        // the last row, without a line break after it, is kept apart: it may have been cut
                        byte[] last = segments.get(rows).getBytes(StandardCharsets.UTF_8);
                        through = new RowPrefix(
                                through.rows(),
                                through.bytes(),
                                through.sha256(),
                                new RowPrefix.OpenRow(last.length, sha256(last)));
                    }
                    assertThat(reader.prefix())
                            .as("round %d row %d", round, row)
                            .isEqualTo(through);
                }
                assertThat(reader.next()).isNull();
            }
        }
    }

    @Test
    void aFileWithoutAHeaderCountsEveryRow() throws IOException, NoSuchAlgorithmException {
        Path file = write("plain.tsv", "1\tä\n2\tb\n");
        ParseSettings tsv =
                ParseSettings.csvDefaults().withFormat(DelimitedFormat.TSV).withHeader(false);

        try (DelimitedRowReader reader = DelimitedRowReader.open(file, tsv)) {
            reader.next();
            byte[] first = "1\tä\n".getBytes(StandardCharsets.UTF_8);
            assertThat(reader.prefix()).isEqualTo(new RowPrefix(1, first.length, sha256(first)));
        }
    }

    @Test
    void aSingleByteEncodingHashesTheBytesAsStored() throws IOException, NoSuchAlgorithmException {
        Charset latin1 = StandardCharsets.ISO_8859_1;
        byte[] bytes = "id,name\n1,caf\u00e9\n".getBytes(latin1);
        Path file = dir.resolve("latin1.csv");
        Files.write(file, bytes);

        try (DelimitedRowReader reader =
                DelimitedRowReader.open(file, ParseSettings.csvDefaults().withEncoding(latin1))) {
            reader.next();
            assertThat(reader.prefix()).isEqualTo(new RowPrefix(1, bytes.length, sha256(bytes)));
        }
    }

    /** Short values, quoted ones with delimiters, quotes and line breaks, other scripts, and a few of 100,000 chars. */
    private static String value(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> "\"a,b\"\"c\nd\r\ne\"";
            case 1 -> "Ωμέγα 日本 \uD83D\uDE00";
            case 2 -> random.nextInt(10) == 0 ? "x".repeat(100_000) : "plain";
            case 3 -> "";
            default -> Integer.toString(random.nextInt(1_000_000));
        };
    }

    private static RowPrefix expected(List<String> segments, int rows) throws NoSuchAlgorithmException {
        byte[] bytes = String.join("", segments.subList(0, rows + 1)).getBytes(StandardCharsets.UTF_8);
        return new RowPrefix(rows, bytes.length, sha256(bytes));
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (name.endsWith(".gz")) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                out.write(bytes);
            }
        } else {
            Files.write(file, bytes);
        }
        return file;
    }
}
