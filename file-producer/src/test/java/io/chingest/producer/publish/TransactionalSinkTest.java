package io.chingest.producer.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chingest.common.wire.AvroWireEncoder;
import io.chingest.producer.parse.RowPrefix;
import io.chingest.producer.progress.FileIdentity;
import io.chingest.producer.progress.FileProgress;
import io.chingest.producer.progress.ProgressLookup;
import io.chingest.producer.progress.ProgressReader;
import io.chingest.producer.quarantine.DeadLetterTopic;
import io.chingest.producer.quarantine.RejectedRow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionalSinkTest {

    private static final Schema SCHEMA = new Schema.Parser().parse("""
            {"type": "record", "name": "R", "fields": [
              {"name": "id", "type": "int"}, {"name": "code", "type": "string"}]}""");
    private static final Map<String, Object> PROPERTIES =
            ProducerProperties.of("127.0.0.1:9092", 1L << 20, "none", Map.of());

    @TempDir
    Path dir;

    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final List<Map<String, Object>> configurations = new ArrayList<>();
    private final List<byte[]> progressKeysAsked = new ArrayList<>();

    @Test
    void eachChunkIsOneTransactionOfRecordsDeadLettersAndTheFilePosition() throws IOException {
        Path file = Files.writeString(dir.resolve("a.csv"), "id,code\n1,a\n");
        FileIdentity identity = FileIdentity.of(file);
        TransactionalSink sink = sink(FileProgress.NONE);

        try (FileSession session = sink.open(file)) {
            session.publish(record(1, "a"), 2);
            session.deadLetter(new RejectedRow(file, 3, "id", "not an int", "x", "x,b"));
            session.commit(2, false);
            session.publish(record(4, "d"), 5);
            session.commit(3, true);
            assertThat(session.published()).isEqualTo(2);
        }

        assertThat(configurations)
                .singleElement()
                .satisfies(config -> assertThat(config)
                        .containsEntry("transactional.id", "file-producer/items/" + identity.sha256()));
        assertThat(progressKeysAsked)
                .singleElement()
                .isEqualTo(("items/" + identity.sha256()).getBytes(StandardCharsets.UTF_8));
        assertThat(producer.history())
                .extracting(ProducerRecord::topic)
                .containsExactly("items", "items.dlq", "items.progress", "items", "items.progress");
        ProducerRecord<byte[], byte[]> first = producer.history().get(0);
        assertThat(first.key()).isEqualTo("a".getBytes(StandardCharsets.UTF_8));
        assertThat(first.headers()).extracting(Header::key).containsExactly("chingest.file.id", "chingest.line");
        assertThat(first.headers().lastHeader("chingest.file.id").value())
                .isEqualTo(HexFormat.of().parseHex(identity.sha256()));
        assertThat(first.headers().lastHeader("chingest.line").value()).containsExactly(0, 0, 0, 0, 0, 0, 0, 2);
        assertThat(ProvenanceHeaders.fileId(first.headers())).isEqualTo(identity.sha256());
        assertThat(ProvenanceHeaders.line(first.headers())).hasValue(2);
        assertThat(headers(producer.history().get(1)))
                .containsExactly(
                        "chingest.file=" + file, "chingest.line=3", "chingest.column=id", "chingest.reason=not an int");
        assertThat(new String(producer.history().get(2).value(), StandardCharsets.UTF_8))
                .isEqualTo("{\"rows\":2,\"complete\":false,\"name\":\"" + file + "\",\"host\":\"host-1\"}");
        assertThat(FileProgress.fromJson(producer.history().get(4).value()))
                .isEqualTo(new FileProgress(3, true, file.toString(), "host-1"));
        assertThat(producer.commitCount()).isEqualTo(2);
        assertThat(producer.closed()).isTrue();
        assertThat(sink.finish()).isEqualTo(new PublishOutcome("items", 2, 2, 0, null));
    }

    @Test
    void progressOfAnotherTopicIdIsNotResumedAndCommitsRecordTheTopicIdAndThePrefix() throws IOException {
        Path file = Files.writeString(dir.resolve("a.csv"), "id,code\n1,a\n");
        FileProgress stale = new FileProgress(1, true, file.toString(), "host-1", "id-1", null);
        RowPrefix prefix = new RowPrefix(1, 12, "cd".repeat(32));
        TransactionalSink sink = sink(
                new ProgressReader() {
                    @Override
                    public FileProgress progressOf(byte[] key) {
                        throw new AssertionError("one lookup per file");
                    }

                    @Override
                    public ProgressLookup lookup(String topic, FileIdentity identity, String fileName) {
                        assertThat(fileName).isEqualTo("a.csv");
                        return new ProgressLookup(stale, null);
                    }
                },
                "id-2");

        try (FileSession session = sink.open(file)) {
            assertThat(session.sentBefore()).isEqualTo(FileProgress.NONE);
            assertThat(session.resumePoint().warnings())
                    .containsExactly("topic 'items' was created again since " + file
                            + " was sent (topic id id-1, now id-2): sending it again");
            session.publish(record(1, "a"), 2);
            session.commit(1, true, prefix);
        }

        assertThat(FileProgress.fromJson(producer.history().get(1).value()))
                .isEqualTo(new FileProgress(1, true, file.toString(), "host-1", "id-2", prefix));
    }

    @Test
    void aFileBeginningWithThePrefixOfAnotherOfItsNameStartsAfterThatPrefix()
            throws IOException, NoSuchAlgorithmException {
        byte[] first = "id,code\n1,a\n".getBytes(StandardCharsets.UTF_8);
        Path file = Files.writeString(dir.resolve("a.csv"), "id,code\n1,a\n2,b\n");
        RowPrefix prefix = new RowPrefix(
                1,
                first.length,
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(first)));
        FileProgress cut = new FileProgress(1, false, "old/a.csv", "host-2", "id-1", prefix);
        TransactionalSink sink = sink(
                new ProgressReader() {
                    @Override
                    public FileProgress progressOf(byte[] key) {
                        throw new AssertionError("one lookup per file");
                    }

                    @Override
                    public ProgressLookup lookup(String topic, FileIdentity identity, String fileName) {
                        return new ProgressLookup(FileProgress.NONE, cut);
                    }
                },
                "id-1");

        try (FileSession session = sink.open(file)) {
            assertThat(session.sentBefore().rows()).isEqualTo(1);
            assertThat(session.resumePoint().note())
                    .isEqualTo("resumed after 1 rows sent earlier from a file with the same first 12 bytes");
        }
    }

    @Test
    void preparingEncodesKeysAndChecksWithoutTouchingTheProducerAndSendingHandsItOver() throws IOException {
        Path file = Files.writeString(dir.resolve("a.csv"), "id,code\n7,g\n");
        TransactionalSink sink = sink(FileProgress.NONE);

        try (FileSession session = sink.open(file)) {
            PreparedRecord prepared = session.prepare(record(7, "g"), 2);
            assertThat(producer.transactionInFlight()).isFalse();
            assertThat(prepared.key()).isEqualTo("g".getBytes(StandardCharsets.UTF_8));
            assertThat(prepared.payload()).isEqualTo(new AvroWireEncoder(1, SCHEMA).encode(record(7, "g")));
            assertThat(prepared.sizeInBytes())
                    .isEqualTo(1
                            + prepared.payload().length
                            + "chingest.file.id".length()
                            + 32
                            + "chingest.line".length()
                            + 8);
            session.send(prepared);
            session.commit(1, true);
        }

        ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
        assertThat(sent.value()).isEqualTo(new AvroWireEncoder(1, SCHEMA).encode(record(7, "g")));
        assertThat(ProvenanceHeaders.line(sent.headers())).hasValue(2);
    }

    @Test
    void closingWithAnOpenChunkAbortsIt() throws IOException {
        Path file = Files.writeString(dir.resolve("a.csv"), "x");
        TransactionalSink sink = sink(new FileProgress(7, false, "a.csv", "other"));

        try (FileSession session = sink.open(file)) {
            assertThat(session.sentBefore()).isEqualTo(new FileProgress(7, false, "a.csv", "other"));
            session.publish(record(1, "a"), 9);
        }

        assertThat(producer.transactionAborted()).isTrue();
        assertThat(producer.history()).isEmpty();
        assertThat(sink.finish()).isEqualTo(new PublishOutcome("items", 0, 0, 0, null));
    }

    @Test
    void aChunkKafkaDoesNotCommitFailsTheSink() throws IOException {
        Path file = Files.writeString(dir.resolve("a.csv"), "x");
        TransactionalSink sink = sink(FileProgress.NONE);
        KafkaException refused = new KafkaException("broker said no");
        producer.commitTransactionException = refused;

        try (FileSession session = sink.open(file)) {
            session.publish(record(1, "a"), 2);
            assertThatThrownBy(() -> session.commit(1, true))
                    .isInstanceOf(PublishFailedException.class)
                    .hasMessage("Kafka did not commit the rows of " + file + " to topic 'items': broker said no");
        }

        assertThat(sink.hasFailed()).isTrue();
        assertThat(sink.finish().firstError()).isSameAs(refused);
    }

    @Test
    void aRecordTheBrokerRefusesAsTooLargeFailsTheChunkNamingTheFileAndTheChunksLines() throws IOException {
        Path file = Files.writeString(dir.resolve("a.csv"), "x");
        TransactionalSink sink = sink(FileProgress.NONE);

        try (FileSession session = sink.open(file)) {
            session.publish(record(1, "a"), 2);
            session.commit(1, false);
            producer.commitTransactionException = new KafkaException(
                    "Cannot execute transactional method because we are in an error state",
                    new RecordTooLargeException("The message is 3000 bytes when serialized"));
            session.publish(record(2, "b"), 3);
            session.publish(record(3, "c"), 5);
            assertThatThrownBy(() -> session.commit(3, true))
                    .isInstanceOf(PublishFailedException.class)
                    .hasMessage("the broker refused a record of " + file + " lines 3-5 as too large for topic 'items'"
                            + " (its max.message.bytes, or the broker's message.max.bytes); nothing of these lines"
                            + " was committed: Cannot execute transactional method because we are in an error state");
        }
    }

    @Test
    void aRecordOverTheTopicsMaxMessageBytesIsRefusedNamingTheTopic() throws IOException {
        Path file = Files.writeString(dir.resolve("a.csv"), "x");
        RecordSizeLimit producerLimit = RecordSizeLimit.of(PROPERTIES);
        TransactionalSink sink = new TransactionalSink(
                PROPERTIES,
                properties -> producer,
                "items",
                new AvroWireEncoder(1, SCHEMA),
                producerLimit.forTopic("items", 300),
                key -> FileProgress.NONE,
                "items.progress",
                null,
                RecordKeys.NONE,
                "host-1",
                null);

        try (FileSession session = sink.open(file)) {
            session.publish(record(1, "x".repeat(100)), 2);
            assertThatThrownBy(() -> session.publish(record(2, "x".repeat(300)), 3))
                    .isInstanceOf(RecordTooLargeForKafkaException.class)
                    .hasMessageMatching("the record is \\d+ bytes for Kafka, more than max.message.bytes of topic"
                            + " 'items' \\(300 bytes\\)");
        }
        assertThat(producerLimit.forTopic("items", null)).isSameAs(producerLimit);
        assertThat(producerLimit.forTopic("items", Integer.MAX_VALUE)).isSameAs(producerLimit);
    }

    @Test
    void theBatchSizeIsLoweredToTheSmallestTopicLimitOnlyWhereItIsLarger() {
        assertThat(TopicMessageLimit.batchesWithin(PROPERTIES, List.of(2000, 5000)))
                .containsEntry("batch.size", 2000);
        assertThat(TopicMessageLimit.batchesWithin(PROPERTIES, List.of(1048588)))
                .isSameAs(PROPERTIES);
        assertThat(TopicMessageLimit.batchesWithin(PROPERTIES, List.of())).isSameAs(PROPERTIES);
    }

    @Test
    void aRecordTooLargeIsRefusedBeforeAnythingIsSent() throws IOException {
        Path file = Files.writeString(dir.resolve("a.csv"), "x");
        TransactionalSink sink = new TransactionalSink(
                PROPERTIES,
                properties -> producer,
                "items",
                new AvroWireEncoder(1, SCHEMA),
                RecordSizeLimit.of(
                        ProducerProperties.of("127.0.0.1:9092", 1L << 20, "none", Map.of("max.request.size", "150"))),
                key -> FileProgress.NONE,
                "items.progress",
                null,
                RecordKeys.NONE,
                "host-1",
                null);

        try (FileSession session = sink.open(file)) {
            assertThatThrownBy(() -> session.publish(record(1, "x".repeat(200)), 2))
                    .isInstanceOf(RecordTooLargeForKafkaException.class)
                    .hasMessageMatching(
                            "the record is \\d+ bytes for Kafka, more than max.request.size \\(150 bytes\\)");
        }
        assertThat(producer.history()).isEmpty();
    }

    private TransactionalSink sink(FileProgress before) {
        return sink(
                key -> {
                    progressKeysAsked.add(key);
                    return before;
                },
                null);
    }

    private TransactionalSink sink(ProgressReader progress, String topicId) {
        RecordSizeLimit limit = RecordSizeLimit.of(PROPERTIES);
        return new TransactionalSink(
                PROPERTIES,
                properties -> {
                    configurations.add(properties);
                    return producer;
                },
                "items",
                new AvroWireEncoder(1, SCHEMA),
                limit,
                progress,
                "items.progress",
                new DeadLetterTopic("items.dlq", limit),
                RecordKeys.of(SCHEMA, List.of("code")),
                "host-1",
                topicId);
    }

    private static GenericRecord record(int id, String code) {
        GenericData.Record record = new GenericData.Record(SCHEMA);
        record.put("id", id);
        record.put("code", code);
        return record;
    }

    private static List<String> headers(ProducerRecord<byte[], byte[]> record) {
        List<String> headers = new ArrayList<>();
        for (Header header : record.headers()) {
            headers.add(header.key() + "=" + new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }
}
