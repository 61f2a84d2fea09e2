package io.chingest.consumer.it;

import static io.chingest.consumer.it.IngestFixture.query;
import static io.chingest.consumer.it.IngestFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.chingest.common.config.ExitCodes;
import io.chingest.testing.ClickHouseExtension;
import io.chingest.testing.JarProgram;
import io.chingest.testing.KafkaBrokerExtension;
import io.chingest.testing.LocalEndpoint;
import io.chingest.testing.LoopbackPorts;
import io.chingest.testing.Poll;
import io.chingest.testing.SchemaRegistryExtension;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged program when Kafka or ClickHouse is not there or not right: a run that must end ends within its
 * timeout with exit code 5 and one line naming the address and the cause; a daemon says "still unavailable" at growing
 * intervals and /health shows it; a missing table exits 3.
 */
@ExtendWith({KafkaBrokerExtension.class, SchemaRegistryExtension.class, ClickHouseExtension.class})
class ServiceUnavailableIT {
    /** --kafka-timeout and --clickhouse-timeout of these runs. */
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    /** A JVM start and the shutdown on a loaded two-core machine; far below the minute it took before the checks. */
    private static final Duration MARGIN = Duration.ofSeconds(20);

    @TempDir
    Path directory;

    @Test
    void runStopAtEndWithNothingAtKafkaExitsFiveNamingTheAddressWithinTheTimeout() throws Exception {
        String kafka = "127.0.0.1:" + LoopbackPorts.freePort();

        Finished run = finish(
                "run",
                "--topic",
                "t",
                "--group",
                "g",
                "--table",
                "t",
                "--stop-at-end",
                "--bootstrap-servers",
                kafka,
                "--kafka-timeout",
                "3s",
                "--clickhouse-url",
                ClickHouseExtension.httpUrl());

        assertThat(run.exitCode()).as(run.output()).isEqualTo(ExitCodes.SERVICE_UNAVAILABLE);
        assertThat(run.elapsed()).isLessThan(TIMEOUT.plus(MARGIN));
        assertThat(run.stderr()).contains("ch-consumer: Kafka at " + kafka + ": no broker answered within 3 s\n");
        assertThat(run.stderr()).doesNotContain("consuming topic");
        assertThat(run.warningsAndErrors()).as(run.output()).hasSizeLessThanOrEqualTo(2);
        assertThat(run.stderr().lines()).as(run.output()).hasSizeLessThanOrEqualTo(5);
    }

    @Test
    void runStopAtEndWithNothingAtTheClickHouseUrlExitsFiveNamingTheUrl() throws Exception {
        String url = "http://127.0.0.1:" + LoopbackPorts.freePort();

        Finished run = finish(
                "run",
                "--topic",
                "t",
                "--group",
                "g",
                "--table",
                "t",
                "--stop-at-end",
                "--bootstrap-servers",
                KafkaBrokerExtension.bootstrapServers(),
                "--clickhouse-url",
                url,
                "--clickhouse-timeout",
                "3s");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(ExitCodes.SERVICE_UNAVAILABLE);
        assertThat(run.elapsed()).isLessThan(TIMEOUT.plus(MARGIN));
        assertThat(run.stderr()).contains("ch-consumer: ClickHouse at " + url + ": nothing answers (");
        assertThat(run.stderr().lines()).as(run.output()).hasSizeLessThanOrEqualTo(5);
    }

    @Test
    void runStopAtEndOnATopicThatDoesNotExistSaysSoInOneLine() throws Exception {
        String topic = unique("absent");

        Finished run = finish(
                "run",
                "--topic",
                topic,
                "--group",
                unique("g"),
                "--table",
                "t",
                "--stop-at-end",
                "--bootstrap-servers",
                KafkaBrokerExtension.bootstrapServers(),
                "--kafka-timeout",
                "3s",
                "--clickhouse-url",
                ClickHouseExtension.httpUrl());

        assertThat(run.exitCode()).as(run.output()).isEqualTo(ExitCodes.SERVICE_UNAVAILABLE);
        assertThat(run.stderr().lines().filter(line -> line.contains("does not exist")))
                .as(run.output())
                .containsExactly("ch-consumer: Kafka at " + KafkaBrokerExtension.bootstrapServers() + ": topic '"
                        + topic + "' does not exist (This server does not host this topic-partition.)");
    }

    @Test
    void aMissingTableExitsThreeNamingIt() throws Exception {
        String topic = unique("trades");
        String table = "default." + unique("missing");
        try (IngestFixture fixture = new IngestFixture()) {
            fixture.createTopic(topic, 1);
        }

        Finished run = finish(
                "run",
                "--topic",
                topic,
                "--group",
                unique("g"),
                "--table",
                table,
                "--stop-at-end",
                "--bootstrap-servers",
                KafkaBrokerExtension.bootstrapServers(),
                "--clickhouse-url",
                ClickHouseExtension.httpUrl());

        assertThat(run.exitCode()).as(run.output()).isEqualTo(ExitCodes.TABLE_REFUSED);
        assertThat(run.stderr())
                .contains("ch-consumer: table " + table + " does not exist in ClickHouse at "
                        + ClickHouseExtension.httpUrl());
        assertThat(query("EXISTS TABLE " + table + " FORMAT TabSeparated")).isEqualTo("0\n");
    }

    @Test
    void replayWithNothingAtKafkaExitsFiveNamingTheAddress() throws Exception {
        String kafka = "127.0.0.1:" + LoopbackPorts.freePort();

        Finished replay = finish(
                "replay",
                "--group",
                "g",
                "--topic",
                "t",
                "--to-earliest",
                "--bootstrap-servers",
                kafka,
                "--kafka-timeout",
                "3s");

        assertThat(replay.exitCode()).as(replay.output()).isEqualTo(ExitCodes.SERVICE_UNAVAILABLE);
        assertThat(replay.elapsed()).isLessThan(TIMEOUT.plus(MARGIN));
        assertThat(replay.stderr())
                .contains("ch-consumer replay: Kafka at " + kafka + ": no broker answered within 3 s");
        assertThat(replay.stderr().lines()).as(replay.output()).hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void replayToATableWithNothingAtTheClickHouseUrlExitsFiveNamingTheUrl() throws Exception {
        String topic = unique("trades");
        try (IngestFixture fixture = new IngestFixture()) {
            fixture.createTopic(topic, 1);
        }
        String url = "http://127.0.0.1:" + LoopbackPorts.freePort();

        Finished replay = finish(
                "replay",
                "--group",
                unique("g"),
                "--topic",
                topic,
                "--to-table",
                "default.t",
                "--bootstrap-servers",
                KafkaBrokerExtension.bootstrapServers(),
                "--clickhouse-url",
                url,
                "--clickhouse-timeout",
                "3s");

        assertThat(replay.exitCode()).as(replay.output()).isEqualTo(ExitCodes.SERVICE_UNAVAILABLE);
        assertThat(replay.elapsed()).isLessThan(TIMEOUT.plus(MARGIN));
        assertThat(replay.stderr()).contains("ch-consumer replay: ClickHouse at " + url + ": nothing answers (");
    }

    @Test
    void theDaemonSaysStillUnavailableAtGrowingIntervalsAndHealthShowsItUntilStopped() throws Exception {
        String kafka = "127.0.0.1:" + LoopbackPorts.freePort();
        int metricsPort = LoopbackPorts.freePort();
        try (JarProgram process = JarProgram.start(
                IngestFixture.CONSUMER_JAR,
                directory,
                "run",
                "--topic",
                "t",
                "--group",
                "g",
                "--table",
                "t",
                "--bootstrap-servers",
                kafka,
                "--kafka-timeout",
                "1s",
                "--clickhouse-url",
                ClickHouseExtension.httpUrl(),
                "--metrics-port",
                String.valueOf(metricsPort))) {
            Poll.until(
                    Duration.ofSeconds(90),
                    "three 'still unavailable' lines",
                    () -> process.stderr()
                            .contains("still unavailable: Kafka at " + kafka + ": no broker answered within 1 s;"
                                    + " next check in 4 s"));
            List<String> waits = new ArrayList<>();
            process.stderr()
                    .lines()
                    .filter(line -> line.contains("still unavailable: Kafka at " + kafka))
                    .forEach(line -> waits.add(line.substring(line.lastIndexOf("next check in "))));
            assertThat(waits).startsWith("next check in 1 s", "next check in 2 s", "next check in 4 s");

            HttpResponse<String> health = LocalEndpoint.get(metricsPort, "/health");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body())
                    .isEqualTo("degraded: unavailable: Kafka at " + kafka + ": no broker answered within 1 s\n");
            assertThat(process.stderr()).doesNotContain("consuming topic", "NetworkClient");

            process.terminate();
            assertThat(process.awaitExit(IngestFixture.WAIT))
                    .as(process.output())
                    .isEqualTo(ExitCodes.OK);
        }
    }

    private Finished finish(String... args) throws Exception {
        long start = System.nanoTime();
        try (JarProgram process = JarProgram.start(IngestFixture.CONSUMER_JAR, directory, args)) {
            int code = process.awaitExit(IngestFixture.WAIT);
            return new Finished(code, process.stderr(), process.output(), Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** A program that ended: its exit code, standard error, both outputs labelled, and how long it ran. */
    private record Finished(int exitCode, String stderr, String output, Duration elapsed) {
        List<String> warningsAndErrors() {
            return stderr.lines()
                    .filter(line -> line.contains("WARN") || line.contains("ERROR"))
                    .toList();
        }
    }
}
