package io.chingest.consumer.it;

import static io.chingest.consumer.it.IngestFixture.query;
import static io.chingest.consumer.it.IngestFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chingest.common.registry.SchemaRegistryClient;
import io.chingest.common.wire.AvroWireEncoder;
import io.chingest.consumer.clickhouse.ClickHouseConnection;
import io.chingest.consumer.clickhouse.NewColumn;
import io.chingest.consumer.clickhouse.TableName;
import io.chingest.consumer.metrics.ConsumerMetrics;
import io.chingest.consumer.table.ClickHouseTargetTable;
import io.chingest.consumer.table.TableColumn;
import io.chingest.consumer.table.TableSetupException;
import io.chingest.testing.ClickHouseExtension;
import io.chingest.testing.KafkaBrokerExtension;
import io.chingest.testing.SchemaRegistryExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Writer schemas that change while the consumer runs, against the real Kafka broker, schema registry (global
 * compatibility BACKWARD, so every v2 here is accepted as BACKWARD-compatible) and ClickHouse 18.16: a v2 that adds
 * fields, with and without {@code --evolve}; a v2 that drops fields whose columns have defaults; v1 and v2 records
 * interleaved in one partition. Every id is counted (lost 0, duplicated 0) and every value checked.
 */
@ExtendWith({KafkaBrokerExtension.class, SchemaRegistryExtension.class, ClickHouseExtension.class})
class SchemaEvolutionIT {
    private static final Schema V1 = new Schema.Parser().parse("""
            {"type": "record", "name": "Fill", "namespace": "io.chingest.it", "fields": [
              {"name": "id", "type": "long"},
              {"name": "part", "type": "int"},
              {"name": "seq", "type": "long"},
              {"name": "symbol", "type": "string"}
            ]}""");
    /** V1 plus two fields with defaults (as BACKWARD compatibility requires): a nullable one and one defaulting to 100. */
    private static final Schema V2_ADDS = new Schema.Parser().parse("""
            {"type": "record", "name": "Fill", "namespace": "io.chingest.it", "fields": [
              {"name": "id", "type": "long"},
              {"name": "part", "type": "int"},
              {"name": "seq", "type": "long"},
              {"name": "symbol", "type": "string"},
              {"name": "venue", "type": ["null", "string"], "default": null},
              {"name": "lot", "type": "int", "default": 100}
            ]}""");
    /** V1 plus note and venue: the schema that {@link #V1} follows when it drops them. */
    private static final Schema WITH_NOTE = new Schema.Parser().parse("""
            {"type": "record", "name": "Fill", "namespace": "io.chingest.it", "fields": [
              {"name": "id", "type": "long"},
              {"name": "part", "type": "int"},
              {"name": "seq", "type": "long"},
              {"name": "symbol", "type": "string"},
              {"name": "note", "type": ["null", "string"], "default": null},
              {"name": "venue", "type": "string"}
            ]}""");

    /** The columns --create-table makes for {@link #V1}, in order, as {@link #columnsOfTable} lists them. */
    private static final List<String> V1_COLUMNS = List.of(
            "id Int64",
            "part Int32",
            "seq Int64",
            "symbol String",
            "_kafka_topic String",
            "_kafka_partition Int32",
            "_kafka_offset Int64");

    private final IngestFixture fixture = new IngestFixture();
    private final SchemaRegistryClient registry = new SchemaRegistryClient(SchemaRegistryExtension.url());
    private final String table = "default." + unique("fills");
    private final List<RunningConsumer> started = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        started.forEach(RunningConsumer::close);
        fixture.close();
    }

    private RunningConsumer start(String... args) {
        RunningConsumer consumer = RunningConsumer.start(args);
        started.add(consumer);
        return consumer;
    }

    private static long id(int part, long seq) {
        return part * 1_000_000L + seq;
    }

    private static byte[] payload(int schemaId, Schema schema, int part, long seq) {
        GenericRecord record = new GenericData.Record(schema);
        record.put("id", id(part, seq));
        record.put("part", part);
        record.put("seq", seq);
        record.put("symbol", "s" + seq);
        if (schema.getField("venue") != null) {
            record.put("venue", schema == WITH_NOTE ? "w" + seq : seq % 3 == 0 ? null : "v" + seq);
        }
        if (schema.getField("lot") != null) {
            record.put("lot", (int) (seq % 7));
        }
        if (schema.getField("note") != null) {
            record.put("note", seq % 5 == 0 ? null : "n" + seq);
        }
        return new AvroWireEncoder(schemaId, schema).encode(record);
    }

    /** Which schema each sequence of a partition is written with: runs of 1 to 6 records, seeded; the first run is v1. */
    private static List<Boolean> interleaving(long records, long seed) {
        Random random = new Random(seed);
        List<Boolean> newer = new ArrayList<>();
        boolean current = false;
        while (newer.size() < records) {
            int run = 1 + random.nextInt(6);
            for (int i = 0; i < run && newer.size() < records; i++) {
                newer.add(current);
            }
            current = !current;
        }
        return newer;
    }

    private static int runs(List<Boolean> newer) {
        int runs = 1;
        for (int i = 1; i < newer.size(); i++) {
            if (newer.get(i) != newer.get(i - 1)) {
                runs++;
            }
        }
        return runs;
    }

    private void publish(
            String topic, int part, List<Boolean> newer, int olderId, Schema older, int newerId, Schema newerSchema)
            throws Exception {
        for (int seq = 0; seq < newer.size(); seq++) {
            byte[] value =
                    newer.get(seq) ? payload(newerId, newerSchema, part, seq) : payload(olderId, older, part, seq);
            fixture.publishRaw(topic, 0, value);
        }
    }

    private void assertEveryIdOnce(long expected) {
        String answer = query("SELECT count(), uniqExact(id), countIf(id != part * 1000000 + seq) FROM " + table
                + " FORMAT TabSeparated");
        String[] fields = answer.strip().split("\t");
        long rows = Long.parseLong(fields[0]);
        long distinct = Long.parseLong(fields[1]);
        assertThat(Long.parseLong(fields[2]))
                .as("rows that are no published record")
                .isZero();
        assertThat(expected - distinct).as("lost rows").isZero();
        assertThat(rows - distinct).as("duplicated rows").isZero();
    }

    /** The id, part, seq and symbol of a published record as its row holds them, tab-separated as ClickHouse answers. */
    private static String fieldsOfV1(int part, long seq) {
        return id(part, seq) + "\t" + part + "\t" + seq + "\ts" + seq;
    }

    /** Fails unless the table has exactly {@link #V1_COLUMNS} and then {@code added}, in that order. */
    private void assertColumnsAreV1And(String... added) {
        List<String> expected = new ArrayList<>(V1_COLUMNS);
        expected.addAll(List.of(added));
        assertThat(columnsOfTable()).containsExactlyElementsOf(expected);
    }

    private List<String> columnsOfTable() {
        return query("DESCRIBE TABLE " + table + " FORMAT TabSeparated")
                .lines()
                .map(line -> {
                    String[] field = line.split("\t", -1);
                    return field[0] + " " + field[1] + (field[2].isEmpty() ? "" : " " + field[2] + " " + field[3]);
                })
                .toList();
    }

    @Test
    void withoutEvolveEveryRowArrivesAndTheNewFieldsAreDroppedAndCounted() throws Exception {
        String topic = unique("fills");
        fixture.createTopic(topic, 1);
        String subject = SchemaRegistryClient.valueSubject(topic);
        int v1 = registry.register(subject, V1);
        int v2 = registry.register(subject, V2_ADDS);
        assertThat(v2).isNotEqualTo(v1);
        List<Boolean> newer = new ArrayList<>();
        for (int seq = 0; seq < 60; seq++) {
            newer.add(seq >= 30);
        }
        publish(topic, 0, newer, v1, V1, v2, V2_ADDS);

        RunningConsumer consumer = start(
                "--topic", topic, "--group", unique("loader"), "--table", table, "--create-table", "--stop-at-end");
        assertThat(consumer.awaitExit()).isZero();

        assertColumnsAreV1And();
        assertEveryIdOnce(60);
        StringBuilder expected = new StringBuilder();
        for (int seq = 0; seq < 60; seq++) {
            expected.append(fieldsOfV1(0, seq)).append('\n');
        }
        assertThat(query("SELECT id, part, seq, symbol FROM " + table + " ORDER BY id FORMAT TabSeparated"))
                .isEqualTo(expected.toString());
        ConsumerMetrics metrics = consumer.metrics();
        assertThat(metrics.unmappedFieldValues("venue")).isEqualTo(30);
        assertThat(metrics.unmappedFieldValues("lot")).isEqualTo(30);
        assertThat(metrics.unmappedFieldValues("symbol")).isZero();
        assertThat(metrics.columnsAdded()).isZero();
        assertThat(metrics.registry()
                        .find("chingest.consumer.fields.unmapped")
                        .tag("field", "venue")
                        .counter())
                .isNotNull();
    }

    /**
     * Two consumers (each its own topic, one table) meet the v2 fields at about the same time and both add the columns:
     * one ALTER of each wins, the other finds the column there. v1 records keep coming, interleaved with v2 ones.
     */
    @Test
    void withEvolveRacingConsumersAddEachColumnOnceAndOlderRecordsGetNullAndTheDefault() throws Exception {
        List<String> topics = List.of(unique("fills"), unique("fills"));
        List<List<Boolean>> layouts = List.of(interleaving(120, 1), interleaving(120, 2));
        for (int part = 0; part < 2; part++) {
            String topic = topics.get(part);
            fixture.createTopic(topic, 1);
            String subject = SchemaRegistryClient.valueSubject(topic);
            int v1 = registry.register(subject, V1);
            int v2 = registry.register(subject, V2_ADDS);
            publish(topic, part, layouts.get(part), v1, V1, v2, V2_ADDS);
        }

        List<RunningConsumer> consumers = new ArrayList<>();
        for (String topic : topics) {
            consumers.add(start(
                    "--topic",
                    topic,
                    "--group",
                    unique("loader"),
                    "--table",
                    table,
                    "--create-table",
                    "--evolve",
                    "--stop-at-end",
                    "--batch-max-rows",
                    "10"));
        }
        for (RunningConsumer consumer : consumers) {
            assertThat(consumer.awaitExit()).isZero();
        }

        assertColumnsAreV1And("venue Nullable(String)", "lot Int32 DEFAULT CAST(100, \\'Int32\\')");
        assertEveryIdOnce(240);
        StringBuilder expected = new StringBuilder();
        for (int part = 0; part < 2; part++) {
            for (int seq = 0; seq < 120; seq++) {
                boolean v2 = layouts.get(part).get(seq);
                String venue = !v2 || seq % 3 == 0 ? "\\N" : "v" + seq;
                String lot = v2 ? Integer.toString(seq % 7) : "100";
                expected.append(fieldsOfV1(part, seq))
                        .append('\t')
                        .append(venue)
                        .append('\t')
                        .append(lot)
                        .append('\n');
            }
        }
        assertThat(query("SELECT id, part, seq, symbol, venue, lot FROM " + table + " ORDER BY id FORMAT TabSeparated"))
                .isEqualTo(expected.toString());
        long added = 0;
        for (RunningConsumer consumer : consumers) {
            ConsumerMetrics metrics = consumer.metrics();
            added += metrics.columnsAdded();
            assertThat(metrics.unmappedFieldValues("venue")).isZero();
            assertThat(metrics.unmappedFieldValues("lot")).isZero();
        }
        assertThat(added).as("columns added by both consumers together").isEqualTo(2);
    }

    /**
     * A v2 that drops two fields, its records interleaved with v1 ones in one partition: the Nullable column gets NULL,
     * the column with a DEFAULT gets it, a DEFAULT computed from other columns and a MATERIALIZED column are what
     * ClickHouse computes; each batch has one column list, so the partition's batches are sealed where the list changes.
     */
    @Test
    void columnsMissingFromANewerSchemaTakeTheirDefaultsWhileBothVersionsInterleaveInOnePartition() throws Exception {
        String topic = unique("fills");
        fixture.createTopic(topic, 1);
        String subject = SchemaRegistryClient.valueSubject(topic);
        int older = registry.register(subject, WITH_NOTE);
        int newer = registry.register(subject, V1);
        query("CREATE TABLE " + table + " (id Int64, part Int32, seq Int64, symbol String, note Nullable(String),"
                + " venue String DEFAULT 'unknown', total Int64 DEFAULT seq * 10, shout String MATERIALIZED upper(symbol),"
                + " _kafka_topic String, _kafka_partition Int32, _kafka_offset Int64)"
                + " ENGINE = MergeTree ORDER BY (_kafka_topic, _kafka_partition, _kafka_offset)");
        List<Boolean> layout = interleaving(200, 3);
        publish(topic, 0, layout, older, WITH_NOTE, newer, V1);

        String group = unique("loader");
        RunningConsumer consumer =
                start("--topic", topic, "--group", group, "--table", table, "--stop-at-end", "--batch-max-rows", "50");
        assertThat(consumer.awaitExit()).isZero();

        assertEveryIdOnce(200);
        StringBuilder expected = new StringBuilder();
        for (int seq = 0; seq < 200; seq++) {
            boolean dropped = layout.get(seq);
            String note = dropped || seq % 5 == 0 ? "\\N" : "n" + seq;
            String venue = dropped ? "unknown" : "w" + seq;
            expected.append(fieldsOfV1(0, seq))
                    .append('\t')
                    .append(note)
                    .append('\t')
                    .append(venue)
                    .append('\t')
                    .append(seq * 10L)
                    .append("\tS")
                    .append(seq)
                    .append('\n');
        }
        assertThat(query("SELECT id, part, seq, symbol, note, venue, total, shout FROM " + table
                        + " ORDER BY id FORMAT TabSeparated"))
                .isEqualTo(expected.toString());
        ConsumerMetrics metrics = consumer.metrics();
        // v2 rows write NULL for note themselves but leave venue to ClickHouse: another column list, another batch.
        assertThat(metrics.batches()).isGreaterThanOrEqualTo(runs(layout));
        assertThat(metrics.rowsInserted()).isEqualTo(200);
        assertThat(fixture.committed(group)).isEqualTo(Map.of(new TopicPartition(topic, 0), 200L));
    }

    /**
     * 18.16 has no ADD COLUMN IF NOT EXISTS: a consumer whose view of the table is older than another consumer's ALTER
     * gets "column with this name already exists" from its own, reads the table again and goes on.
     */
    @Test
    void addingAColumnAnotherConsumerAddedFirstSucceedsAndARefusedOneNamesTableAndColumn() {
        query("CREATE TABLE " + table + " (id Int64) ENGINE = MergeTree ORDER BY id");
        try (ClickHouseConnection clickHouse =
                new ClickHouseConnection(ClickHouseExtension.httpUrl(), "default", "", Duration.ofSeconds(20))) {
            ClickHouseTargetTable target = new ClickHouseTargetTable(clickHouse, TableName.parse(table), false);
            target.checkAtStartUp();
            query("ALTER TABLE " + table + " ADD COLUMN venue Nullable(String)");

            target.addColumn(new NewColumn("venue", "Nullable(String)", Optional.empty()));
            assertThat(target.columnsFor(V1)).extracting(TableColumn::name).containsExactly("id", "venue");

            assertThatThrownBy(
                            () -> target.addColumn(new NewColumn("tags", "Nullable(Array(String))", Optional.empty())))
                    .isInstanceOf(TableSetupException.class)
                    .hasMessageStartingWith("adding column tags to table " + table + " failed (ALTER TABLE " + table
                            + " ADD COLUMN `tags` Nullable(Array(String))): ClickHouse at "
                            + ClickHouseExtension.httpUrl() + " refused");
            assertThat(columnsOfTable()).containsExactly("id Int64", "venue Nullable(String)");
        }
    }
}
