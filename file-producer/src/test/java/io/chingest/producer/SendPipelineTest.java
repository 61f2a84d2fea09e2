package io.chingest.producer;

import io.chingest.common.wire.AvroWireEncoder;
import io.chingest.producer.map.TargetSchema;
import io.chingest.producer.parse.ParseSettings;
import io.chingest.producer.publish.KafkaRecordPublisher;
import io.chingest.producer.publish.ProducerProperties;
import io.chingest.producer.publish.PublishOutcome;
import io.chingest.producer.publish.RecordSizeLimit;
import io.chingest.producer.quarantine.BadRowLimit;
import io.chingest.producer.quarantine.Quarantine;
import io.chingest.producer.quarantine.RejectedRow;
import io.chingest.producer.quarantine.RejectedRowSink;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

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
    private MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
            new ByteArraySerializer());

    @Test
    void publishesEveryRowOfEveryFileInOrder() throws IOException {
        Path first = write("a.csv", "id,name\n1,one\n2,\n");
        Path second = write("b.csv", "name,id\n\"three\",3\n");

        SendReport report = pipeline(BadRowLimit.NONE).run(List.of(first, second));

        assertThat(publishedRecords()).containsExactly(
                "{\"id\": 1, \"name\": \"one\"}", "{\"id\": 2, \"name\": null}", "{\"id\": 3, \"name\": \"three\"}");
        assertThat(report.files()).containsExactly(new FileOutcome(first, 2, 2, 0, null),
                new FileOutcome(second, 1, 1, 0, null));
        assertThat(report.outcome()).isEqualTo(new PublishOutcome("items", 3, 3, 0, null));
        assertThat(report.exitCode()).isZero();
        assertThat(producer.closed()).isTrue();
        assertThat(warnings).isEmpty();
        assertThat(rejected).isEmpty();
    }

    @Test
    void aBadRowIsQuarantinedWithItsLineColumnReasonAndTextAndTheFileGoesOn() throws IOException {
        Path first = write("a.csv", "id,name\n1,one\n2,two\nthree,\"3\"\n4,four\n5\n");
        Path second = write("b.csv", "id,name\n6,six\n");

        SendReport report = pipeline(BadRowLimit.NONE).run(List.of(first, second));

        assertThat(publishedRecords()).containsExactly("{\"id\": 1, \"name\": \"one\"}",
                "{\"id\": 2, \"name\": \"two\"}", "{\"id\": 4, \"name\": \"four\"}",
                "{\"id\": 6, \"name\": \"six\"}");
        assertThat(rejected).containsExactly(
                new RejectedRow(first, 4, "id", "not an int", "three", "three,\"3\""),
                new RejectedRow(first, 6, "2", "missing: the record has 1 column, the header has 2", null, "5"));
        assertThat(rejected.get(0).describe()).isEqualTo(first + ":4: column 'id': not an int (value \"three\")");
        assertThat(report.files()).containsExactly(new FileOutcome(first, 5, 3, 2, null),
                new FileOutcome(second, 1, 1, 0, null));
        assertThat(report.exitCode()).isZero();
    }

    @Test
    void pastMaxBadRowsTheFileFailsAndTheNextFileIsStillSent() throws IOException {
        Path first = write("a.csv", "id,name\n1,one\nx,bad\n3,three\ny,bad\n5,five\n");
        Path second = write("b.csv", "id,name\n6,six\n");

        SendReport report = pipeline(BadRowLimit.ofRows(1)).run(List.of(first, second));

        assertThat(publishedRecords()).containsExactly("{\"id\": 1, \"name\": \"one\"}",
                "{\"id\": 3, \"name\": \"three\"}", "{\"id\": 6, \"name\": \"six\"}");
        assertThat(rejected).extracting(RejectedRow::line).containsExactly(3L, 5L);
        assertThat(report.files()).containsExactly(
                new FileOutcome(first, 4, 2, 2, first + ": more than 1 bad row (--max-bad-rows), the last at line 5"),
                new FileOutcome(second, 1, 1, 0, null));
        assertThat(report.exitCode()).isEqualTo(1);
    }

    @Test
    void zeroBadRowsAllowedFailsTheFileAtItsFirstBadRow() throws IOException {
        Path file = write("a.csv", "id,name\n1,one\nx,bad\n3,three\n");

        SendReport report = pipeline(BadRowLimit.ofRows(0)).run(List.of(file));

        assertThat(publishedRecords()).containsExactly("{\"id\": 1, \"name\": \"one\"}");
        assertThat(report.files()).containsExactly(new FileOutcome(file, 2, 1, 1,
                file + ": more than 0 bad rows (--max-bad-rows), the last at line 3"));
    }

    @Test
    void aRatioOfBadRowsIsJudgedAtTheEndOfASmallFile() throws IOException {
        Path within = write("a.csv", "id,name\n1,a\n2,b\nx,c\n4,d\n");
        Path past = write("b.csv", "id,name\n1,a\nx,b\ny,c\n4,d\n");

        SendReport report = pipeline(BadRowLimit.parse("25%")).run(List.of(within, past));

        assertThat(report.files()).containsExactly(new FileOutcome(within, 4, 3, 1, null),
                new FileOutcome(past, 4, 2, 2, past + ": more than 25% of the rows are bad (2 of 4 rows read;"
                        + " --max-bad-rows)"));
        assertThat(report.exitCode()).isEqualTo(1);
    }

    @Test
    void aRecordTooLargeForKafkaIsRejectedNamingFileAndLine() throws IOException {
        Path file = write("a.csv", "id,name\n1,one\n2," + "x".repeat(300) + "\n3,three\n");
        RecordSizeLimit limit = RecordSizeLimit.of(ProducerProperties.of("127.0.0.1:9092", 1L << 20, "none",
                Map.of("max.request.size", "200")));

        SendReport report = new SendPipeline(ParseSettings.csvDefaults(), TargetSchema.of(SCHEMA),
                new KafkaRecordPublisher(producer, "items", new AvroWireEncoder(3, SCHEMA), limit,
                        new SimpleMeterRegistry()), quarantine(), BadRowLimit.NONE, warnings::add).run(List.of(file));

        assertThat(publishedRecords()).containsExactly("{\"id\": 1, \"name\": \"one\"}",
                "{\"id\": 3, \"name\": \"three\"}");
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).line()).isEqualTo(3);
        assertThat(rejected.get(0).column()).isNull();
        assertThat(rejected.get(0).reason()).matches("the record is \\d+ bytes for Kafka, more than max.request.size"
                + " \\(200 bytes\\)");
        assertThat(rejected.get(0).text()).isEqualTo("2," + "x".repeat(300));
        assertThat(report.files()).containsExactly(new FileOutcome(file, 3, 2, 1, null));
    }

    @Test
    void aRecordTheParserCannotReadIsQuarantinedAndFailsItsFile() throws IOException {
        Path file = write("a.csv", "id,name\n1,one\n2,\"" + "x".repeat(200) + "\"\n");
        Path next = write("b.csv", "id,name\n3,three\n");
        ParseSettings narrow = ParseSettings.csvDefaults().withBounds(100, 10, 1000);

        SendReport report = new SendPipeline(narrow, TargetSchema.of(SCHEMA), publisher(), quarantine(),
                BadRowLimit.NONE, warnings::add).run(List.of(file, next));

        assertThat(publishedRecords()).containsExactly("{\"id\": 1, \"name\": \"one\"}",
                "{\"id\": 3, \"name\": \"three\"}");
        String reason = "value in column 2 is longer than 100 characters (raise --max-value-chars, or look for an"
                + " unclosed quote)";
        assertThat(rejected).containsExactly(new RejectedRow(file, 3, null, reason, null, null));
        assertThat(report.files()).containsExactly(
                new FileOutcome(file, 2, 1, 1, file + ":3: " + reason + "; the rest of the file is not read"),
                new FileOutcome(next, 1, 1, 0, null));
        assertThat(report.exitCode()).isEqualTo(1);
    }

    @Test
    void aHeaderWithoutARequiredColumnFailsThatFileOnly() throws IOException {
        Path good = write("a.csv", "id\n1\n");
        Path bad = write("b.csv", "name\nx\n");

        SendReport report = pipeline(BadRowLimit.NONE).run(List.of(bad, good));

        assertThat(publishedRecords()).containsExactly("{\"id\": 1, \"name\": null}");
        assertThat(report.files()).containsExactly(new FileOutcome(bad, 0, 0, 0, bad + ":1: no header column for"
                        + " schema field 'id', which can be left out only when nullable or with a default; the header"
                        + " has 'name'"),
                new FileOutcome(good, 1, 1, 0, null));
        assertThat(report.exitCode()).isEqualTo(1);
    }

    @Test
    void aFileThatDisappearedFails() throws IOException {
        Path gone = dir.resolve("gone.csv");

        SendReport report = pipeline(BadRowLimit.NONE).run(List.of(gone));

        assertThat(report.files()).containsExactly(new FileOutcome(gone, 0, 0, 0, gone + ": cannot read the file:"
                + " java.nio.file.NoSuchFileException: " + gone));
        assertThat(report.exitCode()).isEqualTo(1);
    }

    @Test
    void aFailedSendStopsFeedingRowsAndFailsTheRun() throws IOException {
        TimeoutException timeout = new TimeoutException("Expiring 1 record(s) for items-0");
        producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()) {
            private int sends;

            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
                if (++sends == 2) {
                    callback.onCompletion(null, timeout);
                    return CompletableFuture.failedFuture(timeout);
                }
                return super.send(record, callback);
            }
        };
        Path file = write("a.csv", "id,name\n1,a\n2,b\n3,c\n4,d\n");
        Path never = write("b.csv", "id,name\n5,e\n");

        SendReport report = pipeline(BadRowLimit.NONE).run(List.of(file, never));

        assertThat(report.outcome()).isEqualTo(new PublishOutcome("items", 2, 1, 1, timeout));
        assertThat(report.files()).containsExactly(new FileOutcome(file, 2, 1, 0,
                "publishing to Kafka failed, the rest of the file is not read"));
        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(report.outcome().failureMessage()).isEqualTo("failed to publish to topic 'items': 1 of 2 records"
                + " failed; first error: TimeoutException: Expiring 1 record(s) for items-0");
    }

    @Test
    void columnsOutsideTheSchemaAreIgnoredWithOneWarningPerFile() throws IOException {
        Path file = write("a.csv", "id,comment,name,extra\n1,c,one,e\n2,c,two,e\n");

        SendReport report = pipeline(BadRowLimit.NONE).run(List.of(file));

        assertThat(warnings).containsExactly(file + ": ignoring columns that are not in the schema: comment, extra");
        assertThat(publishedRecords()).containsExactly("{\"id\": 1, \"name\": \"one\"}", "{\"id\": 2, \"name\": \"two\"}");
        assertThat(report.exitCode()).isZero();
    }

    @Test
    void withoutHeaderColumnsFeedFieldsByPosition() throws IOException {
        Path file = write("a.csv", "1,one\n2,two\n");
        ParseSettings noHeader = ParseSettings.csvDefaults().withHeader(false);

        SendReport report = new SendPipeline(noHeader, TargetSchema.of(SCHEMA), publisher(), quarantine(),
                BadRowLimit.NONE, warnings::add).run(List.of(file));

        assertThat(publishedRecords()).containsExactly("{\"id\": 1, \"name\": \"one\"}", "{\"id\": 2, \"name\": \"two\"}");
        assertThat(report.exitCode()).isZero();
    }

    @Test
    void theSummaryNamesFilesRowsElapsedTimeAndRate() {
        SendReport report = new SendReport(List.of(new FileOutcome(Path.of("a.csv"), 600, 590, 10, null),
                new FileOutcome(Path.of("b.csv"), 400, 400, 0, "b.csv:3: bad")),
                new PublishOutcome("t", 990, 990, 0, null), Duration.ofMillis(1250));

        assertThat(report.summary()).isEqualTo("file-producer: 2 files, 1 failed, 1000 rows read, 990 published,"
                + " 10 rejected, 1.250 s, 792 rows/s");
        assertThat(report.files().get(0).summary()).isEqualTo("a.csv: 600 rows read, 590 published, 10 rejected");
        assertThat(report.files().get(1).summary()).isEqualTo("b.csv: 400 rows read, 400 published, 0 rejected,"
                + " failed: b.csv:3: bad");
    }

    private SendPipeline pipeline(BadRowLimit limit) {
        return new SendPipeline(ParseSettings.csvDefaults(), TargetSchema.of(SCHEMA), publisher(), quarantine(),
                limit, warnings::add);
    }

    private Quarantine quarantine() {
        return new Quarantine(List.of(new RejectedRowSink() {
            @Override
            public void accept(RejectedRow row) {
                rejected.add(row);
            }

            @Override
            public void close() {
            }
        }));
    }

    private KafkaRecordPublisher publisher() {
        return new KafkaRecordPublisher(producer, "items", new AvroWireEncoder(3, SCHEMA),
                RecordSizeLimit.of(ProducerProperties.of("127.0.0.1:9092", 1L << 20, "none", Map.of())),
                new SimpleMeterRegistry());
    }

    private List<String> publishedRecords() throws IOException {
        GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(SCHEMA);
        List<String> records = new ArrayList<>();
        for (ProducerRecord<byte[], byte[]> record : producer.history()) {
            byte[] payload = record.value();
            assertThat(payload).startsWith(0, 0, 0, 0, 3);
            records.add(reader.read(null, DecoderFactory.get().binaryDecoder(payload, 5, payload.length - 5, null))
                    .toString());
        }
        return records;
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
