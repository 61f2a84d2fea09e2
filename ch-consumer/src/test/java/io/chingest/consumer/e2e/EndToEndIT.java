package io.chingest.consumer.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.chingest.testing.ClickHouseExtension;
import io.chingest.testing.JarProgram;
import io.chingest.testing.KafkaBrokerExtension;
import io.chingest.testing.Poll;
import io.chingest.testing.SchemaRegistryExtension;
import io.chingest.testing.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole job as a user runs it: the bundled sample file goes through file-producer and ch-consumer,
 * each started from its runnable jar as a separate process, against a real Kafka broker, schema
 * registry and ClickHouse. Every value of every row is compared with the file, read by an independent
 * CSV reader, so an altered, lost or duplicated row fails the test.
 */
@ExtendWith({KafkaBrokerExtension.class, SchemaRegistryExtension.class, ClickHouseExtension.class})
class EndToEndIT {
    private static final Path SAMPLE_DIR = Path.of(System.getProperty("chingest.sample.dir", "../docker/sample"))
            .toAbsolutePath();
    private static final Path PRODUCER_JAR = Path.of(
                    System.getProperty("chingest.producer.jar", "../file-producer/target/file-producer.jar"))
            .toAbsolutePath();
    private static final Path CONSUMER_JAR = Path.of(
                    System.getProperty("chingest.consumer.jar", "target/ch-consumer.jar"))
            .toAbsolutePath();
    private static final Duration DEADLINE = Duration.ofMinutes(4);

    @TempDir
    Path workDirectory;

    @Test
    void sampleFileArrivesInClickHouseValueForValue() throws Exception {
        String topic = "orders-e2e";
        String group = "orders-e2e-loader";
        String table = "default.orders_e2e";
        List<List<String>> file = CsvOracle.read(SAMPLE_DIR.resolve("orders.csv"));
        List<String> header = file.get(0);
        List<List<String>> records = file.subList(1, file.size());
        assertThat(records).hasSizeGreaterThanOrEqualTo(10_000);

        try (Admin admin = admin()) {
            Topics.createServed(admin, topic, 3);

            JarProgram producer = JarProgram.start(
                    PRODUCER_JAR,
                    workDirectory,
                    List.of(
                            "send",
                            "--topic",
                            topic,
                            "--schema",
                            SAMPLE_DIR.resolve("orders.avsc").toString(),
                            "--bootstrap-servers",
                            KafkaBrokerExtension.bootstrapServers(),
                            "--schema-registry",
                            SchemaRegistryExtension.url(),
                            SAMPLE_DIR.resolve("orders.csv").toString()));
            assertThat(producer.awaitExit(DEADLINE)).as(producer::output).isZero();

            JarProgram consumer = JarProgram.start(
                    CONSUMER_JAR,
                    workDirectory,
                    List.of(
                            "run",
                            "--topic",
                            topic,
                            "--group",
                            group,
                            "--table",
                            table,
                            "--create-table",
                            "--batch-max-rows",
                            "2500",
                            "--bootstrap-servers",
                            KafkaBrokerExtension.bootstrapServers(),
                            "--schema-registry",
                            SchemaRegistryExtension.url(),
                            "--clickhouse-url",
                            ClickHouseExtension.httpUrl()));
            Poll.until(DEADLINE, "the group's committed offsets reach the topic's end offsets", () -> {
                assertThat(consumer.isAlive())
                        .as("ch-consumer exited early; %s", consumer.output())
                        .isTrue();
                return committedOffsets(admin, group).equals(endOffsets(admin, topic));
            });
            consumer.terminate();
            assertThat(consumer.awaitExit(Duration.ofMinutes(1)))
                    .as(consumer::output)
                    .isZero();
            assertThat(consumer.stdout()).contains("ch-consumer summary:");
            assertThat(committedOffsets(admin, group)).isEqualTo(endOffsets(admin, topic));
        }

        assertSameRows(expectedRows(header, records), actualRows(table));
    }

    private static List<List<String>> expectedRows(List<String> header, List<List<String>> records) {
        List<List<String>> rows = new ArrayList<>();
        for (List<String> record : records) {
            List<String> row = new ArrayList<>();
            for (ExpectedColumn column : ExpectedColumn.values()) {
                row.add(column.fromFile(record.get(header.indexOf(column.column))));
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<List<String>> actualRows(String table) {
        String select = Arrays.stream(ExpectedColumn.values())
                .map(ExpectedColumn::selectExpression)
                .collect(Collectors.joining(", "));
        List<List<String>> rows = new ArrayList<>();
        for (List<String> fields : TabSeparatedRows.parse(ClickHouseExtension.query(
                "SELECT " + select + " FROM " + table + " ORDER BY order_id FORMAT TabSeparated"))) {
            List<String> row = new ArrayList<>();
            for (ExpectedColumn column : ExpectedColumn.values()) {
                row.add(column.fromClickHouse(fields.get(column.ordinal())));
            }
            rows.add(row);
        }
        return rows;
    }

    /** Row by row (the file is in order_id order), naming the first differences instead of dumping 10,000 rows. */
    private static void assertSameRows(List<List<String>> expected, List<List<String>> actual) {
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < Math.min(expected.size(), actual.size()) && differences.size() < 20; i++) {
            for (ExpectedColumn column : ExpectedColumn.values()) {
                String want = expected.get(i).get(column.ordinal());
                String got = actual.get(i).get(column.ordinal());
                if (!want.equals(got)) {
                    differences.add(
                            "row " + (i + 1) + " (order_id " + expected.get(i).get(0) + ") column " + column.column
                                    + ": expected <" + want + "> but ClickHouse has <" + got + ">");
                }
            }
        }
        assertThat(differences).as("values that differ from the file").isEmpty();
        assertThat(actual).as("row count in ClickHouse").hasSameSizeAs(expected);
    }

    private static Map<TopicPartition, Long> committedOffsets(Admin admin, String group) {
        try {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .filter(e -> e.getValue() != null)
                    .collect(Collectors.toMap(
                            Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read committed offsets of group " + group, e);
        }
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) {
        try {
            Map<TopicPartition, OffsetSpec> latest =
                    admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                            .collect(Collectors.toMap(
                                    p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().entrySet().stream()
                    .collect(Collectors.toMap(
                            Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read end offsets of topic " + topic, e);
        }
    }

    private static Admin admin() {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerExtension.bootstrapServers());
        return Admin.create(properties);
    }
}
