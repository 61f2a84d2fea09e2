package io.chingest.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.chingest.testing.JarProgram;
import io.chingest.testing.KafkaBrokerExtension;
import io.chingest.testing.LoopbackPorts;
import io.chingest.testing.Poll;
import io.chingest.testing.SchemaRegistryExtension;
import io.chingest.testing.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code watch} from the jar as separate processes on one spool directory, against the real broker and registry,
 * and checks with a read_committed reader that every row of every file arrives exactly once.
 */
@ExtendWith({KafkaBrokerExtension.class, SchemaRegistryExtension.class})
class WatchIT {

    private static final Path JAR = Path.of("target", "file-producer.jar").toAbsolutePath();
    private static final Duration DEADLINE = Duration.ofMinutes(3);
    private static final Pattern PUBLISHED =
            Pattern.compile("file-producer watch: .*: \\d+ rows read, (\\d+) published");

    @TempDir
    Path dir;

    @Test
    void twoWatchersOnOneSpoolDirectorySendEveryRowOnceAndLeaveAFileStillBeingWritten() throws Exception {
        String topic = newTopic();
        Path spool = dir.resolve("spool");
        Path incoming = Files.createDirectories(spool.resolve("incoming"));
        Path partial = incoming.resolve("late.csv.part");
        SpoolFixture.writeRows(partial, 1_000_000, 500);
        int metricsPort = LoopbackPorts.freePort();
        Map<Long, Integer> expected = new HashMap<>();

        try (JarProgram a = JarProgram.start(
                        JAR, dir, watchCommand(topic, spool, "a", "--metrics-port", String.valueOf(metricsPort)));
                JarProgram b = JarProgram.start(JAR, dir, watchCommand(topic, spool, "b"))) {
            for (int file = 0; file < 20; file++) {
                Path written = dir.resolve("file-" + file + ".csv");
                SpoolFixture.writeRows(written, file * 10_000L, 1_500);
                Files.move(written, incoming.resolve(written.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            }
            Poll.until(DEADLINE, "20 files in done/", () -> SpoolFixture.count(spool.resolve("done")) == 20);
            assertThat(Files.exists(partial))
                    .as("the file still being written is not taken")
                    .isTrue();

            Files.writeString(partial, "1000501,the last row\n", StandardOpenOption.APPEND);
            Files.move(partial, incoming.resolve("late.csv"), StandardCopyOption.ATOMIC_MOVE);
            Poll.until(DEADLINE, "21 files in done/", () -> SpoolFixture.count(spool.resolve("done")) == 21);
            assertThat(a.isAlive()).as(a.output()).isTrue();
            assertThat(b.isAlive()).as(b.output()).isTrue();
            String metrics = SpoolFixture.scrape(metricsPort, "/metrics");

            a.terminate();
            b.terminate();
            assertThat(a.awaitExit(DEADLINE)).as(a.output()).isZero();
            assertThat(b.awaitExit(DEADLINE)).as(b.output()).isZero();
            assertThat(a.stderr()).contains("file-producer watch: stopped; ");
            long publishedByA = publishedIn(a.stderr());
            assertThat(publishedByA + publishedIn(b.stderr())).isEqualTo(20 * 1_500 + 501);
            assertThat(metrics).contains("chingest_producer_rows_published_total " + (double) publishedByA + "\n");
            assertThat(metrics).containsPattern("chingest_producer_files_total\\{outcome=\"done\"} \\d+\\.0\\n");
        }
        for (int file = 0; file < 20; file++) {
            for (int row = 1; row <= 1_500; row++) {
                expected.put(file * 10_000L + row, 1);
            }
        }
        for (int row = 1; row <= 501; row++) {
            expected.put(1_000_000L + row, 1);
        }
        assertThat(SpoolFixture.idCounts(topic)).isEqualTo(expected);
        assertThat(SpoolFixture.count(spool.resolve("processing"))).isZero();
        assertThat(SpoolFixture.count(spool.resolve("failed"))).isZero();
        assertThat(SpoolFixture.count(incoming)).isZero();
    }

    @Test
    void aWatcherStoppedMidFileResumesItAfterARestart() throws Exception {
        String topic = newTopic();
        Path spool = dir.resolve("spool");
        Path incoming = Files.createDirectories(spool.resolve("incoming"));
        Path big = dir.resolve("big.csv");
        SpoolFixture.writeRows(big, 0, 200_000);
        Files.move(big, incoming.resolve("big.csv"), StandardCopyOption.ATOMIC_MOVE);

        try (JarProgram first = JarProgram.start(JAR, dir, watchCommand(topic, spool, "a"))) {
            Poll.until(DEADLINE, "a first chunk committed", () -> CommittedRecords.rowsInProgress(topic) > 0);
            first.terminate();
            assertThat(first.awaitExit(DEADLINE)).as(first.output()).isZero();
            assertThat(first.stderr()).contains("stopped (run again to resume)");
        }
        assertThat(Files.exists(spool.resolve("processing").resolve("a~big.csv")))
                .isTrue();
        long committed = CommittedRecords.rowsInProgress(topic);
        assertThat(committed).isBetween(1L, 199_999L);

        try (JarProgram again = JarProgram.start(JAR, dir, watchCommand(topic, spool, "a"))) {
            Poll.until(
                    DEADLINE,
                    "big.csv in done/",
                    () -> Files.exists(spool.resolve("done").resolve("big.csv")));
            again.terminate();
            assertThat(again.awaitExit(DEADLINE)).as(again.output()).isZero();
            assertThat(again.stderr())
                    .contains((200_000 - committed) + " rows read, " + (200_000 - committed)
                            + " published, 0 rejected, " + committed + " rows sent earlier");
        }
        Map<Long, Integer> expected = new HashMap<>();
        for (long row = 1; row <= 200_000; row++) {
            expected.put(row, 1);
        }
        assertThat(SpoolFixture.idCounts(topic)).isEqualTo(expected);
    }

    private List<String> watchCommand(String topic, Path spool, String id, String... more) throws IOException {
        Path schema = Files.writeString(dir.resolve("row.avsc"), SpoolFixture.SCHEMA);
        List<String> command = TestServicesCommandLine.of(
                "watch",
                topic,
                schema,
                spool.toString(),
                "--watcher-id",
                id,
                "--poll-interval",
                "200ms",
                "--chunk-rows",
                "2000");
        command.addAll(List.of(more));
        return command;
    }

    private static long publishedIn(String stderr) {
        long published = 0;
        Matcher matcher = PUBLISHED.matcher(stderr);
        while (matcher.find()) {
            published += Long.parseLong(matcher.group(1));
        }
        return published;
    }

    private static String newTopic() throws Exception {
        return Topics.createServedNew(KafkaBrokerExtension.bootstrapServers(), "watch-", 2);
    }
}
