package io.chingest.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.chingest.common.wire.AvroWireEncoder;
import io.chingest.producer.feedback.SendProgress;
import io.chingest.producer.map.TargetSchema;
import io.chingest.producer.parse.ParseSettings;
import io.chingest.producer.parse.RowPrefix;
import io.chingest.producer.progress.FileProgress;
import io.chingest.producer.progress.ResumePoint;
import io.chingest.producer.publish.ProducerProperties;
import io.chingest.producer.publish.ProvenanceHeaders;
import io.chingest.producer.publish.PublishOutcome;
import io.chingest.producer.publish.RecordKeys;
import io.chingest.producer.publish.RecordSink;
import io.chingest.producer.publish.RecordSizeLimit;
import io.chingest.producer.publish.TransactionalSink;
import io.chingest.producer.quarantine.BadRowLimit;
import io.chingest.producer.quarantine.DeadLetterTopic;
import io.chingest.producer.quarantine.Quarantine;
import io.chingest.producer.quarantine.RejectedRow;
import io.chingest.producer.quarantine.RejectedRowSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SendPipelineTest {

    private static final Schema SCHEMA = new Schema.Parser().parse("""
            {"type": "record", "name": "Item", "fields": [
              {"name": "id", "type": "int"},
              {"name": "name", "type": ["null", "string"]}
            ]}""");

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();
    private final List<RejectedRow> rejected = new ArrayList<>();
    private final InMemorySink sink = new InMemorySink();

    @AfterEach
    void noReadingThreadOutlivesTheRun() {
        assertThat(ReadingStageTest.readingThreads()).isEmpty();
    }

    @Test
    void publishesEveryRowOfEveryFileInOrderAndCommitsEachFileComplete() throws IOException {
        Path first = write("a.csv", "id,name\n1,one\n2,\n");
        Path second = write("b.csv", "name,id\n\"three\",3\n");

        SendReport report = pipeline(BadRowLimit.NONE).run(List.of(first, second));

        assertThat(sink.committed)
                .containsExactly(
                        "{\"id\": 1, \"name\": \"one\"}",
                        "{\"id\": 2, \"name\": null}",
                        "{\"id\": 3, \"name\": \"three\"}");
        assertThat(sink.commits).containsExactly("a.csv@2 complete", "b.csv@1 complete");
        assertThat(report.files())
                .containsExactly(new FileOutcome(first, 2, 2, 0, null), new FileOutcome(second, 1, 1, 0, null));
        assertThat(report.outcome()).isEqualTo(new PublishOutcome("items", 3, 3, 0, null));
        assertThat(report.exitCode()).isZero();
        assertThat(warnings).isEmpty();
        assertThat(rejected).isEmpty();
    }

    @Test
    void eachChunkOfRowsIsCommittedWithThePositionReached() throws IOException {
        Path file = write("a.csv", "id,name\n1,a\n2,b\nx,bad\n4,d\n5,e\n");

        pipeline(BadRowLimit.NONE, 2, false).run(List.of(file));

        assertThat(sink.commits).containsExactly("a.csv@2", "a.csv@4", "a.csv@5 complete");
        assertThat(sink.committed).hasSize(4);
    }

    @Test
    void aFileSentInPartIsResumedAfterItsLastCommittedRow() throws IOException {
        Path file = write("a.csv", "id,name\n1,a\n2,b\n3,c\n4,d\n");
        sink.progress.put(file, new FileProgress(2, false, file.toString(), "host"));

        SendReport report = pipeline(BadRowLimit.NONE).run(List.of(file));

        assertThat(sink.committed).containsExactly("{\"id\": 3, \"name\": \"c\"}", "{\"id\": 4, \"name\": \"d\"}");
        assertThat(report.files()).containsExactly(new FileOutcome(file, 2, 2, 0, null, 2, false));
        assertThat(report.files().get(0).summary())
                .isEqualTo(file + ": 2 rows read, 2 published, 0 rejected," + " 2 rows sent earlier");
    }

    @Test
    void eachChunkCommitsTheFilesBytesThroughItsLastRowAndTheEndThroughTheLastRowWithALineBreak()
            throws IOException, NoSuchAlgorithmException {
        Path file = write("a.csv", "id,name\n1,a\n2,b\n3,c");

        pipeline(BadRowLimit.NONE, 2, false).run(List.of(file));

        byte[] throughSecond = "id,name\n1,a\n2,b\n".getBytes(StandardCharsets.UTF_8);
        byte[] last = "3,c".getBytes(StandardCharsets.UTF_8);
        // the last row has no line break: it may have been cut, so the prefix stops before it and keeps it apart
        RowPrefix prefix = new RowPrefix(
                2, throughSecond.length, sha256(throughSecond), new RowPrefix.OpenRow(last.length, sha256(last)));
        assertThat(sink.commits).containsExactly("a.csv@2", "a.csv@3 complete");
        assertThat(sink.progress.get(file)).isEqualTo(new FileProgress(3, true, file.toString(), "host", null, prefix));
    }

    @Test
    void aFileResumedFromAnotherOfItsNameSaysSoAndSkipsTheRowsOfThePrefix() throws IOException {
        Path file = write("a.csv", "id,name\n1,a\n2,b\n3,c\n");
        RowPrefix prefix = new RowPrefix(2, 16, "0".repeat(64));
        sink.resumePoints.put(
                file,
                new ResumePoint(
                        new FileProgress(2, false, "in/a.csv", "h", null, prefix),
                        "resumed after 2 rows sent earlier from a file with the same first 16 bytes",
                        List.of("a warning")));

        SendReport report = pipeline(BadRowLimit.NONE).run(List.of(file));

        assertThat(sink.committed).containsExactly("{\"id\": 3, \"name\": \"c\"}");
        assertThat(warnings).containsExactly("a warning");
        assertThat(report.files().get(0).summary())
                .isEqualTo(file + ": 1 rows read, 1 published, 0 rejected, resumed after 2 rows sent earlier from a"
                        + " file with the same first 16 bytes");
    }

    @Test
    void aFileThatCannotBeReadPastACommittedChunkNamesTheRowsAlreadyPublished() throws IOException {
        StringBuilder rows = new StringBuilder("id,name\n");
        for (int id = 1; id <= 20_000; id++) {
            rows.append(id).append(",name ").append(id).append('\n');
        }
        Path file = dir.resolve("a.csv");
        byte[] good = rows.toString().getBytes(StandardCharsets.UTF_8);
        byte[] content = Arrays.copyOf(good, good.length + 3);
        content[good.length] = '0';
        content[good.length + 1] = ',';
        content[good.length + 2] = (byte) 0xff; // not UTF-8: the parser cannot read past it
        Files.write(file, content);

        SendReport report = pipeline(sink, BadRowLimit.NONE, SendPipeline.Options.DEFAULTS.withChunkRows(1000))
                .run(List.of(file));

        // the parser reads ahead of the rows it returns, so it fails some chunks before the bad byte
        assertThat(sink.commits).isNotEmpty().last().isEqualTo("a.csv@" + 1000 * sink.commits.size());
        assertThat(report.files().get(0).failure())
                .startsWith(file + ":")
                .endsWith(String.format(
                        Locale.ROOT,
                        "; the first %,d rows are already published: sending the complete file under the same name"
                                + " resumes after them",
                        1000 * sink.commits.size()));
    }

    @Test
    void aFileSentCompletelyIsNotReadAgainUnlessForced() throws IOException {
        Path file = write("a.csv", "id,name\n1,a\n2,b\n");
        sink.progress.put(file, new FileProgress(2, true, file.toString(), "host"));

        SendReport again = pipeline(BadRowLimit.NONE).run(List.of(file));
        SendReport forced = pipeline(BadRowLimit.NONE, 100, true).run(List.of(file));

        assertThat(again.files()).containsExactly(new FileOutcome(file, 0, 0, 0, null, 2, false));
        assertThat(again.exitCode()).isZero();
        assertThat(forced.files()).containsExactly(new FileOutcome(file, 2, 2, 0, null));
        assertThat(sink.committed).containsExactly("{\"id\": 1, \"name\": \"a\"}", "{\"id\": 2, \"name\": \"b\"}");
    }

    @Test
    void aStopRequestCommitsTheRowsReadAndEndsTheRunWithExitCodeZero() throws IOException {
        Path file = write("a.csv", "id,name\n1,a\n2,b\n3,c\n4,d\n");
        Path never = write("b.csv", "id,name\n5,e\n");
        AtomicInteger polls = new AtomicInteger();

        SendReport report = pipeline(
                        sink,
                        BadRowLimit.NONE,
                        SendPipeline.Options.DEFAULTS
                                .withChunkRows(100)
                                .withStopRequested(() -> polls.incrementAndGet() > 2))
                .run(List.of(file, never));

        assertThat(sink.commits).containsExactly("a.csv@2");
        assertThat(sink.opened).containsExactly(file);
        assertThat(report.files()).containsExactly(new FileOutcome(file, 2, 2, 0, null, 0, true));
        assertThat(report.stopped()).isTrue();
        assertThat(report.exitCode()).isZero();
        assertThat(report.summary()).endsWith(", stopped on request");
    }

    @Test
    void theProgressDisplayHearsEachFileAndEvery1024Rows() throws IOException {
        StringBuilder rows = new StringBuilder("id,name\n");
        for (int id = 1; id <= 2500; id++) {
            rows.append(id).append(",n\n");
        }
        Path file = write("a.csv", rows.toString());
        List<String> heard = new ArrayList<>();
        SendProgress recorder = new SendProgress() {
            @Override
            public void fileStarted(Path started, long sizeBytes) {
                heard.add("start " + started.getFileName() + " " + sizeBytes);
            }

            @Override
            public void advanced(long rowsHandled, long bytes) {
                heard.add(rowsHandled + " rows, " + (bytes > 0 ? "some" : "no") + " bytes");
            }

            @Override
            public void fileEnded() {
                heard.add("end");
            }
        };

        pipeline(
                        sink,
                        BadRowLimit.NONE,
                        SendPipeline.Options.DEFAULTS.withChunkRows(100).withProgressDisplay(recorder))
                .run(List.of(file));

        assertThat(heard)
                .containsExactly(
                        "start a.csv " + Files.size(file), "1024 rows, some bytes", "2048 rows, some bytes", "end");
    }

    @Test
    void aBadRowIsQuarantinedWithItsLineColumnReasonAndTextAndTheFileGoesOn() throws IOException {
        Path first = write("a.csv", "id,name\n1,one\n2,two\nthree,\"3\"\n4,four\n5\n");
        Path second = write("b.csv", "id,name\n6,six\n");

        SendReport report = pipeline(BadRowLimit.NONE).run(List.of(first, second));

        assertThat(sink.committed)
                .containsExactly(
                        "{\"id\": 1, \"name\": \"one\"}",
                        "{\"id\": 2, \"name\": \"two\"}",
                        "{\"id\": 4, \"name\": \"four\"}",
                        "{\"id\": 6, \"name\": \"six\"}");
        assertThat(rejected)
                .containsExactly(
                        new RejectedRow(first, 4, "id", "not an int", "three", "three,\"3\""),
                        new RejectedRow(
                                first, 6, "2", "missing: the record has 1 column, the header has 2", null, "5"));
        assertThat(sink.deadLetters).isEqualTo(rejected);
        assertThat(rejected.get(0).describe()).isEqualTo(first + ":4: column 'id': not an int (value \"three\")");
        assertThat(report.files())
                .containsExactly(new FileOutcome(first, 5, 3, 2, null), new FileOutcome(second, 1, 1, 0, null));
        assertThat(report.exitCode()).isZero();
    }

    @Test
    void pastMaxBadRowsTheFileFailsItsOpenChunkIsDiscardedAndTheNextFileIsStillSent() throws IOException {
        Path first = write("a.csv", "id,name\n1,one\nx,bad\n3,three\ny,bad\n5,five\n");
        Path second = write("b.csv", "id,name\n6,six\n");

        SendReport report = pipeline(BadRowLimit.ofRows(1), 2, false).run(List.of(first, second));

        assertThat(sink.commits).containsExactly("a.csv@2", "b.csv@1 complete");
        assertThat(sink.committed).containsExactly("{\"id\": 1, \"name\": \"one\"}", "{\"id\": 6, \"name\": \"six\"}");
        assertThat(rejected).extracting(RejectedRow::line).containsExactly(3L, 5L);
        assertThat(report.files())
                .containsExactly(
                        new FileOutcome(
                                first,
                                4,
                                1,
                                2,
                                first + ": more than 1 bad row (--max-bad-rows), the last at line 5; the first 2 rows"
                                        + " are already published or set aside: sending the complete file under the"
                                        + " same name resumes after them"),
                        new FileOutcome(second, 1, 1, 0, null));
        assertThat(report.exitCode()).isEqualTo(1);
    }

    @Test
    void theDefaultBadRowLimitFailsAFileReadWithTheWrongSchemaAfterItsFirstThousandRows() throws IOException {
        // every id is text where the schema wants a number: the mistake of a wrong --schema, not bad data
        StringBuilder text = new StringBuilder("id,name\n");
        for (int row = 1; row <= 3000; row++) {
            text.append("id-").append(row).append(",name\n");
        }
        Path file = write("wrong.csv", text.toString());

        SendReport report = pipeline(BadRowLimit.parse(QuarantineOptions.DEFAULT_MAX_BAD_ROWS))
                .run(List.of(file));

        assertThat(sink.committed).isEmpty();
        assertThat(rejected).hasSize(1000);
        assertThat(report.files().get(0).failure())
                .startsWith(file + ": more than 50% of the rows are bad (1000 of 1000 rows read; --max-bad-rows)");
        assertThat(report.exitCode()).isEqualTo(1);
    }

    @Test
    void zeroBadRowsAllowedFailsTheFileAtItsFirstBadRow() throws IOException {
        Path file = write("a.csv", "id,name\n1,one\nx,bad\n3,three\n");

        SendReport report = pipeline(BadRowLimit.ofRows(0)).run(List.of(file));

        assertThat(sink.committed).isEmpty();
        assertThat(report.files())
                .containsExactly(new FileOutcome(
                        file, 2, 0, 1, file + ": more than 0 bad rows (--max-bad-rows), the last at line 3"));
    }

    @Test
    void aRatioOfBadRowsIsJudgedAtTheEndOfASmallFile() throws IOException {
        Path within = write("a.csv", "id,name\n1,a\n2,b\nx,c\n4,d\n");
        Path past = write("b.csv", "id,name\n1,a\nx,b\ny,c\n4,d\n");

        SendReport report = pipeline(BadRowLimit.parse("25%")).run(List.of(within, past));

        assertThat(report.files())
                .containsExactly(
                        new FileOutcome(within, 4, 3, 1, null),
                        new FileOutcome(
                                past,
                                4,
                                0,
                                2,
                                past + ": more than 25% of the rows are bad (2 of 4 rows read;" + " --max-bad-rows)"));
        assertThat(report.exitCode()).isEqualTo(1);
    }

    @Test
    void aRecordTooLargeForKafkaIsRejectedNamingFileAndLine() throws IOException {
        Path file = write("a.csv", "id,name\n1,one\n2," + "x".repeat(300) + "\n3,three\n");
        sink.tooLarge = record -> record.get("name").toString().length() > 100;

        SendReport report = pipeline(BadRowLimit.NONE).run(List.of(file));

        assertThat(sink.committed)
                .containsExactly("{\"id\": 1, \"name\": \"one\"}", "{\"id\": 3, \"name\": \"three\"}");
        assertThat(rejected)
                .containsExactly(
                        new RejectedRow(file, 3, null, "the record is too large", null, "2," + "x".repeat(300)));
        assertThat(report.files()).containsExactly(new FileOutcome(file, 3, 2, 1, null));
    }

    @Test
    void aRecordTheParserCannotReadIsQuarantinedAndFailsItsFile() throws IOException {
        Path file = write("a.csv", "id,name\n1,one\n2,\"" + "x".repeat(200) + "\"\n");
        Path next = write("b.csv", "id,name\n3,three\n");
        ParseSettings narrow = ParseSettings.csvDefaults().withBounds(100, 10, 1000);

        SendReport report = new SendPipeline(
                        narrow, TargetSchema.of(SCHEMA), sink, quarantine(), BadRowLimit.NONE, warnings::add)
                .run(List.of(file, next));

        assertThat(sink.committed).containsExactly("{\"id\": 3, \"name\": \"three\"}");
        String reason = "value in column 2 is longer than 100 characters (raise --max-value-chars, or look for an"
                + " unclosed quote)";
        assertThat(rejected).containsExactly(new RejectedRow(file, 3, null, reason, null, null));
        assertThat(report.files())
                .containsExactly(
                        new FileOutcome(file, 2, 0, 1, file + ":3: " + reason + "; the rest of the file is not read"),
                        new FileOutcome(next, 1, 1, 0, null));
        assertThat(report.exitCode()).isEqualTo(1);
    }

    @Test
    void aHeaderWithoutARequiredColumnFailsThatFileOnly() throws IOException {
        Path good = write("a.csv", "id\n1\n");
        Path bad = write("b.csv", "name\nx\n");

        SendReport report = pipeline(BadRowLimit.NONE).run(List.of(bad, good));

        assertThat(sink.committed).containsExactly("{\"id\": 1, \"name\": null}");
        assertThat(report.files())
                .containsExactly(
                        new FileOutcome(
                                bad,
                                0,
                                0,
                                0,
                                bad + ":1: no header column for"
                                        + " schema field 'id', which can be left out only when nullable or with a default; the header"
                                        + " has 'name'"),
                        new FileOutcome(good, 1, 1, 0, null));
        assertThat(report.exitCode()).isEqualTo(1);
    }

    @Test
    void aFileThatDisappearedFails() {
        Path gone = dir.resolve("gone.csv");

        SendReport report = pipeline(BadRowLimit.NONE).run(List.of(gone));

        assertThat(report.files())
                .containsExactly(new FileOutcome(
                        gone,
                        0,
                        0,
                        0,
                        gone + ": cannot read the file:" + " java.nio.file.NoSuchFileException: " + gone));
        assertThat(report.exitCode()).isEqualTo(1);
    }

    @Test
    void aChunkKafkaDidNotCommitFailsTheFileAndStopsTheRun() throws IOException {
        Path file = write("a.csv", "id,name\n1,a\n2,b\n3,c\n4,d\n");
        Path never = write("b.csv", "id,name\n5,e\n");
        sink.failCommitNumber = 2;

        SendReport report = pipeline(BadRowLimit.NONE, 2, false).run(List.of(file, never));

        assertThat(sink.committed).containsExactly("{\"id\": 1, \"name\": \"a\"}", "{\"id\": 2, \"name\": \"b\"}");
        assertThat(sink.opened).containsExactly(file);
        assertThat(report.files())
                .containsExactly(new FileOutcome(file, 4, 2, 0, "Kafka did not commit the rows of " + file));
        assertThat(report.exitCode()).isEqualTo(1);
    }

    @Test
    void columnsOutsideTheSchemaAreIgnoredWithOneWarningPerFile() throws IOException {
        Path file = write("a.csv", "id,comment,name,extra\n1,c,one,e\n2,c,two,e\n");

        SendReport report = pipeline(BadRowLimit.NONE).run(List.of(file));

        assertThat(warnings).containsExactly(file + ": ignoring columns that are not in the schema: comment, extra");
        assertThat(sink.committed).containsExactly("{\"id\": 1, \"name\": \"one\"}", "{\"id\": 2, \"name\": \"two\"}");
        assertThat(report.exitCode()).isZero();
    }

    @Test
    void withoutHeaderColumnsFeedFieldsByPosition() throws IOException {
        Path file = write("a.csv", "1,one\n2,two\n");
        ParseSettings noHeader = ParseSettings.csvDefaults().withHeader(false);

        SendReport report = new SendPipeline(
                        noHeader, TargetSchema.of(SCHEMA), sink, quarantine(), BadRowLimit.NONE, warnings::add)
                .run(List.of(file));

        assertThat(sink.committed).containsExactly("{\"id\": 1, \"name\": \"one\"}", "{\"id\": 2, \"name\": \"two\"}");
        assertThat(report.exitCode()).isZero();
    }

    @Test
    void aHandOverSmallerThanOneRecordStillSendsEveryRowInOrderWithTheSameChunksAndRejects() throws IOException {
        StringBuilder rows = new StringBuilder("id,name\n");
        for (int id = 1; id <= 3000; id++) {
            rows.append(id % 700 == 0 ? "bad" : Integer.toString(id))
                    .append(",n")
                    .append(id)
                    .append('\n');
        }
        Path file = write("a.csv", rows.toString());

        SendReport report = pipeline(
                        sink,
                        BadRowLimit.NONE,
                        SendPipeline.Options.DEFAULTS.withChunkRows(1000).withPipelineBufferBytes(1))
                .run(List.of(file));

        List<String> expected = new ArrayList<>();
        for (int id = 1; id <= 3000; id++) {
            if (id % 700 != 0) {
                expected.add("{\"id\": " + id + ", \"name\": \"n" + id + "\"}");
            }
        }
        assertThat(sink.committed).containsExactlyElementsOf(expected);
        assertThat(sink.commits).containsExactly("a.csv@1000", "a.csv@2000", "a.csv@3000", "a.csv@3000 complete");
        assertThat(rejected).extracting(RejectedRow::line).containsExactly(701L, 1401L, 2101L, 2801L);
        assertThat(sink.deadLetters).isEqualTo(rejected);
        assertThat(report.files()).containsExactly(new FileOutcome(file, 3000, 2996, 4, null));
    }

    @Test
    void recordsDeadLettersAndPositionsReachTheProducerInTheOrderOfTheFile() throws IOException {
        Path file = write("a.csv", "id,name\n1,a\nx,b\n3,c\n4,d\ny,e\n");
        MockProducer<byte[], byte[]> producer =
                new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        Map<String, Object> properties = ProducerProperties.of("127.0.0.1:9092", 1L << 20, "none", Map.of());
        RecordSizeLimit limit = RecordSizeLimit.of(properties);
        TransactionalSink kafka = new TransactionalSink(
                properties,
                config -> producer,
                "items",
                new AvroWireEncoder(1, SCHEMA),
                limit,
                key -> FileProgress.NONE,
                "items.progress",
                new DeadLetterTopic("items.dlq", limit),
                RecordKeys.NONE,
                "host-1",
                null);

        pipeline(
                        kafka,
                        BadRowLimit.NONE,
                        SendPipeline.Options.DEFAULTS.withChunkRows(2).withPipelineBufferBytes(1))
                .run(List.of(file));

        assertThat(producer.history())
                .extracting(record -> record.topic() + " "
                        + ProvenanceHeaders.line(record.headers()).orElse(-1))
                .containsExactly(
                        "items 2",
                        "items.dlq -1",
                        "items.progress -1",
                        "items 4",
                        "items 5",
                        "items.progress -1",
                        "items.dlq -1",
                        "items.progress -1");
        assertThat(producer.history())
                .filteredOn(record -> record.topic().equals("items.dlq"))
                .extracting(record -> new String(record.value(), StandardCharsets.UTF_8))
                .containsExactly("x,b", "y,e");
        assertThat(producer.commitCount()).isEqualTo(3);
    }

    @Test
    void theSummaryNamesFilesRowsElapsedTimeAndRate() {
        SendReport report = new SendReport(
                List.of(
                        new FileOutcome(Path.of("a.csv"), 600, 590, 10, null),
                        new FileOutcome(Path.of("b.csv"), 400, 400, 0, "b.csv:3: bad")),
                new PublishOutcome("t", 990, 990, 0, null),
                Duration.ofMillis(1250));

        assertThat(report.summary())
                .isEqualTo("file-producer: 2 files, 1 failed, 1000 rows read, 990 published,"
                        + " 10 rejected, 1.250 s, 792 rows/s");
        assertThat(report.files().get(0).summary()).isEqualTo("a.csv: 600 rows read, 590 published, 10 rejected");
        assertThat(report.files().get(1).summary())
                .isEqualTo("b.csv: 400 rows read, 400 published, 0 rejected," + " failed: b.csv:3: bad");
    }

    private SendPipeline pipeline(BadRowLimit limit) {
        return pipeline(limit, SendPipeline.DEFAULT_CHUNK_ROWS, false);
    }

    private SendPipeline pipeline(BadRowLimit limit, int chunkRows, boolean force) {
        return pipeline(
                sink,
                limit,
                SendPipeline.Options.DEFAULTS.withChunkRows(chunkRows).withForce(force));
    }

    /** A pipeline of CSV rows of {@link #SCHEMA} into {@code into}, rejects to the test's quarantine. */
    private SendPipeline pipeline(RecordSink into, BadRowLimit limit, SendPipeline.Options options) {
        return new SendPipeline(
                ParseSettings.csvDefaults(),
                TargetSchema.of(SCHEMA),
                into,
                quarantine(),
                limit,
                warnings::add,
                options);
    }

    private Quarantine quarantine() {
        return new Quarantine(List.of(new RejectedRowSink() {
            @Override
            public void accept(RejectedRow row) {
                rejected.add(row);
            }

            @Override
            public void close() {}
        }));
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
