package io.chingest.consumer.it;

import static io.chingest.consumer.it.IngestFixture.await;
import static io.chingest.consumer.it.IngestFixture.query;
import static io.chingest.consumer.it.IngestFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.chingest.common.config.ExitCodes;
import io.chingest.common.wire.AvroWireEncoder;
import io.chingest.consumer.metrics.ConsumerMetrics;
import io.chingest.testing.ClickHouseExtension;
import io.chingest.testing.KafkaBrokerExtension;
import io.chingest.testing.SchemaRegistryExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The consumer against a real Kafka broker, schema registry and ClickHouse 18.16: wire-format records published
 * with a plain producer, the program run in-process, every value checked in ClickHouse and every committed offset
 * checked in Kafka, including ClickHouse outages and a bad record.
 */
@ExtendWith({KafkaBrokerExtension.class, SchemaRegistryExtension.class, ClickHouseExtension.class})
class ChConsumerIT {
    private final IngestFixture fixture = new IngestFixture();
    private final String topic = unique("trades");
    private final String group = unique("loader");
    private final String table = "default." + unique("trades");
    private final List<RunningConsumer> started = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        started.forEach(RunningConsumer::close);
        ClickHouseExtension.server().start();
        fixture.close();
    }

    private RunningConsumer start(String... args) {
        RunningConsumer consumer = RunningConsumer.start(args);
        started.add(consumer);
        return consumer;
    }

    /** The consumer of {@link #topic} into {@code tableName} as {@code groupName}, with {@code more} options. */
    private RunningConsumer consume(String groupName, String tableName, String... more) {
        List<String> args = new ArrayList<>(List.of("--topic", topic, "--group", groupName, "--table", tableName));
        args.addAll(List.of(more));
        return start(args.toArray(String[]::new));
    }

    private String rows() {
        return query("SELECT " + Trades.SELECT_COLUMNS + " FROM " + table + " ORDER BY id FORMAT TabSeparated");
    }

    @Test
    void insertsEveryValueOfEveryRowAndCommitsTheEndOffsets() throws Exception {
        fixture.createTopic(topic, 3);
        int schemaId = fixture.registerTrades(topic);
        fixture.publishTrades(topic, schemaId, 3, 0, 200);

        RunningConsumer consumer = consume(group, table, "--create-table", "--stop-at-end");
        assertThat(consumer.awaitExit()).isZero();

        assertThat(query("DESCRIBE TABLE " + table + " FORMAT TabSeparated"))
                .isEqualTo(String.join(
                        "\n",
                        "id\tInt64\t\t\t",
                        "part\tInt32\t\t\t",
                        "seq\tInt64\t\t\t",
                        "symbol\tString\t\t\t",
                        "price\tDecimal(9, 2)\t\t\t",
                        "amount\tDecimal(18, 4)\t\t\t",
                        "big\tDecimal(38, 10)\t\t\t",
                        "discount\tNullable(Decimal(18, 4))\t\t\t",
                        "day\tDate\t\t\t",
                        "at\tDateTime\t\t\t",
                        "note\tNullable(String)\t\t\t",
                        "maybe_qty\tNullable(Int32)\t\t\t",
                        "ok\tUInt8\t\t\t",
                        "ratio\tFloat32\t\t\t",
                        "score\tFloat64\t\t\t",
                        "qty\tInt32\t\t\t",
                        "_kafka_topic\tString\t\t\t",
                        "_kafka_partition\tInt32\t\t\t",
                        "_kafka_offset\tInt64\t\t\t",
                        ""));
        assertThat(rows()).isEqualTo(Trades.lines(3, 0, 200));
        assertThat(fixture.committed(group))
                .isEqualTo(fixture.endOffsets(topic, 3))
                .containsValues(200L, 200L, 200L);
        ConsumerMetrics metrics = consumer.metrics();
        assertThat(metrics.records()).isEqualTo(600);
        assertThat(metrics.rowsInserted()).isEqualTo(600);
        assertThat(metrics.insertFailures()).isZero();
    }

    @Test
    void lz4CompressedInsertBodiesArriveWholeAndTakeFewerBytesThanTheRows() throws Exception {
        fixture.createTopic(topic, 3);
        int schemaId = fixture.registerTrades(topic);
        fixture.publishTrades(topic, schemaId, 3, 0, 2000);
        String plainTable = table + "_plain";
        RelayedRun plainRun = runThroughCountingRelay(group + "-plain", plainTable, "none");
        // 18.16 reads LZ4 request bodies (decompress=1); auto would not send them to it.
        RelayedRun compressedRun = runThroughCountingRelay(group, table, "lz4");
        ConsumerMetrics plain = plainRun.metrics();
        ConsumerMetrics compressed = compressedRun.metrics();
        long sentPlain = plainRun.bytesSent();
        long sentCompressed = compressedRun.bytesSent();

        assertThat(rows()).isEqualTo(Trades.lines(3, 0, 2000));
        assertThat(query(
                        "SELECT " + Trades.SELECT_COLUMNS + " FROM " + plainTable + " ORDER BY id FORMAT TabSeparated"))
                .isEqualTo(Trades.lines(3, 0, 2000));
        assertThat(compressed.bytesInserted()).isEqualTo(plain.bytesInserted()).isGreaterThan(500_000);
        // Uncompressed, the wire carries every RowBinary byte plus the requests around them.
        assertThat(sentPlain).isGreaterThan(plain.bytesInserted());
        // These rows compress about 1.9 times; requests and headers come on top, uncompressed.
        assertThat(sentCompressed)
                .as(
                        "bytes sent with LZ4 bodies, RowBinary %d bytes, %d bytes sent plain",
                        compressed.bytesInserted(), sentPlain)
                .isLessThan(sentPlain * 2 / 3);
        assertThat(fixture.committed(group)).isEqualTo(fixture.endOffsets(topic, 3));
    }

    /** A run's metrics and the bytes it sent to ClickHouse, counted by a relay in between. */
    private record RelayedRun(ConsumerMetrics metrics, long bytesSent) {}

    /** Runs the consumer to the end of {@link #topic} into {@code table} with {@code compression}, through a relay. */
    private RelayedRun runThroughCountingRelay(String runGroup, String runTable, String compression) throws Exception {
        try (CountingRelay relay =
                new CountingRelay(ClickHouseExtension.server().httpPort())) {
            RunningConsumer consumer = consume(
                    runGroup,
                    runTable,
                    "--create-table",
                    "--stop-at-end",
                    "--clickhouse-url",
                    relay.httpUrl(),
                    "--clickhouse-compression",
                    compression);
            assertThat(consumer.awaitExit()).isZero();
            return new RelayedRun(consumer.metrics(), relay.bytesSentByClients());
        }
    }

    @Test
    void smallBatchesEachInsertOnePartitionsContiguousOffsetRange() throws Exception {
        fixture.createTopic(topic, 3);
        int schemaId = fixture.registerTrades(topic);
        // An existing table, its columns in another order than the record's fields.
        query("CREATE TABLE " + table
                + " (qty Int32, score Float64, ratio Float32, ok UInt8, maybe_qty Nullable(Int32),"
                + " note Nullable(String), at DateTime, day Date, discount Nullable(Decimal(18, 4)), big Decimal(38, 10),"
                + " amount Decimal(18, 4), price Decimal(9, 2), symbol String, seq Int64, part Int32, id Int64)"
                + " ENGINE = MergeTree ORDER BY tuple()");
        // Every insert stays its own part, so the parts show what each insert held.
        query("SYSTEM STOP MERGES " + table);
        fixture.publishTrades(topic, schemaId, 3, 0, 40);

        RunningConsumer consumer = consume(group, table, "--stop-at-end", "--batch-max-rows", "7");
        assertThat(consumer.awaitExit()).isZero();

        assertThat(rows()).isEqualTo(Trades.lines(3, 0, 40));
        String parts = query("SELECT _part, uniqExact(part), min(part), min(seq), max(seq), count() FROM " + table
                + " GROUP BY _part ORDER BY min(part), min(seq) FORMAT TabSeparated");
        List<String> insertLines = parts.lines().toList();
        long[] nextSeq = new long[3];
        for (String line : insertLines) {
            String[] field = line.split("\t");
            int partition = Integer.parseInt(field[2]);
            long first = Long.parseLong(field[3]);
            long last = Long.parseLong(field[4]);
            long count = Long.parseLong(field[5]);
            assertThat(field[1]).as("partitions in insert %s", line).isEqualTo("1");
            assertThat(first)
                    .as("insert %s starts where the previous one of its partition ended", line)
                    .isEqualTo(nextSeq[partition]);
            assertThat(last - first + 1)
                    .as("insert %s covers a contiguous range", line)
                    .isEqualTo(count);
            assertThat(count).as("rows in insert %s", line).isBetween(1L, 7L);
            nextSeq[partition] = last + 1;
        }
        assertThat(nextSeq).containsExactly(40, 40, 40);
        assertThat(insertLines).hasSizeGreaterThanOrEqualTo(18);
        assertThat(consumer.metrics().batches()).isEqualTo(insertLines.size());
        assertThat(fixture.committed(group)).isEqualTo(fixture.endOffsets(topic, 3));
    }

    @Test
    void withClickHouseDownAtStartNothingIsCommittedUntilItIsBackThenEveryRowArrivesOnce() throws Exception {
        fixture.createTopic(topic, 2);
        int schemaId = fixture.registerTrades(topic);
        ClickHouseExtension.server().stop();
        fixture.publishTrades(topic, schemaId, 2, 0, 50);

        // A daemon run waits for ClickHouse at start-up (a --stop-at-end run exits 5: ServiceUnavailableIT).
        RunningConsumer consumer = consume(group, table, "--create-table", "--clickhouse-timeout", "2s");
        ConsumerMetrics metrics = consumer.metrics();
        await(
                "health saying ClickHouse is unavailable",
                () -> metrics.health()
                        .degradation()
                        .filter(why -> why.startsWith("unavailable: ClickHouse at " + ClickHouseExtension.httpUrl()))
                        .isPresent());
        assertThat(metrics.records()).isZero();
        assertThat(fixture.committed(group)).isEmpty();
        assertThat(consumer.hasExited()).isFalse();

        ClickHouseExtension.server().start();
        Map<TopicPartition, Long> end = fixture.endOffsets(topic, 2);
        await("every record committed", () -> committed().equals(end));
        assertThat(consumer.stop()).isZero();
        assertThat(rows()).isEqualTo(Trades.lines(2, 0, 50));
        assertThat(end).containsValues(50L, 50L);
    }

    @Test
    void withClickHouseDownBetweenBatchesTheSameBatchIsRetriedWithoutLossOrDuplicates() throws Exception {
        fixture.createTopic(topic, 2);
        int schemaId = fixture.registerTrades(topic);
        fixture.publishTrades(topic, schemaId, 2, 0, 30);
        RunningConsumer consumer = consume(group, table, "--create-table", "--batch-max-wait", "200ms");
        Map<TopicPartition, Long> firstEnd = fixture.endOffsets(topic, 2);
        await("the first records committed", () -> committed().equals(firstEnd));
        ConsumerMetrics metrics = consumer.metrics();

        ClickHouseExtension.server().stop();
        fixture.publishTrades(topic, schemaId, 2, 30, 60);
        await("failed inserts while ClickHouse is down", () -> metrics.insertFailures() >= 2);
        assertThat(fixture.committed(group)).isEqualTo(firstEnd);

        ClickHouseExtension.server().start();
        Map<TopicPartition, Long> end = fixture.endOffsets(topic, 2);
        await("every record committed", () -> committed().equals(end));
        assertThat(consumer.stop()).isZero();
        assertThat(rows()).isEqualTo(Trades.lines(2, 0, 60));
        assertThat(end).containsValues(60L, 60L);
    }

    @Test
    void withErrorsToleranceNoneABadPayloadStopsTheRunNamingItsOffsetAfterCommittingTheRecordsBeforeIt()
            throws Exception {
        fixture.createTopic(topic, 1);
        int schemaId = fixture.registerTrades(topic);
        fixture.publishTrades(topic, schemaId, 1, 0, 10);
        byte[] bad = new AvroWireEncoder(schemaId, Trades.SCHEMA).encode(Trades.record(0, 10));
        bad[0] = 7;
        fixture.publishRaw(topic, 0, bad);
        fixture.publishTrades(topic, schemaId, 1, 11, 15);

        RunningConsumer consumer = consume(
                group, table, "--create-table", "--stop-at-end", "--batch-max-rows", "4", "--errors-tolerance", "none");
        assertThat(consumer.awaitExit()).isEqualTo(1);
        assertThat(consumer.run().failure())
                .isEqualTo("bad payload at topic " + topic + " partition 0 offset 10: magic byte 0x07, expected 0x00");
        assertThat(rows()).isEqualTo(Trades.lines(1, 0, 10));
        assertThat(fixture.committed(group)).isEqualTo(Map.of(new TopicPartition(topic, 0), 10L));
    }

    @Test
    void aMissingTableWithoutCreateTableIsAStartUpErrorNamingTheTable() throws Exception {
        fixture.createTopic(topic, 1);
        RunningConsumer consumer = consume(group, table);
        assertThat(consumer.awaitExit()).isEqualTo(ExitCodes.TABLE_REFUSED);
        assertThat(consumer.run().failure())
                .isEqualTo("table " + table + " does not exist in ClickHouse at " + ClickHouseExtension.httpUrl()
                        + "; create it or pass --create-table");
        assertThat(fixture.committed(group)).isEmpty();
    }

    @Test
    void aTableThatDoesNotFitTheRecordsIsAnErrorNamingTableColumnAndRecord() throws Exception {
        int schemaId =
                fiveTradesFor("CREATE TABLE " + table + " (id Int64, qty String) ENGINE = MergeTree ORDER BY tuple()");

        RunningConsumer consumer = consume(group, table, "--create-table", "--stop-at-end");
        assertThat(consumer.awaitExit()).isEqualTo(1);
        assertThat(consumer.run().failure())
                .isEqualTo("table " + table + " column qty has type String but field qty of record schema"
                        + " io.chingest.it.Trade has Avro type \"int\": Avro type \"int\" cannot be written to a String column"
                        + " (writer schema id " + schemaId + ", first used at topic "
                        + topic
                        + " partition 0 offset 0)");
        assertNoRowWrittenAndNothingCommitted();
    }

    @Test
    void aTableWithNoColumnForAnyFieldIsAnErrorNamingTableAndRecord() throws Exception {
        int schemaId = fiveTradesFor(
                "CREATE TABLE " + table + " (venue String, site Nullable(Int32)) ENGINE = MergeTree ORDER BY tuple()");

        RunningConsumer consumer = consume(group, table, "--stop-at-end");
        assertThat(consumer.awaitExit()).isEqualTo(1);
        assertThat(consumer.run().failure())
                .startsWith("table " + table + " has no column for any field of record schema"
                        + " io.chingest.it.Trade (fields [id, part, seq,")
                .endsWith("columns [venue, site]) (writer schema id " + schemaId + ", first used at topic " + topic
                        + " partition 0 offset 0)");
        assertNoRowWrittenAndNothingCommitted();
    }

    /** Runs {@code createTable}, then publishes trades 0 to 4 to one partition of {@link #topic}; returns their schema id. */
    private int fiveTradesFor(String createTable) throws Exception {
        fixture.createTopic(topic, 1);
        int schemaId = fixture.registerTrades(topic);
        query(createTable);
        fixture.publishTrades(topic, schemaId, 1, 0, 5);
        return schemaId;
    }

    private void assertNoRowWrittenAndNothingCommitted() throws Exception {
        assertThat(query("SELECT count() FROM " + table + " FORMAT TabSeparated"))
                .isEqualTo("0\n");
        assertThat(fixture.committed(group)).isEmpty();
    }

    @Test
    void aColumnWhoseTypeChangesUnderARunningConsumerStopsItBeforeRowsAreWrittenInTheOldLayout() throws Exception {
        fixture.createTopic(topic, 1);
        int schemaId = fixture.registerTrades(topic);
        fixture.publishTrades(topic, schemaId, 1, 0, 10);
        RunningConsumer consumer = consume(group, table, "--create-table", "--batch-max-wait", "200ms");
        await("the first rows committed", () -> committed().getOrDefault(new TopicPartition(topic, 0), 0L) == 10L);

        query("ALTER TABLE " + table + " MODIFY COLUMN qty Int64");
        fixture.publishTrades(topic, schemaId, 1, 10, 20);
        assertThat(consumer.awaitExit()).isEqualTo(3);
        assertThat(consumer.run().failure())
                .contains("table " + table + " column qty changed type from Int32 to Int64");
        assertThat(query("SELECT count() FROM " + table + " FORMAT TabSeparated"))
                .isEqualTo("10\n");
        assertThat(committed()).isEqualTo(Map.of(new TopicPartition(topic, 0), 10L));
    }

    @Test
    void createTableTakesANameThatIsNoPlainIdentifier() throws Exception {
        String dashed = "default.`" + unique("orders-2024") + "`";
        String name = dashed.substring("default.`".length(), dashed.length() - 1);
        fixture.createTopic(topic, 1);
        int schemaId = fixture.registerTrades(topic);
        fixture.publishTrades(topic, schemaId, 1, 0, 5);
        RunningConsumer consumer = consume(group, "default." + name, "--create-table", "--stop-at-end");
        assertThat(consumer.awaitExit()).isZero();
        assertThat(query("SELECT count() FROM " + dashed + " FORMAT TabSeparated"))
                .isEqualTo("5\n");
    }

    private Map<TopicPartition, Long> committed() {
        try {
            return fixture.committed(group);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
