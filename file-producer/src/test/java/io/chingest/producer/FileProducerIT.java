package io.chingest.producer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.ZstdOutputStream;
import io.chingest.common.config.CommandLineRunner;
import io.chingest.common.config.ExitCodes;
import io.chingest.common.registry.SchemaRegistryClient;
import io.chingest.common.wire.AvroWireDecoder;
import io.chingest.common.wire.ConfluentWireFormat;
import io.chingest.testing.KafkaBrokerExtension;
import io.chingest.testing.SchemaRegistryExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs the send command in-process against a real Kafka broker and schema registry, and reads back the topic. */
@ExtendWith({KafkaBrokerExtension.class, SchemaRegistryExtension.class})
class FileProducerIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    static final String ORDER_SCHEMA = """
            {"type": "record", "name": "Order", "namespace": "io.chingest.it", "fields": [
              {"name": "id", "type": "long"},
              {"name": "customer", "type": "string"},
              {"name": "note", "type": ["null", "string"], "default": null},
              {"name": "qty", "type": "int"},
              {"name": "price", "type": {"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 2}},
              {"name": "paid", "type": "boolean"},
              {"name": "day", "type": {"type": "int", "logicalType": "date"}},
              {"name": "at", "type": ["null", {"type": "long", "logicalType": "timestamp-millis"}]}
            ]}""";

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    @Test
    void publishesEveryRowAsAWireFormatRecordOfTheRegisteredSchema() throws Exception {
        String topic = newTopic();
        Path schema = Files.writeString(dir.resolve("order.avsc"), ORDER_SCHEMA);
        Path csv = Files.writeString(
                dir.resolve("orders.csv"),
                ""
                        + "id,customer,note,qty,price,paid,day,at,ignored\n"
                        + "1,Köln GmbH,,3,12.50,yes,2024-01-02,2024-01-02T03:04:05.123Z,x\n"
                        + "2,\"Smith, \"\"Jr\"\"\",\"two\r\nlines\",-1,-0.99,0,1970-01-01,,y\n"
                        + "3,,\"\",2147483647,99999999.99,TRUE,2024-02-29,2024-01-02 03:04:05,z\n");

        int exitCode = send("--topic", topic, "--schema", schema.toString(), csv.toString());

        assertThat(exitCode).as(err.toString()).isZero();
        List<ConsumerRecord<byte[], byte[]>> records = consume(topic, 3);
        assertThat(records).allSatisfy(record -> {
            assertThat(record.key()).isNull();
            assertThat(record.value()[0]).isEqualTo(ConfluentWireFormat.MAGIC_BYTE);
        });
        SchemaRegistryClient registry = new SchemaRegistryClient(SchemaRegistryExtension.url());
        int schemaId = registry.idOf(SchemaRegistryClient.valueSubject(topic), new Schema.Parser().parse(ORDER_SCHEMA));
        assertThat(records)
                .allSatisfy(record -> assertThat(ConfluentWireFormat.schemaIdOf(record.value()))
                        .isEqualTo(schemaId));
        AvroWireDecoder decoder = new AvroWireDecoder(registry);
        assertThat(records.stream().map(record -> fieldsOf(decoder.decode(record.value()))))
                .containsExactly(
                        Arrays.asList(1L, "Köln GmbH", null, 3, new BigDecimal("12.50"), true, 19724, 1704164645123L),
                        Arrays.asList(2L, "Smith, \"Jr\"", "two\r\nlines", -1, new BigDecimal("-0.99"), false, 0, null),
                        Arrays.asList(
                                3L,
                                "",
                                "",
                                Integer.MAX_VALUE,
                                new BigDecimal("99999999.99"),
                                true,
                                19782,
                                1704164645000L));
        assertThat(err.toString()).contains(csv + ": ignoring columns that are not in the schema: ignored\n");
        assertThat(err.toString()).contains("file-producer: " + csv + ": 3 rows read, 3 published, 0 rejected\n");
        assertThat(err.toString())
                .containsPattern("file-producer: 1 file, 0 failed, 3 rows read, 3 published,"
                        + " 0 rejected, \\d+\\.\\d{3} s, \\d+ rows/s\\n");
    }

    @Test
    void badRowsGoToTheRejectsFileAndTheDeadLetterTopicAndTheRestIsPublished() throws Exception {
        String topic = newTopic();
        String deadLetters = newTopic();
        Path schema = Files.writeString(dir.resolve("order.avsc"), ORDER_SCHEMA);
        Path csv = Files.writeString(dir.resolve("bad.csv"), """
                id,customer,qty,price,paid,day
                1,a,1,1.00,no,2024-01-01
                2,b,2,2.00,no,2024-01-01
                3,c,three,3.00,no,2024-01-01
                4,d,4,4.00,no,2024-01-01
                5,e,5,5.00,no,2024-01-01,extra
                6,f,6,6.00,no
                7,g,7,7.00,no,2024-01-01
                """);

        int exitCode = send(
                "--topic", topic, "--schema", schema.toString(), "--dead-letter-topic", deadLetters, csv.toString());

        assertThat(exitCode).as(err.toString()).isZero();
        AvroWireDecoder decoder = new AvroWireDecoder(new SchemaRegistryClient(SchemaRegistryExtension.url()));
        assertThat(consume(topic, 4).stream()
                        .map(record -> decoder.decode(record.value()).get("id")))
                .containsExactly(1L, 2L, 4L, 7L);
        assertThat(CommittedRecords.of(topic)).hasSize(4);
        Path rejects = dir.resolve("rejects").resolve("bad.csv.rejects.jsonl");
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> rejected = Files.readAllLines(rejects).stream()
                .map(line -> read(json, line))
                .toList();
        assertThat(rejected).extracting(row -> row.get("file").asText()).containsOnly(csv.toString());
        assertThat(rejected).extracting(row -> row.get("line").asLong()).containsExactly(4L, 6L, 7L);
        assertThat(rejected).extracting(row -> row.get("column").asText()).containsExactly("qty", "7", "6");
        assertThat(rejected)
                .extracting(row -> row.get("reason").asText())
                .containsExactly(
                        "not an int",
                        "unexpected: the record has 7 columns, the header has 6",
                        "missing: the record has 5 columns, the header has 6");
        assertThat(rejected)
                .extracting(row ->
                        row.get("value").isNull() ? null : row.get("value").asText())
                .containsExactly("three", "extra", null);
        assertThat(rejected)
                .extracting(row -> row.get("text").asText())
                .containsExactly("3,c,three,3.00,no,2024-01-01", "5,e,5,5.00,no,2024-01-01,extra", "6,f,6,6.00,no");
        List<ConsumerRecord<byte[], byte[]>> dead = consume(deadLetters, 3);
        assertThat(dead)
                .extracting(record -> new String(record.value(), StandardCharsets.UTF_8))
                .containsExactly("3,c,three,3.00,no,2024-01-01", "5,e,5,5.00,no,2024-01-01,extra", "6,f,6,6.00,no");
        assertThat(dead).extracting(record -> header(record, "chingest.file")).containsOnly(csv.toString());
        assertThat(dead).extracting(record -> header(record, "chingest.line")).containsExactly("4", "6", "7");
        assertThat(dead).extracting(record -> header(record, "chingest.column")).containsExactly("qty", "7", "6");
        assertThat(dead)
                .extracting(record -> header(record, "chingest.reason"))
                .containsExactlyElementsOf(
                        rejected.stream().map(row -> row.get("reason").asText()).toList());
        assertThat(err.toString()).contains(csv + ":4: column 'qty': not an int (value \"three\")\n");
        assertThat(err.toString()).contains("file-producer: " + csv + ": 7 rows read, 4 published, 3 rejected\n");
        assertThat(err.toString()).contains("file-producer: 1 file, 0 failed, 7 rows read, 4 published, 3 rejected");
    }

    @Test
    void pastMaxBadRowsTheFileFailsWithExitCodeOne() throws Exception {
        String topic = newTopic();
        Path schema = Files.writeString(dir.resolve("order.avsc"), ORDER_SCHEMA);
        Path csv = Files.writeString(dir.resolve("bad.csv"), """
                id,customer,qty,price,paid,day
                1,a,1,1.00,no,2024-01-01
                2,b,two,2.00,no,2024-01-01
                3,c,three,3.00,no,2024-01-01
                4,d,4,4.00,no,2024-01-01
                """);

        int exitCode = send("--topic", topic, "--schema", schema.toString(), "--max-bad-rows", "1", csv.toString());

        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString())
                .contains("file-producer: " + csv + ": 3 rows read, 0 published, 2 rejected," + " failed: " + csv
                        + ": more than 1 bad row (--max-bad-rows), the last at line 4\n");
        assertThat(CommittedRecords.of(topic)).isEmpty();
        assertThat(Files.readAllLines(dir.resolve("rejects").resolve("bad.csv.rejects.jsonl")))
                .hasSize(2);
    }

    @Test
    void aRowLargerThanKafkaAcceptsIsRejectedNamingFileAndLine() throws Exception {
        String topic = newTopic();
        Path schema = Files.writeString(dir.resolve("order.avsc"), ORDER_SCHEMA);
        Path csv = Files.writeString(
                dir.resolve("big.csv"),
                "id,customer,qty,price,paid,day\n"
                        + "1," + "x".repeat(4000) + ",1,1.00,no,2024-01-01\n"
                        + "2,small,1,1.00,no,2024-01-01\n");

        int exitCode = send(
                "--topic",
                topic,
                "--schema",
                schema.toString(),
                "--producer-property",
                "max.request.size=2048",
                csv.toString());

        assertThat(exitCode).as(err.toString()).isZero();
        assertThat(err.toString())
                .containsPattern(Pattern.quote(csv.toString()) + ":2: the record is \\d+ bytes for"
                        + " Kafka, more than max.request.size \\(2048 bytes\\)\n");
        assertThat(err.toString()).contains("file-producer: " + csv + ": 2 rows read, 1 published, 1 rejected\n");
        AvroWireDecoder decoder = new AvroWireDecoder(new SchemaRegistryClient(SchemaRegistryExtension.url()));
        assertThat(consume(topic, 1).stream()
                        .map(record -> decoder.decode(record.value()).get("id")))
                .containsExactly(2L);
    }

    @Test
    void aRowLargerThanTheTopicsMaxMessageBytesIsARejectedRowAndTheOtherRowsArePublishedOnce() throws Exception {
        String topic = "small-messages-" + UUID.randomUUID();
        try (Admin admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerExtension.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("max.message.bytes", "2000"))))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        String deadLetters = newTopic();
        Path schema = Files.writeString(dir.resolve("order.avsc"), ORDER_SCHEMA);
        StringBuilder text = new StringBuilder("id,customer,qty,price,paid,day\n");
        List<Long> shortIds = new ArrayList<>();
        List<Long> longLines = new ArrayList<>();
        for (long id = 1; id <= 300; id++) {
            boolean tooLong = id % 100 == 50;
            text.append(id).append(',').append(tooLong ? "x".repeat(3000) : "customer " + id);
            text.append(",1,1.00,no,2024-01-01\n");
            if (tooLong) {
                longLines.add(id + 1); // the header is line 1
            } else {
                shortIds.add(id);
            }
        }
        Path csv = Files.writeString(dir.resolve("mixed.csv"), text);

        int exitCode = send(
                "--topic",
                topic,
                "--schema",
                schema.toString(),
                "--producer-property",
                "max.request.size=1048576",
                "--dead-letter-topic",
                deadLetters,
                csv.toString());

        assertThat(exitCode).as(err.toString()).isZero();
        for (long line : longLines) {
            assertThat(err.toString())
                    .containsPattern(Pattern.quote(csv + ":" + line + ": the record is ") + "\\d+"
                            + Pattern.quote(" bytes for Kafka, more than max.message.bytes of topic '" + topic
                                    + "' (2000 bytes)\n"));
        }
        assertThat(err.toString()).contains("file-producer: " + csv + ": 300 rows read, 297 published, 3 rejected\n");
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> rejected = Files.readAllLines(dir.resolve("rejects").resolve("mixed.csv.rejects.jsonl")).stream()
                .map(line -> read(json, line))
                .toList();
        assertThat(rejected).extracting(row -> row.get("file").asText()).containsOnly(csv.toString());
        assertThat(rejected).extracting(row -> row.get("line").asLong()).containsExactlyElementsOf(longLines);
        assertThat(CommittedRecords.of(deadLetters))
                .extracting(record -> header(record, "chingest.line"))
                .containsExactlyElementsOf(
                        longLines.stream().map(String::valueOf).toList());
        AvroWireDecoder decoder = new AvroWireDecoder(new SchemaRegistryClient(SchemaRegistryExtension.url()));
        assertThat(CommittedRecords.of(topic).stream()
                        .map(record -> decoder.decode(record.value()).get("id")))
                .containsExactlyElementsOf(shortIds);
    }

    @Test
    void gzipAndZstdFilesArePublishedRowForRow() throws Exception {
        String topic = newTopic();
        Path schema = Files.writeString(dir.resolve("order.avsc"), ORDER_SCHEMA);
        String text = "id,customer,qty,price,paid,day\n1,a,1,1.00,no,2024-01-01\n2,b,bad,2.00,no,2024-01-01\n";
        Path gz = dir.resolve("one.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        Path zst = dir.resolve("two.csv.zst");
        try (OutputStream out = new ZstdOutputStream(Files.newOutputStream(zst))) {
            out.write(text.replace("1,a", "3,c").getBytes(StandardCharsets.UTF_8));
        }

        int exitCode = send("--topic", topic, "--schema", schema.toString(), gz.toString(), zst.toString());

        assertThat(exitCode).as(err.toString()).isZero();
        AvroWireDecoder decoder = new AvroWireDecoder(new SchemaRegistryClient(SchemaRegistryExtension.url()));
        assertThat(consume(topic, 2).stream()
                        .map(record -> decoder.decode(record.value()).get("id")))
                .containsExactly(1L, 3L);
        assertThat(err.toString())
                .contains(
                        gz + ":3: column 'qty': not an int (value \"bad\")\n",
                        zst + ":3: column 'qty': not an int (value \"bad\")\n");
    }

    @Test
    void tsvWithoutHeaderIsMappedByPosition() throws Exception {
        String topic = newTopic();
        Path schema = Files.writeString(dir.resolve("order.avsc"), ORDER_SCHEMA);
        Path tsv =
                Files.writeString(dir.resolve("orders.tsv"), "7\ttab\\there\t\\N\t1\t0.10\tfalse\t2024-01-02\t\\N\n");

        int exitCode = send(
                "--topic",
                topic,
                "--schema",
                schema.toString(),
                "--format",
                "tsv",
                "--no-header",
                "--compression",
                "zstd",
                tsv.toString());

        assertThat(exitCode).as(err.toString()).isZero();
        AvroWireDecoder decoder = new AvroWireDecoder(new SchemaRegistryClient(SchemaRegistryExtension.url()));
        assertThat(consume(topic, 1).stream().map(record -> fieldsOf(decoder.decode(record.value()))))
                .containsExactly(Arrays.asList(7L, "tab\there", null, 1, new BigDecimal("0.10"), false, 19724, null));
    }

    @Test
    void anUnreachableRegistryGivenInTheConfigFileIsAnErrorNamingHostPortAndUrl() throws Exception {
        Path schema = Files.writeString(dir.resolve("order.avsc"), ORDER_SCHEMA);
        Path csv = Files.writeString(dir.resolve("orders.csv"), "id\n1\n");
        String url = "http://127.0.0.1:1/apis/ccompat/v7";
        Path config = Files.writeString(
                dir.resolve("producer.properties"),
                "topic=unreachable\n" + "schema=" + schema + "\nschema-registry=" + url + "\n");

        int exitCode = run("send", "--config", config.toString(), csv.toString());

        assertThat(exitCode).isEqualTo(ExitCodes.SERVICE_UNAVAILABLE);
        assertThat(err.toString())
                .startsWith("nothing answers at 127.0.0.1:1 (schema registry " + url
                        + "): schema registry unavailable: GET " + url + "/subjects failed after");
    }

    @Test
    void anUnreachableBrokerFailsBeforeTheFirstSendNamingTopicAndBrokers() throws Exception {
        Path schema = Files.writeString(dir.resolve("order.avsc"), ORDER_SCHEMA);
        Path csv = Files.writeString(
                dir.resolve("orders.csv"),
                "id,customer,qty,price,paid,day\n" + "1,a,1,1.00,no,2024-01-01\n2,b,2,2.00,no,2024-01-01\n");

        int exitCode = send(
                "--topic",
                "nowhere",
                "--schema",
                schema.toString(),
                "--bootstrap-servers",
                "127.0.0.1:1",
                "--kafka-timeout",
                "1500ms",
                csv.toString());

        assertThat(exitCode).isEqualTo(ExitCodes.SERVICE_UNAVAILABLE);
        assertThat(err.toString()).isEqualTo("Kafka at 127.0.0.1:1: no broker answered within 1500 ms\n");
    }

    @Test
    void aProducerThatCannotBeCreatedIsAnErrorWithKafkasReason() throws Exception {
        String topic = newTopic();
        Path schema = Files.writeString(dir.resolve("order.avsc"), ORDER_SCHEMA);
        Path csv = Files.writeString(dir.resolve("orders.csv"), "id\n1\n");
        Path missingTrustStore = dir.resolve("missing-truststore.jks");

        int exitCode = send(
                "--topic",
                topic,
                "--schema",
                schema.toString(),
                "--producer-property",
                "security.protocol=SSL",
                "--producer-property",
                "ssl.truststore.location=" + missingTrustStore,
                csv.toString());

        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString())
                .startsWith("cannot create the Kafka producer for " + KafkaBrokerExtension.bootstrapServers()
                        + ": Failed to construct kafka producer: ");
        assertThat(err.toString()).contains(missingTrustStore.toString());
        assertThat(CommittedRecords.of(topic)).isEmpty();
    }

    /** Runs send against the test services unless the options name others. */
    private int send(String... options) {
        List<String> args = new ArrayList<>(List.of("send"));
        if (!List.of(options).contains("--bootstrap-servers")) {
            args.addAll(List.of("--bootstrap-servers", KafkaBrokerExtension.bootstrapServers()));
        }
        args.addAll(List.of("--schema-registry", SchemaRegistryExtension.url()));
        if (!List.of(options).contains("--rejects")) {
            args.addAll(List.of("--rejects", dir.resolve("rejects").toString()));
        }
        args.addAll(List.of(options));
        return run(args.toArray(String[]::new));
    }

    private int run(String... args) {
        CommandLine commandLine = new CommandLine(new FileProducerCommand());
        commandLine.setErr(new PrintWriter(err, true));
        return CommandLineRunner.execute(commandLine, args);
    }

    private static String newTopic() throws Exception {
        String topic = "orders-" + UUID.randomUUID();
        try (Admin admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerExtension.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        return topic;
    }

    /** Reads the topic from the start until {@code count} records arrived or the deadline passed. */
    static List<ConsumerRecord<byte[], byte[]>> consume(String topic, int count) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        assertThat(records).as("records read from %s", topic).hasSize(count);
        return records;
    }

    private static KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        KafkaBrokerExtension.bootstrapServers(),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    private static JsonNode read(ObjectMapper json, String line) {
        try {
            return json.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The record's values in field order, with strings as String and the decimal as BigDecimal. */
    static List<Object> fieldsOf(GenericRecord record) {
        List<Object> values = new ArrayList<>();
        for (Schema.Field field : record.getSchema().getFields()) {
            Object value = record.get(field.pos());
            if (value instanceof CharSequence text) {
                value = text.toString();
            } else if (value instanceof ByteBuffer bytes) {
                byte[] unscaled = new byte[bytes.remaining()];
                bytes.duplicate().get(unscaled);
                value = new BigDecimal(new BigInteger(unscaled), 2);
            }
            values.add(value);
        }
        return values;
    }
}
