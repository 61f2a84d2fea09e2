package io.chingest.consumer.it;

import static io.chingest.consumer.it.IngestFixture.await;
import static io.chingest.consumer.it.IngestFixture.query;
import static io.chingest.consumer.it.IngestFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.chingest.common.config.CommandLineRunner;
import io.chingest.common.config.ExitCodes;
import io.chingest.consumer.ReplayCommand;
import io.chingest.consumer.delivery.ClickHouseIncarnationLedger;
import io.chingest.testing.ClickHouseExtension;
import io.chingest.testing.KafkaBrokerExtension;
import io.chingest.testing.SchemaRegistryExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/**
 * A topic deleted and created again against the real broker and ClickHouse 18.16: a table holding offsets of the
 * earlier incarnation is refused (consumer and {@code replay --to-table}) instead of skipping the new records, and
 * loads them all once after the old rows are deleted; a table written before the ledger existed keeps working.
 */
@ExtendWith({KafkaBrokerExtension.class, SchemaRegistryExtension.class, ClickHouseExtension.class})
class TopicIncarnationIT {
    private static final int PARTITIONS = 2;
    private static final String LEDGER = "default." + ClickHouseIncarnationLedger.TABLE;

    private final IngestFixture fixture = new IngestFixture();
    private final String topic = unique("trades");
    private final String tableName = unique("trades");
    private final String table = "default." + tableName;
    private final List<RunningConsumer> started = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        started.forEach(RunningConsumer::close);
        fixture.close();
    }

    @Test
    void aTableOfTheEarlierIncarnationIsRefusedAndAfterItsRowsAreDeletedLoadsEveryNewRecordOnce() throws Exception {
        fixture.createTopic(topic, PARTITIONS);
        fixture.publishTrades(topic, fixture.registerTrades(topic), PARTITIONS, 0, 200);
        assertThat(consumeToTheEnd(unique("first"))).isEqualTo(new Exit(ExitCodes.OK, null));
        IdCount.of(table, PARTITIONS, 200).assertExactlyOnce();
        String oldId = fixture.topicId(topic);
        assertThat(recordedIds()).isEqualTo(oldId + "\n");

        fixture.recreateTopic(topic, PARTITIONS);
        String newId = fixture.topicId(topic);
        assertThat(newId).isNotEqualTo(oldId);
        // Offsets 0..119 of the new topic are all below the table's highest offset of the old one (199).
        fixture.publishTrades(topic, fixture.registerTrades(topic), PARTITIONS, 0, 120);

        String group = unique("second");
        Exit refused = consumeToTheEnd(group);
        assertThat(refused.code()).isEqualTo(ExitCodes.TABLE_REFUSED);
        assertThat(refused.failure())
                .contains(
                        "table " + table + " holds 400 rows of an earlier incarnation of topic " + topic,
                        "(topic id " + oldId + ", first seen ",
                        "but the topic now has topic id " + newId,
                        "nothing was inserted or committed",
                        "ALTER TABLE " + table + " DELETE WHERE _kafka_topic = '" + topic + "'",
                        "or load the topic into another table");
        assertThat(query("SELECT count() FROM " + table + " FORMAT TabSeparated")
                        .strip())
                .isEqualTo("400");
        assertThat(fixture.committed(group)).isEmpty();
        assertThat(recordedIds()).isEqualTo(oldId + "\n");

        Replay replayRefused = replay(group, "--to-table", table);
        assertThat(replayRefused.code()).isEqualTo(ExitCodes.TABLE_REFUSED);
        assertThat(replayRefused.err())
                .contains(
                        "ch-consumer replay: table " + table + " holds 400 rows of an earlier incarnation of topic "
                                + topic,
                        oldId,
                        newId);
        assertThat(fixture.committed(group)).isEmpty();

        // ALTER ... DELETE is an asynchronous mutation (18.16 has it): wait until it is done.
        query("ALTER TABLE " + table + " DELETE WHERE _kafka_topic = '" + topic + "'");
        await(
                "the delete mutation to be done",
                () -> query("SELECT count() FROM " + table + " FORMAT TabSeparated")
                        .strip()
                        .equals("0"));

        assertThat(consumeToTheEnd(group)).isEqualTo(new Exit(ExitCodes.OK, null));
        IdCount.of(table, PARTITIONS, 120).assertExactlyOnce();
        assertThat(query("SELECT " + Trades.SELECT_COLUMNS + " FROM " + table + " ORDER BY id FORMAT TabSeparated"))
                .isEqualTo(Trades.lines(PARTITIONS, 0, 120));
        assertThat(recordedIds()).contains(oldId, newId).hasLineCount(2);
    }

    @Test
    void aTableWrittenBeforeTheLedgerExistedIsTakenAsTheCurrentIncarnationAndResumesExactlyOnce() throws Exception {
        fixture.createTopic(topic, PARTITIONS);
        int schemaId = fixture.registerTrades(topic);
        fixture.publishTrades(topic, schemaId, PARTITIONS, 0, 100);
        String group = unique("loader");
        assertThat(consumeToTheEnd(group)).isEqualTo(new Exit(ExitCodes.OK, null));
        // As an earlier version left it: rows with provenance, no entry in the ledger.
        query("ALTER TABLE " + LEDGER + " DELETE WHERE table_name = '" + tableName + "'");
        await("the ledger entry to be deleted", () -> recordedIds().isEmpty());

        fixture.publishTrades(topic, schemaId, PARTITIONS, 100, 150);
        assertThat(consumeToTheEnd(group)).isEqualTo(new Exit(ExitCodes.OK, null));
        IdCount.of(table, PARTITIONS, 150).assertExactlyOnce();
        assertThat(recordedIds()).isEqualTo(fixture.topicId(topic) + "\n");

        // A new group resumes after what the table holds, from the adopted entry: nothing is inserted twice.
        assertThat(consumeToTheEnd(unique("other"))).isEqualTo(new Exit(ExitCodes.OK, null));
        IdCount.of(table, PARTITIONS, 150).assertExactlyOnce();
    }

    @Test
    void aReplayToATableOfADatabaseWithoutALedgerTakesItsRowsAsTheCurrentIncarnationsAndWritesNothing()
            throws Exception {
        String database = unique("older");
        query("CREATE DATABASE " + database);
        String olderTable = database + ".trades";
        query("CREATE TABLE " + olderTable + " (id Int64, _kafka_topic String, _kafka_partition Int32,"
                + " _kafka_offset Int64) ENGINE = MergeTree ORDER BY (_kafka_topic, _kafka_partition, _kafka_offset)");
        query("INSERT INTO " + olderTable + " SELECT number, '" + topic + "', 0, number FROM system.numbers LIMIT 10");
        fixture.createTopic(topic, 1);
        fixture.publishTrades(topic, fixture.registerTrades(topic), 1, 0, 20);

        Replay replayed = replay(unique("loader"), "--to-table", olderTable, "--dry-run");
        assertThat(replayed.code()).as(replayed.err()).isEqualTo(ExitCodes.OK);
        assertThat(replayed.out()).contains(topic + "-0: none -> 10");
        assertThat(query("EXISTS TABLE " + database + "." + ClickHouseIncarnationLedger.TABLE + " FORMAT TabSeparated")
                        .strip())
                .isEqualTo("0");
    }

    private record Exit(int code, String failure) {}

    private record Replay(int code, String out, String err) {}

    private Exit consumeToTheEnd(String group) throws Exception {
        RunningConsumer consumer = RunningConsumer.start(
                "--topic", topic, "--group", group, "--table", table, "--create-table", "--stop-at-end");
        started.add(consumer);
        int code = consumer.awaitExit();
        return new Exit(code, consumer.run().failure());
    }

    private Replay replay(String group, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ReplayCommand command = new ReplayCommand(
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        List<String> all = new ArrayList<>(List.of(
                "--bootstrap-servers",
                KafkaBrokerExtension.bootstrapServers(),
                "--clickhouse-url",
                ClickHouseExtension.httpUrl(),
                "--group",
                group,
                "--topic",
                topic));
        all.addAll(List.of(args));
        int code = CommandLineRunner.execute(new CommandLine(command), all.toArray(String[]::new));
        return new Replay(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The topic ids the ledger recorded for the table and topic, one a line, in the order they were first seen. */
    private String recordedIds() {
        return query("SELECT topic_id FROM " + LEDGER + " WHERE table_name = '" + tableName + "' AND topic = '" + topic
                + "' GROUP BY topic_id ORDER BY min(first_seen) FORMAT TabSeparated");
    }
}
