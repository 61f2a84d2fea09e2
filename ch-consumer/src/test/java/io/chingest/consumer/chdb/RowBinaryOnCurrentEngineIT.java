package io.chingest.consumer.chdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.chingest.common.mapping.ClickHouseBaseType;
import io.chingest.common.mapping.ColumnMapping;
import io.chingest.consumer.clickhouse.CreateTableStatement;
import io.chingest.consumer.clickhouse.InsertFeatures;
import io.chingest.consumer.clickhouse.ProvenanceColumns;
import io.chingest.consumer.clickhouse.RequestCompression;
import io.chingest.consumer.clickhouse.ServerVersion;
import io.chingest.consumer.clickhouse.TableName;
import io.chingest.consumer.encode.ColumnWriters;
import io.chingest.consumer.encode.RowBinaryWriter;
import io.chingest.consumer.insert.DeduplicationTokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.util.Utf8;
import org.apache.kafka.common.TopicPartition;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consumer's RowBinary bytes and insert settings against a current ClickHouse engine (chdb, ClickHouse 26.7
 * in-process; no server runs here but 18.16): batches written by the consumer's own column writers are read back with
 * {@code file(..., RowBinary, structure)} and every value compared with its expected text, and the insert settings and
 * table settings chosen for a current server are run as the server would run them.
 */
class RowBinaryOnCurrentEngineIT {
    private static final int ROWS = 3;
    private static ChdbEngine engine;

    @TempDir
    Path directory;

    @BeforeAll
    static void findEngine() {
        engine = ChdbEngine.installed();
    }

    @Test
    void everyValueTheEncoderWritesReadsBackAsItsExpectedText() throws IOException {
        List<RowBinaryCase> cases = RowBinaryCase.ALL;
        RowBinaryWriter out = new RowBinaryWriter(1 << 20);
        for (long row = 0; row < ROWS; row++) {
            out.writeInt64(row);
            for (RowBinaryCase value : cases) {
                ColumnWriters.forType(value.type()).write(value.avroValue(), out);
            }
        }
        Path batch = Files.write(directory.resolve("batch.bin"), out.toByteArray());
        List<String> structure = new ArrayList<>(List.of("row Int64"));
        for (int i = 0; i < cases.size(); i++) {
            structure.add("c" + i + " " + cases.get(i).type().sql());
        }

        String answer = engine.query(
                directory.resolve("session"),
                "TabSeparated",
                "SELECT * FROM file(" + TableName.literal(batch.toString()) + ", RowBinary, "
                        + TableName.literal(String.join(", ", structure)) + ") ORDER BY row");

        List<String> lines = answer.lines().toList();
        assertThat(lines).as("rows read back from %d bytes", out.size()).hasSize(ROWS);
        SoftAssertions softly = new SoftAssertions();
        for (int row = 0; row < ROWS; row++) {
            String[] fields = lines.get(row).split("\t", -1);
            assertThat(fields).as("fields of row %d", row).hasSize(cases.size() + 1);
            softly.assertThat(fields[0]).as("row number").isEqualTo(Integer.toString(row));
            for (int i = 0; i < cases.size(); i++) {
                RowBinaryCase value = cases.get(i);
                softly.assertThat(fields[i + 1])
                        .as(
                                "row %d column c%d %s written from %s",
                                row, i, value.type().sql(), value.avroValue())
                        .isEqualTo(value.expectedText());
            }
        }
        softly.assertAll();
    }

    @Test
    void onATableCreateTableMakesARepeatedInsertOfOneRangeIsDroppedByItsToken() throws IOException {
        ServerVersion version =
                ServerVersion.parse(engine.query(directory.resolve("session"), "TabSeparated", "SELECT version()"));
        InsertFeatures features = InsertFeatures.forServer(version, RequestCompression.AUTO, true);
        assertThat(features).as("features for ClickHouse %s", version).isEqualTo(new InsertFeatures(true, true, true));
        InsertFeatures withoutTokens = InsertFeatures.forServer(version, RequestCompression.AUTO, false);
        List<ColumnMapping> fields = List.of(
                new ColumnMapping("id", RowBinaryCase.plain(ClickHouseBaseType.INT64)),
                new ColumnMapping("symbol", RowBinaryCase.plain(ClickHouseBaseType.STRING)));
        TableName windowed = TableName.parse("default.windowed");
        TableName plain = TableName.parse("default.plain");
        TopicPartition partition = new TopicPartition("orders", 1);
        DeduplicationTokens tokens = new DeduplicationTokens(partition.topic());
        Path first = batch("first.bin", partition, 0, 2);
        Path second = batch("second.bin", partition, 3, 4);

        String answer = engine.query(
                directory.resolve("session"),
                "TabSeparated",
                CreateTableStatement.withSettings(
                        CreateTableStatement.sql(windowed, fields, version), features.tableSettings()),
                CreateTableStatement.withSettings(
                        CreateTableStatement.sql(plain, fields), withoutTokens.tableSettings()),
                insert(windowed, first, features.serverSettings(tokens.of(partition, 0, 2), 3)),
                insert(windowed, first, features.serverSettings(tokens.of(partition, 0, 2), 3)),
                insert(windowed, second, features.serverSettings(tokens.of(partition, 3, 4), 2)),
                // Without the deduplication window a plain MergeTree ignores the token: both copies land.
                insert(plain, first, features.serverSettings(tokens.of(partition, 0, 2), 3)),
                insert(plain, first, features.serverSettings(tokens.of(partition, 0, 2), 3)),
                "SELECT count(), uniqExact(" + ProvenanceColumns.OFFSET + "), groupArray(symbol) FROM (SELECT * FROM "
                        + windowed.sql() + " ORDER BY " + ProvenanceColumns.OFFSET + ")",
                "SELECT count(), uniqExact(" + ProvenanceColumns.OFFSET + ") FROM " + plain.sql(),
                // The topic column of a current server's table is dictionary-encoded; the bytes are a String's.
                "SELECT toTypeName(" + ProvenanceColumns.TOPIC + "), groupUniqArray(" + ProvenanceColumns.TOPIC
                        + ") FROM " + windowed.sql() + " GROUP BY toTypeName(" + ProvenanceColumns.TOPIC + ")");

        assertThat(answer.lines().toList())
                .containsExactly("5\t5\t['s0','s1','s2','s3','s4']", "6\t3", "LowCardinality(String)\t['orders']");
    }

    /** A batch as the consumer encodes it: the record's columns, then topic, partition and offset. */
    private Path batch(String name, TopicPartition partition, long firstOffset, long lastOffset) throws IOException {
        RowBinaryWriter out = new RowBinaryWriter(1 << 16);
        for (long offset = firstOffset; offset <= lastOffset; offset++) {
            ColumnWriters.forType(RowBinaryCase.plain(ClickHouseBaseType.INT64)).write(offset * 10, out);
            ColumnWriters.forType(RowBinaryCase.plain(ClickHouseBaseType.STRING))
                    .write(new Utf8("s" + offset), out);
            out.writeString(partition.topic());
            out.writeInt32(partition.partition());
            out.writeInt64(offset);
        }
        return Files.write(directory.resolve(name), out.toByteArray());
    }

    private static String insert(TableName table, Path batch, Map<String, String> settings) {
        String structure = "id Int64, symbol String, "
                + ProvenanceColumns.NAMES.stream()
                        .map(column -> column + " " + ProvenanceColumns.TYPES.get(column))
                        .collect(Collectors.joining(", "));
        String settingsClause = settings.entrySet().stream()
                .map(setting -> setting.getKey() + " = " + TableName.literal(setting.getValue()))
                .collect(Collectors.joining(", "));
        return "INSERT INTO " + table.sql() + " SETTINGS " + settingsClause + " SELECT * FROM file("
                + TableName.literal(batch.toString()) + ", RowBinary, " + TableName.literal(structure) + ")";
    }
}
