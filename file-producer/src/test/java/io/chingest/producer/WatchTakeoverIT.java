package io.chingest.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.chingest.producer.progress.FileProgress;
import io.chingest.testing.JarProgram;
import io.chingest.testing.KafkaBrokerExtension;
import io.chingest.testing.LoopbackPorts;
import io.chingest.testing.Poll;
import io.chingest.testing.ProcessSignals;
import io.chingest.testing.SchemaRegistryExtension;
import io.chingest.testing.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watchers that die, freeze or share an id, run from the jar as separate processes on one spool directory against
 * the real broker and registry: a dead watcher's file is taken over and every row counted once by a read_committed
 * reader; a frozen one wakes up, leaves the file it lost and goes on; a second process with one id is refused. The
 * watchers renew their heartbeat every 500 ms and take over after 5 s.
 */
@ExtendWith({KafkaBrokerExtension.class, SchemaRegistryExtension.class})
class WatchTakeoverIT {

    private static final Path JAR = Path.of("target", "file-producer.jar").toAbsolutePath();
    private static final Duration DEADLINE = Duration.ofMinutes(2);
    private static final Duration TAKEOVER_AFTER = Duration.ofSeconds(5);
    /** How long files may take beyond --takeover-after to reach done/ once their watcher is dead, on a loaded host. */
    private static final Duration BOUND = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void aKilledWatchersFileIsTakenOverByAnotherAndEveryRowArrivesOnce() throws Exception {
        String topic = newTopic();
        Path spool = dir.resolve("spool");
        Files.createDirectories(spool.resolve("incoming"));
        int files = 12;
        int rows = 10_000;
        Map<Long, Integer> expected = new HashMap<>();
        for (int file = 0; file < files; file++) {
            SpoolFixture.expectOnce(expected, file * 100_000L, rows);
        }
        int metrics1 = LoopbackPorts.freePort();
        int metrics3 = LoopbackPorts.freePort();

        try (JarProgram w1 = watcher(topic, spool, "w1", "1000", "--metrics-port", String.valueOf(metrics1));
                // w2 commits every 100 rows: slow enough to be killed while it holds a file with a committed chunk
                JarProgram w2 = watcher(topic, spool, "w2", "100");
                JarProgram w3 = watcher(topic, spool, "w3", "1000", "--metrics-port", String.valueOf(metrics3))) {
            for (int file = 0; file < 4; file++) {
                SpoolFixture.arrive(spool, name(file), file * 100_000L, rows);
            }
            AtomicReference<FileProgress> victim = new AtomicReference<>();
            int next = 4;
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (victim.get() == null) {
                assertThat(System.nanoTime() - deadline)
                        .as("w2 holds a file with a committed chunk; %s", w2.output())
                        .isNegative();
                if (next < files && SpoolFixture.count(spool.resolve("incoming")) < 2) {
                    SpoolFixture.arrive(spool, name(next), next * 100_000L, rows);
                    next++;
                }
                heldWithACommittedChunk(spool, topic, "w2").ifPresent(victim::set);
            }
            w2.kill();
            assertThat(w2.awaitExit(DEADLINE)).isEqualTo(137);
            long killedAt = System.nanoTime();
            String held = Path.of(victim.get().name()).getFileName().toString();
            assertThat(Files.exists(spool.resolve("processing").resolve(held)))
                    .as("w2 died holding %s", held)
                    .isTrue();
            long committed = committedRows(topic, held);
            assertThat(committed).isBetween(1L, rows - 1L);
            for (; next < files; next++) {
                SpoolFixture.arrive(spool, name(next), next * 100_000L, rows);
            }

            Poll.until(
                    TAKEOVER_AFTER.plus(BOUND),
                    files + " files in done/",
                    () -> SpoolFixture.count(spool.resolve("done")) == files);
            assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(TAKEOVER_AFTER.plus(BOUND));
            String arrival = held.substring("w2~".length());
            List<JarProgram> takers = Stream.of(w1, w3)
                    .filter(taker -> taker.stderr()
                            .contains("file-producer watch: took over "
                                    + spool.resolve("processing")
                                            .resolve(taker == w1 ? "w1~" + arrival : "w3~" + arrival)
                                    + " from watcher 'w2', whose heartbeat did not change for 5000 ms"))
                    .toList();
            assertThat(takers).as(w1.output() + "\n" + w3.output()).hasSize(1);
            JarProgram taker = takers.get(0);
            assertThat(taker.stderr())
                    .contains(": " + (rows - committed) + " rows read, " + (rows - committed)
                            + " published, 0 rejected, " + committed + " rows sent earlier");
            String scraped1 = SpoolFixture.scrape(metrics1, "/metrics");
            String scraped3 = SpoolFixture.scrape(metrics3, "/metrics");
            assertThat(List.of(scraped1, scraped3))
                    .filteredOn(metrics -> metrics.contains("chingest_producer_watch_files_taken_over_total 1.0\n"))
                    .hasSize(1);
            assertThat(scraped1).contains("chingest_producer_watch_processing_files{watcher=\"w1\"} 0.0\n");
            assertThat(scraped3).contains("chingest_producer_watch_processing_files{watcher=\"w3\"} 0.0\n");
            assertThat(List.of(scraped1, scraped3))
                    .as("w2's files are counted, and read 0 once taken over")
                    .allMatch(metrics ->
                            metrics.contains("chingest_producer_watch_processing_files{watcher=\"w2\"} 0.0\n"));
            assertThat(scraped1).contains("chingest_producer_watch_claim_age_seconds 0.0\n");
            assertThat(SpoolFixture.scrape(metrics1, "/health")).isEqualTo("ok\n");

            w1.terminate();
            w3.terminate();
            assertThat(w1.awaitExit(DEADLINE)).as(w1.output()).isZero();
            assertThat(w3.awaitExit(DEADLINE)).as(w3.output()).isZero();
            assertThat(taker.stderr()).containsPattern("stopped; \\d+ files done, 0 failed, 1 taken over, 0 lost");
        }
        assertThat(SpoolFixture.idCounts(topic)).isEqualTo(expected);
        assertThat(SpoolFixture.count(spool.resolve("processing"))).isZero();
        assertThat(SpoolFixture.count(spool.resolve("failed"))).isZero();
    }

    @Test
    void aFrozenWatcherWhoseFileWasTakenOverLeavesItWhenItWakesAndGoesOnWithNewFiles() throws Exception {
        String topic = newTopic();
        Path spool = dir.resolve("spool");
        Files.createDirectories(spool.resolve("incoming"));
        Map<Long, Integer> expected = new HashMap<>();
        SpoolFixture.expectOnce(expected, 0, 20_000);
        SpoolFixture.expectOnce(expected, 100_000, 1_000);

        try (JarProgram zombie = watcher(topic, spool, "z", "100")) {
            SpoolFixture.arrive(spool, "big.csv", 0, 20_000);
            Poll.until(
                    DEADLINE,
                    "z holds big.csv with a committed chunk",
                    () -> heldWithACommittedChunk(spool, topic, "z").isPresent());
            ProcessSignals.freeze(zombie.pid());
            long committed;
            try (JarProgram taker = watcher(topic, spool, "t", "2000")) {
                Path done = spool.resolve("done").resolve("big.csv");
                Poll.until(TAKEOVER_AFTER.plus(BOUND), "big.csv in done/", () -> Files.exists(done));
                committed = committedRowsBefore(taker.stderr());
                assertThat(taker.stderr())
                        .contains("file-producer watch: took over "
                                + spool.resolve("processing").resolve("t~big.csv") + " from watcher 'z'");

                ProcessSignals.thaw(zombie.pid());
                Poll.until(
                        DEADLINE,
                        "z says it lost big.csv",
                        () -> zombie.stderr()
                                .contains("file-producer watch: lost "
                                        + spool.resolve("processing").resolve("z~big.csv")
                                        + ": another watcher took it over"));
                taker.terminate();
                assertThat(taker.awaitExit(DEADLINE)).as(taker.output()).isZero();
                assertThat(taker.stderr()).contains("stopped; 1 files done, 0 failed, 1 taken over, 0 lost");
            }
            assertThat(committed).isBetween(1L, 19_999L);
            assertThat(zombie.stderr())
                    .containsPattern("the heartbeat was renewed \\d+ ms after the previous one, more than"
                            + " --takeover-after \\(5000 ms");

            SpoolFixture.arrive(spool, "next.csv", 100_000, 1_000);
            Path nextDone = spool.resolve("done").resolve("next.csv");
            Poll.until(DEADLINE, "next.csv in done/", () -> Files.exists(nextDone));
            assertThat(zombie.stderr()).contains("file-producer watch: moved to " + nextDone);
            assertThat(zombie.isAlive()).isTrue();
            zombie.terminate();
            assertThat(zombie.awaitExit(DEADLINE)).as(zombie.output()).isZero();
            assertThat(zombie.stderr()).contains("stopped; 1 files done, 0 failed, 0 taken over, 1 lost to other");
        }
        assertThat(SpoolFixture.idCounts(topic)).isEqualTo(expected);
        try (Stream<Path> done = Files.list(spool.resolve("done"))) {
            assertThat(done.map(path -> path.getFileName().toString()).sorted()).containsExactly("big.csv", "next.csv");
        }
        assertThat(SpoolFixture.count(spool.resolve("processing"))).isZero();
    }

    @Test
    void healthIsDegradedWhileAFileIsHeldPastTakeoverAfterWithoutARowHandled() throws Exception {
        String topic = newTopic();
        Path spool = dir.resolve("spool");
        Files.createDirectories(spool.resolve("incoming"));
        int metricsPort = LoopbackPorts.freePort();
        Map<Long, Integer> expected = new HashMap<>();
        SpoolFixture.expectOnce(expected, 0, 20_000);

        try (JarProgram watcher = watcher(topic, spool, "h", "100", "--metrics-port", String.valueOf(metricsPort))) {
            SpoolFixture.arrive(spool, "slow.csv", 0, 20_000);
            Poll.until(
                    DEADLINE,
                    "h holds slow.csv with a committed chunk",
                    () -> heldWithACommittedChunk(spool, topic, "h").isPresent());
            long broker = KafkaBrokerExtension.broker().pid();
            ProcessSignals.freeze(broker);
            try {
                Poll.until(
                        DEADLINE,
                        "/health degraded",
                        () -> health(metricsPort)
                                .startsWith("degraded: watcher 'h' has held "
                                        + spool.resolve("processing").resolve("h~slow.csv") + " for "));
                assertThat(health(metricsPort))
                        .containsPattern("and handled no row of it for \\d+ s \\(more than 5 s\\)\\n");
                assertThat(SpoolFixture.scrape(metricsPort, "/metrics"))
                        .containsPattern("chingest_producer_watch_claim_age_seconds [1-9]");
            } finally {
                ProcessSignals.thaw(broker);
            }
            Path done = spool.resolve("done").resolve("slow.csv");
            Poll.until(DEADLINE, "slow.csv in done/", () -> Files.exists(done));
            assertThat(health(metricsPort)).isEqualTo("ok\n");
            watcher.terminate();
            assertThat(watcher.awaitExit(DEADLINE)).as(watcher.output()).isZero();
        }
        assertThat(SpoolFixture.idCounts(topic)).isEqualTo(expected);
    }

    @Test
    void aSecondWatcherWithTheIdOfARunningOneIsRefused() throws Exception {
        String topic = newTopic();
        Path spool = dir.resolve("spool");
        try (JarProgram first = watcher(topic, spool, "same", "1000")) {
            Poll.until(
                    DEADLINE, "the first watcher runs", () -> first.stderr().contains("file-producer watch: watching"));
            try (JarProgram second = watcher(topic, spool, "same", "1000")) {
                assertThat(second.awaitExit(DEADLINE)).as(second.output()).isEqualTo(1);
                assertThat(second.stderr())
                        .contains("watcher id 'same' is in use by another watch process (its heartbeat "
                                + spool.resolve(".watchers").resolve("same.heartbeat") + " is being renewed: token=")
                        .contains("give each watcher of one spool directory its own --watcher-id")
                        .doesNotContain("file-producer watch: watching");
            }
            assertThat(first.isAlive()).as(first.output()).isTrue();
            first.terminate();
            assertThat(first.awaitExit(DEADLINE)).as(first.output()).isZero();
        }
        assertThat(Files.exists(spool.resolve(".watchers").resolve("same.heartbeat")))
                .as("a stopped watcher removes its heartbeat")
                .isFalse();
    }

    private JarProgram watcher(String topic, Path spool, String id, String chunkRows, String... more)
            throws IOException {
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
                "--takeover-after",
                TAKEOVER_AFTER.toSeconds() + "s",
                "--heartbeat-interval",
                "500ms",
                "--chunk-rows",
                chunkRows);
        command.addAll(List.of(more));
        return JarProgram.start(JAR, dir, command);
    }

    private static String health(int metricsPort) {
        try {
            return SpoolFixture.scrape(metricsPort, "/health");
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String name(int file) {
        return String.format("part-%03d.csv", file);
    }

    /**
     * The last committed progress of a file the watcher holds in processing/ now, when it has a committed chunk and is
     * not complete.
     */
    private static Optional<FileProgress> heldWithACommittedChunk(Path spool, String topic, String watcherId) {
        List<String> held = new ArrayList<>();
        try (Stream<Path> claims = Files.list(spool.resolve("processing"))) {
            claims.map(path -> path.getFileName().toString())
                    .filter(name -> name.startsWith(watcherId + "~"))
                    .forEach(held::add);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (held.isEmpty()) {
            return Optional.empty();
        }
        Map<String, FileProgress> last = lastProgressByName(topic);
        return held.stream()
                .map(last::get)
                .filter(progress -> progress != null && progress.rows() > 0 && !progress.complete())
                .findFirst();
    }

    private static long committedRows(String topic, String claimName) {
        return lastProgressByName(topic).get(claimName).rows();
    }

    /** The rows the taker skipped, from its line "...: N rows read, N published, 0 rejected, C rows sent earlier". */
    private static long committedRowsBefore(String stderr) {
        Matcher matcher = Pattern.compile(
                        "big\\.csv: \\d+ rows read, \\d+ published, 0 rejected, (\\d+) rows sent earlier")
                .matcher(stderr);
        assertThat(matcher.find()).as(stderr).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    /** The last committed progress record of each file, by the file name it was sent under. */
    private static Map<String, FileProgress> lastProgressByName(String topic) {
        Map<String, FileProgress> last = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : CommittedRecords.of(topic + ".progress")) {
            FileProgress progress = FileProgress.fromJson(record.value());
            last.put(Path.of(progress.name()).getFileName().toString(), progress);
        }
        return last;
    }

    private static String newTopic() throws Exception {
        return Topics.createServedNew(KafkaBrokerExtension.bootstrapServers(), "takeover-", 2);
    }
}
