package io.chingest.producer;

import io.chingest.common.wire.AvroWireEncoder;
import io.chingest.producer.map.RowMappingException;
import io.chingest.producer.map.TargetSchema;
import io.chingest.producer.parse.ParseSettings;
import io.chingest.producer.parse.ParsedRow;
import io.chingest.producer.publish.KafkaRecordPublisher;
import io.chingest.producer.publish.PublishOutcome;
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
    private MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
            new ByteArraySerializer());

    @Test
    void publishesEveryRowOfEveryFileInOrder() throws IOException {
        Path first = write("a.csv", "id,name\n1,one\n2,\n");
        Path second = write("b.csv", "name,id\n\"three\",3\n");

        SendReport report = pipeline(new StopAtFirstBadRow()).run(List.of(first, second));

        assertThat(publishedRecords()).containsExactly(
                "{\"id\": 1, \"name\": \"one\"}", "{\"id\": 2, \"name\": null}", "{\"id\": 3, \"name\": \"three\"}");
        assertThat(report.files()).isEqualTo(2);
        assertThat(report.outcome()).isEqualTo(new PublishOutcome("items", 3, 3, 0, null));
        assertThat(report.stopReason()).isNull();
        assertThat(report.exitCode()).isZero();
        assertThat(producer.closed()).isTrue();
        assertThat(warnings).isEmpty();
    }

    @Test
    void aBadRowStopsTheRunAndTheRowsBeforeItAreDelivered() throws IOException {
        Path first = write("a.csv", "id,name\n1,one\n2,two\nthree,3\n4,four\n");
        Path second = write("b.csv", "id,name\n5,five\n");

        SendReport report = pipeline(new StopAtFirstBadRow()).run(List.of(first, second));

        assertThat(publishedRecords()).containsExactly("{\"id\": 1, \"name\": \"one\"}", "{\"id\": 2, \"name\": \"two\"}");
        assertThat(report.stopReason()).isEqualTo(first + ":4: column 'id': not an int (value \"three\")");
        assertThat(report.files()).isEqualTo(1);
        assertThat(report.outcome()).isEqualTo(new PublishOutcome("items", 2, 2, 0, null));
        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(producer.flushed()).isTrue();
        assertThat(producer.closed()).isTrue();
    }

    @Test
    void aFileThatCannotBeParsedStopsTheRun() throws IOException {
        Path file = write("a.csv", "id,name\n1,one\n2,\"" + "x".repeat(200) + "\"\n");
        ParseSettings narrow = ParseSettings.csvDefaults().withBounds(100, 10, 1000);

        SendReport report = new SendPipeline(narrow, TargetSchema.of(SCHEMA), publisher(), new StopAtFirstBadRow(),
                warnings::add).run(List.of(file));

        assertThat(publishedRecords()).containsExactly("{\"id\": 1, \"name\": \"one\"}");
        assertThat(report.stopReason()).isEqualTo(file + ":3: value in column 2 is longer than 100 characters"
                + " (raise --max-value-chars, or look for an unclosed quote)");
        assertThat(report.exitCode()).isEqualTo(1);
    }

    @Test
    void aHeaderWithoutARequiredColumnStopsTheRun() throws IOException {
        Path good = write("a.csv", "id\n1\n");
        Path bad = write("b.csv", "name\nx\n");

        SendReport report = pipeline(new StopAtFirstBadRow()).run(List.of(good, bad));

        assertThat(publishedRecords()).containsExactly("{\"id\": 1, \"name\": null}");
        assertThat(report.stopReason()).isEqualTo(bad + ":1: no header column for schema field 'id', which can be"
                + " left out only when nullable or with a default; the header has 'name'");
        assertThat(report.files()).isEqualTo(2);
        assertThat(report.exitCode()).isEqualTo(1);
    }

    @Test
    void aFileThatDisappearedStopsTheRun() throws IOException {
        Path gone = dir.resolve("gone.csv");

        SendReport report = pipeline(new StopAtFirstBadRow()).run(List.of(gone));

        assertThat(report.stopReason()).isEqualTo(gone + ": cannot read the file: java.nio.file.NoSuchFileException: "
                + gone);
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

        SendReport report = pipeline(new StopAtFirstBadRow()).run(List.of(file));

        assertThat(report.outcome()).isEqualTo(new PublishOutcome("items", 2, 1, 1, timeout));
        assertThat(report.stopReason()).isNull();
        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(report.outcome().failureMessage()).isEqualTo("failed to publish to topic 'items': 1 of 2 records"
                + " failed; first error: TimeoutException: Expiring 1 record(s) for items-0");
    }

    @Test
    void columnsOutsideTheSchemaAreIgnoredWithOneWarningPerFile() throws IOException {
        Path file = write("a.csv", "id,comment,name,extra\n1,c,one,e\n2,c,two,e\n");

        SendReport report = pipeline(new StopAtFirstBadRow()).run(List.of(file));

        assertThat(warnings).containsExactly(file + ": ignoring columns that are not in the schema: comment, extra");
        assertThat(publishedRecords()).containsExactly("{\"id\": 1, \"name\": \"one\"}", "{\"id\": 2, \"name\": \"two\"}");
        assertThat(report.exitCode()).isZero();
    }

    @Test
    void aBadRowHandlerThatReturnsLetsTheRunContinue() throws IOException {
        Path file = write("a.csv", "id,name\n1,one\nx,bad\n3,three\n");
        List<String> setAside = new ArrayList<>();
        BadRowHandler collect = (ParsedRow row, RowMappingException error) ->
                setAside.add(row.line() + " " + row.values() + " " + error.reason());

        SendReport report = pipeline(collect).run(List.of(file));

        assertThat(setAside).containsExactly("3 [x, bad] not an int");
        assertThat(publishedRecords()).containsExactly("{\"id\": 1, \"name\": \"one\"}",
                "{\"id\": 3, \"name\": \"three\"}");
        assertThat(report.exitCode()).isZero();
    }

    @Test
    void withoutHeaderColumnsFeedFieldsByPosition() throws IOException {
        Path file = write("a.csv", "1,one\n2,two\n");
        ParseSettings noHeader = ParseSettings.csvDefaults().withHeader(false);

        SendReport report = new SendPipeline(noHeader, TargetSchema.of(SCHEMA), publisher(), new StopAtFirstBadRow(),
                warnings::add).run(List.of(file));

        assertThat(publishedRecords()).containsExactly("{\"id\": 1, \"name\": \"one\"}", "{\"id\": 2, \"name\": \"two\"}");
        assertThat(report.exitCode()).isZero();
    }

    @Test
    void theSummaryNamesFilesRowsElapsedTimeAndRate() {
        SendReport report = new SendReport(2, new PublishOutcome("t", 1000, 990, 10, null), null,
                Duration.ofMillis(1250));

        assertThat(report.summary()).isEqualTo("file-producer: 2 files, 1000 rows sent, 990 rows acknowledged,"
                + " 10 failed, 1.250 s, 792 rows/s");
    }

    private SendPipeline pipeline(BadRowHandler badRows) {
        return new SendPipeline(ParseSettings.csvDefaults(), TargetSchema.of(SCHEMA), publisher(), badRows,
                warnings::add);
    }

    private KafkaRecordPublisher publisher() {
        return new KafkaRecordPublisher(producer, "items", new AvroWireEncoder(3, SCHEMA), new SimpleMeterRegistry());
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
