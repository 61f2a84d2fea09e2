package io.chingest.consumer.it;

import static io.chingest.consumer.it.IngestFixture.await;
import static io.chingest.consumer.it.IngestFixture.query;
import static io.chingest.consumer.it.IngestFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.chingest.testing.ClickHouseExtension;
import io.chingest.testing.JarProgram;
import io.chingest.testing.KafkaBrokerExtension;
import io.chingest.testing.Poll;
import io.chingest.testing.ProcessSignals;
import io.chingest.testing.SchemaRegistryExtension;
import io.chingest.testing.TcpQueues;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once under the faults production meets, each made to happen on purpose, on a table made by
 * {@code --create-table} on ClickHouse 18.16 (plain MergeTree, no ZooKeeper): a consumer killed after ClickHouse
 * accepted an insert and before its commit, a ClickHouse hung longer than the client's time-out, members added,
 * killed and stopped in a group of three, and ClickHouse down for 20 s. Each test counts every id in the table:
 * lost and duplicated must both be 0. The two tests that freeze ClickHouse set {@code --table-check-interval 1h}, so
 * that the INSERT itself is what waits at the frozen server (with the default, the column check sent just before it
 * would wait instead, and the dangerous window could not be opened on purpose).
 */
@ExtendWith({KafkaBrokerExtension.class, SchemaRegistryExtension.class, ClickHouseExtension.class})
class ExactlyOnceFaultIT {
    /** A trade row in RowBinary is about 100 bytes; 60 per row is a safe lower bound for "the whole batch is queued". */
    private static final int MIN_ROW_BYTES = 60;

    private final IngestFixture fixture = new IngestFixture();
    private final String topic = unique("trades");
    private final String group = unique("loader");
    private final String table = "default." + unique("trades");
    private final List<JarProgram> processes = new ArrayList<>();
    private final List<RunningConsumer> inProcess = new ArrayList<>();

    @TempDir
    Path directory;

    @AfterEach
    void cleanUp() {
        long clickHouse = ClickHouseExtension.server().pid();
        if (clickHouse > 0) {
            ProcessSignals.thaw(clickHouse);
        }
        processes.forEach(JarProgram::close);
        inProcess.forEach(RunningConsumer::close);
        ClickHouseExtension.server().start();
        fixture.close();
    }

    /** The consumer as its own JVM, with a short session time-out so that the group notices a killed member soon. */
    private JarProgram startProcess(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(
                "run",
                "--topic",
                topic,
                "--group",
                group,
                "--table",
                table,
                "--create-table",
                "--bootstrap-servers",
                KafkaBrokerExtension.bootstrapServers(),
                "--schema-registry",
                SchemaRegistryExtension.url(),
                "--clickhouse-url",
                ClickHouseExtension.httpUrl(),
                "--retry-backoff-max",
                "1s",
                "--consumer-property",
                "session.timeout.ms=6000",
                "--consumer-property",
                "heartbeat.interval.ms=1000"));
        all.addAll(List.of(args));
        JarProgram process = JarProgram.start(IngestFixture.CONSUMER_JAR, directory, all);
        processes.add(process);
        return process;
    }

    private RunningConsumer startInProcess(String... args) {
        List<String> all = new ArrayList<>(List.of(
                "--topic",
                topic,
                "--group",
                group,
                "--table",
                table,
                "--create-table",
                "--consumer-property",
                "session.timeout.ms=6000",
                "--consumer-property",
                "heartbeat.interval.ms=1000"));
        all.addAll(List.of(args));
        RunningConsumer consumer = RunningConsumer.start(all.toArray(String[]::new));
        inProcess.add(consumer);
        return consumer;
    }

    private long committedTotal() {
        try {
            return fixture.committed(group).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
        } catch (Exception e) {
            return -1;
        }
    }

    private boolean allCommitted(int partitions) {
        try {
            return fixture.committed(group).equals(fixture.endOffsets(topic, partitions));
        } catch (Exception e) {
            return false;
        }
    }

    private long rowsInTable() {
        return Long.parseLong(
                query("SELECT count() FROM " + table + " FORMAT TabSeparated").strip());
    }

    @Test
    void aConsumerKilledAfterClickHouseAcceptedAnInsertAndBeforeItsCommitLosesAndRepeatsNothing() throws Exception {
        fixture.createTopic(topic, 2);
        int schemaId = fixture.registerTrades(topic);
        fixture.publishTrades(topic, schemaId, 2, 0, 100);
        JarProgram first = startProcess(
                "--batch-max-rows",
                "100",
                "--batch-max-wait",
                "60s",
                "--max-in-flight-inserts",
                "1",
                "--table-check-interval",
                "1h");
        await("the first 200 rows committed", () -> allCommitted(2));

        // ClickHouse hangs; the next batch's insert is sent and waits, wholly queued at the frozen server.
        long clickHouse = ClickHouseExtension.server().pid();
        ProcessSignals.freeze(clickHouse);
        fixture.publishTrades(topic, schemaId, 2, 100, 200);
        await(
                "an insert of 100 rows queued at the frozen ClickHouse",
                () -> TcpQueues.unreadBytesAt(ClickHouseExtension.server().httpPort()) >= 100L * MIN_ROW_BYTES);
        // The consumer freezes inside the insert; ClickHouse resumes and completes it; the consumer dies before
        // committing.
        ProcessSignals.freeze(first.pid());
        ProcessSignals.thaw(clickHouse);
        await("ClickHouse completed the insert of the frozen consumer", () -> rowsInTable() == 300);
        ProcessSignals.kill(first.pid());
        assertThat(first.awaitExit(IngestFixture.WAIT)).isNotZero();
        assertThat(fixture.committed(group))
                .as("the window is open: inserted, not committed")
                .isEqualTo(Map.of(new TopicPartition(topic, 0), 100L, new TopicPartition(topic, 1), 100L));

        JarProgram second = startProcess("--batch-max-rows", "100", "--stop-at-end");
        assertThat(second.awaitExit(IngestFixture.WAIT))
                .as("exit code; %s", second.output())
                .isZero();
        IdCount.of(table, 2, 200).assertExactlyOnce();
        assertThat(second.stderr()).contains("table already holds " + topic + "-");
        assertThat(fixture.committed(group)).isEqualTo(fixture.endOffsets(topic, 2));
    }

    @Test
    void aClickHouseHungLongerThanTheClientTimeOutWhileTwoConsumersRunLosesAndRepeatsNothing() throws Exception {
        fixture.createTopic(topic, 4);
        int schemaId = fixture.registerTrades(topic);
        fixture.publishTrades(topic, schemaId, 4, 0, 500);
        // Longer than the HTTP client waits for "100 Continue" before it sends the body anyway (3 s): the rows are
        // sent.
        String[] options = {
            "--clickhouse-timeout",
            "10s",
            "--batch-max-rows",
            "100",
            "--batch-max-wait",
            "200ms",
            "--table-check-interval",
            "1h"
        };
        RunningConsumer one = startInProcess(options);
        RunningConsumer two = startInProcess(options);
        // Both members past the rebalance and the recovery of their partitions, so that both read when ClickHouse
        // hangs.
        await(
                "the first 2000 rows committed, two partitions read by each consumer",
                () -> allCommitted(4) && readsTwoPartitions(one) && readsTwoPartitions(two));

        long failuresBefore = metricsOf(one).insertFailures() + metricsOf(two).insertFailures();
        long clickHouse = ClickHouseExtension.server().pid();
        ProcessSignals.freeze(clickHouse);
        fixture.publishTrades(topic, schemaId, 4, 500, 1000);
        // The most bytes seen queued at the frozen server while the inserts wait and time out: whole batches, usually.
        long[] mostQueued = {0};
        await("inserts timed out", () -> {
            mostQueued[0] = Math.max(
                    mostQueued[0],
                    TcpQueues.unreadBytesAt(ClickHouseExtension.server().httpPort()));
            return metricsOf(one).insertFailures() + metricsOf(two).insertFailures() >= failuresBefore + 2;
        });
        System.out.printf(
                "hung-server test: up to %d bytes of requests queued at the frozen ClickHouse%n", mostQueued[0]);
        ProcessSignals.thaw(clickHouse);

        await("every row committed after ClickHouse resumed", () -> allCommitted(4));
        // Each timed-out insert either completed when the server resumed (then the retry finds it in the table and does
        // not
        // send it) or was ended by the retry's fence (then it is sent again): which one is a race the test does not
        // fix.
        assertThat(one.stop()).isZero();
        assertThat(two.stop()).isZero();
        IdCount.of(table, 4, 1000).assertExactlyOnce();
    }

    @Test
    void membersAddedKilledAndStoppedInAGroupOfThreeLoseAndRepeatNothing() throws Exception {
        int partitions = 6;
        fixture.createTopic(topic, partitions);
        int schemaId = fixture.registerTrades(topic);
        String[] options = {"--batch-max-rows", "50", "--batch-max-wait", "200ms"};
        fixture.publishTrades(topic, schemaId, partitions, 0, 1000);
        JarProgram a = startProcess(options);
        await("the first member inserts", () -> committedTotal() > 0);

        fixture.publishTrades(topic, schemaId, partitions, 1000, 2000);
        JarProgram b = startProcess(options);
        JarProgram c = startProcess(options);
        await(
                "the added members get partitions",
                () -> b.stderr().contains("assigned") && c.stderr().contains("assigned"));

        fixture.publishTrades(topic, schemaId, partitions, 2000, 3000);
        ProcessSignals.kill(b.pid());
        assertThat(b.awaitExit(IngestFixture.WAIT)).isNotZero();
        fixture.publishTrades(topic, schemaId, partitions, 3000, 4000);
        await("the killed member's partitions taken over and read to the end", () -> allCommitted(partitions));

        c.terminate();
        assertThat(c.awaitExit(IngestFixture.WAIT))
                .as("exit code; %s", c.output())
                .isZero();
        fixture.publishTrades(topic, schemaId, partitions, 4000, 5000);
        await("the last member reads every partition to the end", () -> allCommitted(partitions));
        a.terminate();
        assertThat(a.awaitExit(IngestFixture.WAIT))
                .as("exit code; %s", a.output())
                .isZero();

        IdCount.of(table, partitions, 5000).assertExactlyOnce();
    }

    @Test
    void clickHouseStoppedForTwentySecondsThenRestartedLosesAndRepeatsNothing() throws Exception {
        fixture.createTopic(topic, 3);
        int schemaId = fixture.registerTrades(topic);
        fixture.publishTrades(topic, schemaId, 3, 0, 1000);
        RunningConsumer consumer = startInProcess("--batch-max-rows", "200", "--batch-max-wait", "200ms");
        await("the first rows committed", () -> allCommitted(3));

        ClickHouseExtension.server().stop();
        long stoppedAt = System.nanoTime();
        fixture.publishTrades(topic, schemaId, 3, 1000, 2000);
        Poll.until(
                Duration.ofSeconds(60),
                "an outage of 20 s during which inserts fail",
                () -> Duration.ofNanos(System.nanoTime() - stoppedAt).toSeconds() >= 20
                        && metricsOf(consumer).insertFailures() >= 2);
        assertThat(fixture.committed(group).values()).containsOnly(1000L);
        ClickHouseExtension.server().start();

        await("every row committed after ClickHouse is back", () -> allCommitted(3));
        assertThat(consumer.stop()).isZero();
        IdCount.of(table, 3, 2000).assertExactlyOnce();
    }

    private static boolean readsTwoPartitions(RunningConsumer consumer) {
        return metricsOf(consumer).assignedPartitions() == 2
                && metricsOf(consumer).pausedPartitions() == 0;
    }

    private static io.chingest.consumer.metrics.ConsumerMetrics metricsOf(RunningConsumer consumer) {
        try {
            return consumer.metrics();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
