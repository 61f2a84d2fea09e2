package io.chingest.consumer.it;

import static io.chingest.consumer.it.IngestFixture.await;
import static io.chingest.consumer.it.IngestFixture.query;
import static io.chingest.consumer.it.IngestFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.chingest.common.config.CommandLineRunner;
import io.chingest.common.config.ExitCodes;
import io.chingest.consumer.ReplayCommand;
import io.chingest.testing.ClickHouseExtension;
import io.chingest.testing.KafkaBrokerExtension;
import io.chingest.testing.SchemaRegistryExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/**
 * {@code ch-consumer replay} against the real broker and ClickHouse 18.16: after the table lost rows, a replay and a
 * new run bring every id back exactly once; a running group is refused; each target commits the offsets it promises.
 */
@ExtendWith({KafkaBrokerExtension.class, SchemaRegistryExtension.class, ClickHouseExtension.class})
class ReplayIT {
    private static final int PARTITIONS = 3;
    private static final long PER_PARTITION = 200;

    private final IngestFixture fixture = new IngestFixture();
    private final String topic = unique("trades");
    private final String group = unique("loader");
    private final String tableName = unique("trades");
    private final String table = "default." + tableName;
    private final List<RunningConsumer> started = new ArrayList<>();

    private record Replay(int exitCode, String out, String err) {}

    @AfterEach
    void stopEverything() {
        started.forEach(RunningConsumer::close);
        fixture.close();
    }

    private Replay replay(String... args) {
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

    private void consumeToTheEnd() throws Exception {
        RunningConsumer consumer = RunningConsumer.start(
                "--topic", topic, "--group", group, "--table", table, "--create-table", "--stop-at-end");
        started.add(consumer);
        assertThat(consumer.awaitExit())
                .as(
                        "exit code of the run; %s",
                        consumer.run() == null ? "" : consumer.run().failure())
                .isZero();
    }

    private void publishAndConsume() throws Exception {
        fixture.createTopic(topic, PARTITIONS);
        fixture.publishTrades(topic, fixture.registerTrades(topic), PARTITIONS, 0, PER_PARTITION);
        consumeToTheEnd();
        IdCount.of(table, PARTITIONS, PER_PARTITION).assertExactlyOnce();
    }

    private Map<TopicPartition, Long> offsets(long... values) {
        Map<TopicPartition, Long> offsets = new java.util.HashMap<>();
        for (int partition = 0; partition < values.length; partition++) {
            offsets.put(new TopicPartition(topic, partition), values[partition]);
        }
        return offsets;
    }

    @Test
    void afterTheTableWasTruncatedAReplayToEarliestAndARunBringEveryIdBackOnce() throws Exception {
        publishAndConsume();
        query("TRUNCATE TABLE " + table);
        assertThat(query("SELECT count() FROM " + table + " FORMAT TabSeparated")
                        .strip())
                .isEqualTo("0");

        Replay dryRun = replay("--to-earliest", "--dry-run");
        assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
        assertThat(dryRun.out())
                .contains(
                        "dry run, nothing changed",
                        topic + "-0: 200 -> 0",
                        topic + "-1: 200 -> 0",
                        topic + "-2: 200 -> 0");
        assertThat(fixture.committed(group)).isEqualTo(offsets(200, 200, 200));

        Replay replayed = replay("--to-earliest");
        assertThat(replayed.exitCode()).as(replayed.err()).isZero();
        assertThat(replayed.out()
                        .lines()
                        .filter(line -> line.startsWith(topic + "-"))
                        .toList())
                .containsExactly(topic + "-0: 200 -> 0", topic + "-1: 200 -> 0", topic + "-2: 200 -> 0");
        assertThat(fixture.committed(group)).isEqualTo(offsets(0, 0, 0));

        consumeToTheEnd();
        IdCount.of(table, PARTITIONS, PER_PARTITION).assertExactlyOnce();
        assertThat(query("SELECT " + Trades.SELECT_COLUMNS + " FROM " + table + " ORDER BY id FORMAT TabSeparated"))
                .isEqualTo(Trades.lines(PARTITIONS, 0, PER_PARTITION));
        assertThat(fixture.committed(group)).isEqualTo(offsets(200, 200, 200));
    }

    @Test
    void aReplayToEarlierOffsetsThanTheTableHoldsInsertsNothingTwice() throws Exception {
        publishAndConsume();
        Replay replayed = replay("--to-earliest");
        assertThat(replayed.exitCode()).as(replayed.err()).isZero();
        assertThat(fixture.committed(group)).isEqualTo(offsets(0, 0, 0));

        consumeToTheEnd();
        IdCount.of(table, PARTITIONS, PER_PARTITION).assertExactlyOnce();
        assertThat(fixture.committed(group)).isEqualTo(offsets(200, 200, 200));
    }

    @Test
    void afterRowsPastSomeOffsetWereDeletedAReplayToTheTableAndARunBringEveryIdBackOnce() throws Exception {
        publishAndConsume();
        // ALTER ... DELETE is an asynchronous mutation on 18.16: wait until it is done.
        query("ALTER TABLE " + table + " DELETE WHERE (_kafka_partition = 0 AND _kafka_offset >= 50)"
                + " OR (_kafka_partition = 1 AND _kafka_offset >= 150) OR _kafka_partition = 2");
        await(
                "the delete mutation to be done",
                () -> query("SELECT count() FROM system.mutations WHERE database = 'default' AND table = '" + tableName
                                + "' AND is_done = 0 FORMAT TabSeparated")
                        .strip()
                        .equals("0"));
        assertThat(query("SELECT _kafka_partition, count(), max(_kafka_offset) FROM " + table
                        + " GROUP BY _kafka_partition ORDER BY _kafka_partition FORMAT TabSeparated"))
                .isEqualTo("0\t50\t49\n1\t150\t149\n");

        Replay replayed = replay("--to-table", table);
        assertThat(replayed.exitCode()).as(replayed.err()).isZero();
        assertThat(replayed.out()
                        .lines()
                        .filter(line -> line.startsWith(topic + "-"))
                        .toList())
                .containsExactly(
                        topic + "-0: 200 -> 50",
                        topic + "-1: 200 -> 150",
                        topic + "-2: 200 -> 0 (no rows in the table: the earliest)");
        assertThat(fixture.committed(group)).isEqualTo(offsets(50, 150, 0));

        consumeToTheEnd();
        IdCount.of(table, PARTITIONS, PER_PARTITION).assertExactlyOnce();
        assertThat(fixture.committed(group)).isEqualTo(offsets(200, 200, 200));
    }

    @Test
    void aTableWithoutTheProvenanceColumnsCannotBeATarget() throws Exception {
        fixture.createTopic(topic, 1);
        query("CREATE TABLE " + table + " (id Int64) ENGINE = MergeTree ORDER BY id");

        Replay refused = replay("--to-table", table);
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.TABLE_REFUSED);
        assertThat(refused.err())
                .contains("table " + table
                        + " lacks the provenance columns [_kafka_topic, _kafka_partition, _kafka_offset]");
        assertThat(replay("--to-table", "default.no_such_table").err())
                .contains("table default.no_such_table does not exist");
        assertThat(fixture.committed(group)).isEmpty();
    }

    @Test
    void aGroupWithARunningConsumerIsRefusedNamingTheMember() throws Exception {
        fixture.createTopic(topic, PARTITIONS);
        fixture.publishTrades(topic, fixture.registerTrades(topic), PARTITIONS, 0, 20);
        RunningConsumer consumer =
                RunningConsumer.start("--topic", topic, "--group", group, "--table", table, "--create-table");
        started.add(consumer);
        await("the running consumer to commit every offset", () -> {
            try {
                return fixture.committed(group).equals(offsets(20, 20, 20));
            } catch (Exception e) {
                return false;
            }
        });
        MemberDescription member =
                fixture.describeGroup(group).members().iterator().next();

        Replay refused = replay("--to-earliest");
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.GROUP_ACTIVE);
        assertThat(refused.err())
                .contains(
                        "group " + group + " has 1 active member(s), stop them first",
                        "member " + member.consumerId(),
                        "client id " + member.clientId(),
                        "host " + member.host());
        assertThat(refused.out()).doesNotContain(topic + "-0");
        assertThat(fixture.committed(group)).isEqualTo(offsets(20, 20, 20));

        assertThat(consumer.stop()).isZero();
        await("the stopped consumer to leave the group", () -> {
            try {
                return fixture.describeGroup(group).members().isEmpty();
            } catch (Exception e) {
                return false;
            }
        });
        Replay replayed = replay("--to-offsets", "1:5");
        assertThat(replayed.exitCode()).as(replayed.err()).isZero();
        assertThat(fixture.committed(group)).isEqualTo(offsets(20, 5, 20));
    }

    @Test
    void aTimeAndListedOffsetsCommitTheOffsetsTheyName() throws Exception {
        fixture.createTopic(topic, PARTITIONS);
        int schemaId = fixture.registerTrades(topic);
        long earlier = System.currentTimeMillis() - 600_000;
        long later = earlier + 300_000;
        fixture.publishTradesAt(topic, schemaId, 0, 0, 10, earlier);
        fixture.publishTradesAt(topic, schemaId, 0, 10, 25, later);
        fixture.publishTradesAt(topic, schemaId, 1, 0, 20, earlier);
        // Partition 2 stays empty.

        Replay atLater = replay("--to-datetime", Instant.ofEpochMilli(later).toString());
        assertThat(atLater.exitCode()).as(atLater.err()).isZero();
        assertThat(atLater.out()
                        .lines()
                        .filter(line -> line.startsWith(topic + "-"))
                        .toList())
                .containsExactly(
                        topic + "-0: none -> 10",
                        topic + "-1: none -> 20 (no record at or after the time: the end)",
                        topic + "-2: none -> 0 (no record at or after the time: the end)");
        assertThat(fixture.committed(group)).isEqualTo(offsets(10, 20, 0));

        Replay justAfterEarlier = replay(
                "--to-datetime",
                Instant.ofEpochMilli(earlier + 1)
                        .atOffset(java.time.ZoneOffset.ofHours(2))
                        .toString());
        assertThat(justAfterEarlier.exitCode()).as(justAfterEarlier.err()).isZero();
        assertThat(fixture.committed(group)).isEqualTo(offsets(10, 20, 0));
        Replay atEarlier = replay("--to-datetime", Instant.ofEpochMilli(earlier).toString());
        assertThat(atEarlier.exitCode()).as(atEarlier.err()).isZero();
        assertThat(fixture.committed(group)).isEqualTo(offsets(0, 0, 0));

        Replay listed = replay("--to-offsets", "0:25,1:7");
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out()
                        .lines()
                        .filter(line -> line.startsWith(topic + "-"))
                        .toList())
                .containsExactly(topic + "-0: 0 -> 25", topic + "-1: 0 -> 7");
        assertThat(fixture.committed(group)).isEqualTo(offsets(25, 7, 0));

        Replay pastTheEnd = replay("--to-offsets", "1:21");
        assertThat(pastTheEnd.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(pastTheEnd.err())
                .contains("offset 21 of topic " + topic + " partition 1 is outside the offsets it holds, [0, 20]");
        Replay noSuchPartition = replay("--to-offsets", "3:0");
        assertThat(noSuchPartition.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(noSuchPartition.err())
                .contains("topic " + topic + " has no partition 3 (its partitions are 0 to 2)");
        assertThat(fixture.committed(group)).isEqualTo(offsets(25, 7, 0));
    }
}
