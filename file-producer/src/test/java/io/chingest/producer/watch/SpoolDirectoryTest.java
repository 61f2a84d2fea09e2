package io.chingest.producer.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chingest.producer.watch.SpoolDirectory.Claim;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolDirectoryTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @TempDir
    Path root;

    private SpoolDirectory spool;

    @BeforeEach
    void directories() throws IOException {
        spool = spool("w1", Duration.ZERO, Clock.fixed(NOW, ZoneOffset.UTC));
        spool.createDirectories();
    }

    @Test
    void claimsByRenameInNameOrderAndLeavesFilesStillBeingWritten() throws IOException {
        for (String name : List.of("b.csv", "a.csv", ".hidden.csv", "c.csv.tmp", "d.csv.part")) {
            Files.writeString(root.resolve("incoming").resolve(name), name);
        }

        Optional<Claim> first = spool.next();

        assertThat(first).contains(new Claim(root.resolve("processing").resolve("w1~a.csv"), null));
        assertThat(Files.readString(first.orElseThrow().file())).isEqualTo("a.csv");
        assertThat(SpoolDirectory.arrivalName(first.get().file())).isEqualTo("a.csv");
        assertThat(spool.next()).as("its own claimed file comes first").contains(first.get());
        assertThat(spool.done(first.get())).isEqualTo(root.resolve("done").resolve("a.csv"));
        Claim second = spool.next().orElseThrow();
        assertThat(second.file()).isEqualTo(root.resolve("processing").resolve("w1~b.csv"));
        assertThat(spool.failed(second, "b.csv:3: bad"))
                .isEqualTo(root.resolve("failed").resolve("b.csv"));
        assertThat(Files.readString(root.resolve("failed").resolve("b.csv.reason")))
                .isEqualTo("b.csv:3: bad\n");
        assertThat(spool.next()).isEmpty();
        assertThat(names(root.resolve("incoming"))).containsExactly(".hidden.csv", "c.csv.tmp", "d.csv.part");
    }

    @Test
    void anotherWatchersClaimsAreNotResumedHere() throws IOException {
        Files.writeString(root.resolve("processing").resolve("w2~x.csv"), "x");

        assertThat(spool.next()).isEmpty();
    }

    @Test
    void aFileWithinTheQuietPeriodWaits() throws IOException {
        SpoolDirectory quiet = spool("w1", Duration.ofSeconds(30), Clock.fixed(NOW, ZoneOffset.UTC));
        Path fresh = Files.writeString(root.resolve("incoming").resolve("fresh.csv"), "x");
        Files.setLastModifiedTime(fresh, FileTime.from(NOW.minusSeconds(10)));
        Path settled = Files.writeString(root.resolve("incoming").resolve("settled.csv"), "x");
        Files.setLastModifiedTime(settled, FileTime.from(NOW.minusSeconds(31)));

        assertThat(quiet.next().map(Claim::file))
                .contains(root.resolve("processing").resolve("w1~settled.csv"));
        assertThat(quiet.done(quiet.next().orElseThrow()))
                .isEqualTo(root.resolve("done").resolve("settled.csv"));
        assertThat(quiet.next()).isEmpty();
    }

    @Test
    void aNameAlreadyDoneGetsANumber() throws IOException {
        Files.writeString(root.resolve("done").resolve("a.csv"), "old");
        Files.writeString(root.resolve("incoming").resolve("a.csv"), "new");

        assertThat(spool.done(spool.next().orElseThrow()))
                .isEqualTo(root.resolve("done").resolve("a.csv.1"));
    }

    @Test
    void concurrentClaimersTakeEveryFileExactlyOnce() throws Exception {
        Random random = new Random(7);
        int files = 200;
        for (int i = 0; i < files; i++) {
            Files.writeString(
                    root.resolve("incoming").resolve(String.format("f%03d.csv", random.nextInt(1000) * 1000 + i)), "x");
        }
        List<Set<String>> claimedBy = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            SpoolDirectory claimer = spool("w" + w, Duration.ZERO, Clock.systemUTC());
            Set<String> claimed = new HashSet<>();
            claimedBy.add(claimed);
            threads.add(new Thread(() -> {
                try {
                    for (Optional<Claim> next = claimer.next(); next.isPresent(); next = claimer.next()) {
                        claimed.add(SpoolDirectory.arrivalName(next.get().file()));
                        claimer.done(next.get());
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }

        Set<String> all = new HashSet<>();
        int total = 0;
        for (Set<String> claimed : claimedBy) {
            all.addAll(claimed);
            total += claimed.size();
        }
        assertThat(total).isEqualTo(files);
        assertThat(all).hasSize(files);
        assertThat(names(root.resolve("done"))).hasSize(files);
        assertThat(names(root.resolve("incoming"))).isEmpty();
    }

    @Test
    void theFilesOfAWatcherWhoseHeartbeatStaysTheSameForTakeoverAfterAreTakenOverByRename() throws IOException {
        ManualClock clock = new ManualClock(NOW);
        SpoolDirectory taker = spool("w1", Duration.ZERO, clock);
        HeartbeatFiles heartbeats = new HeartbeatFiles(root);
        heartbeats.write("w2", new Heartbeat("t2", 7, 1000, "host-b", 42));
        Files.writeString(root.resolve("processing").resolve("w2~x.csv"), "x");
        Files.writeString(root.resolve("processing").resolve("w2~y.csv"), "y");

        assertThat(taker.next()).as("first seen now: alive for now").isEmpty();
        clock.advance(Duration.ofSeconds(59));
        assertThat(taker.next()).as("59 s unchanged").isEmpty();
        clock.advance(Duration.ofSeconds(1));

        Claim taken = taker.next().orElseThrow();

        assertThat(taken).isEqualTo(new Claim(root.resolve("processing").resolve("w1~x.csv"), "w2"));
        assertThat(taken.takenOver()).isTrue();
        assertThat(Files.readString(taken.file())).isEqualTo("x");
        assertThat(taker.next()).as("its own file comes first").contains(new Claim(taken.file(), null));
        taker.done(taken);
        assertThat(taker.next().map(Claim::file))
                .contains(root.resolve("processing").resolve("w1~y.csv"));
        assertThat(taker.claimsByWatcher()).containsOnlyKeys("w1");
    }

    @Test
    void aRenewedOrNewlyWrittenHeartbeatKeepsTheFilesWithTheirWatcher() throws IOException {
        ManualClock clock = new ManualClock(NOW);
        SpoolDirectory taker = spool("w1", Duration.ZERO, clock);
        HeartbeatFiles heartbeats = new HeartbeatFiles(root);
        Heartbeat beat = new Heartbeat("t2", 1, 1000, "host-b", 42);
        heartbeats.write("w2", beat);
        Files.writeString(root.resolve("processing").resolve("w2~x.csv"), "x");
        Files.writeString(root.resolve("processing").resolve("w3~z.csv"), "z");

        for (int second = 0; second < 120; second += 30) {
            assertThat(taker.next()).as("after %d s", second).isEmpty();
            beat = beat.next();
            heartbeats.write("w2", beat);
            if (second == 30) {
                heartbeats.write("w3", new Heartbeat("t3", 1, 1000, "host-c", 43));
            }
            clock.advance(Duration.ofSeconds(30));
        }
        assertThat(taker.next().map(Claim::takenOverFrom))
                .as("w3 stopped renewing at 30 s")
                .contains("w3");
        assertThat(taker.claimsByWatcher().keySet()).containsExactly("w1", "w2");
    }

    @Test
    void aFileOfAWatcherWithoutAHeartbeatFileIsTakenOverAfterTakeoverAfter() throws IOException {
        ManualClock clock = new ManualClock(NOW);
        SpoolDirectory taker = spool("w1", Duration.ZERO, clock);
        Files.writeString(root.resolve("processing").resolve("gone~x.csv"), "x");

        assertThat(taker.next()).isEmpty();
        clock.advance(Duration.ofSeconds(60));

        assertThat(taker.next()).contains(new Claim(root.resolve("processing").resolve("w1~x.csv"), "gone"));
    }

    @Test
    void ofTwoTakersExactlyOneRenamesEachFileAndTheLoserNoLongerHoldsIt() throws Exception {
        ManualClock clock = new ManualClock(NOW);
        for (int i = 0; i < 50; i++) {
            Files.writeString(root.resolve("processing").resolve(String.format("dead~f%02d.csv", i)), "x");
        }
        List<SpoolDirectory> takers = List.of(spool("w1", Duration.ZERO, clock), spool("w3", Duration.ZERO, clock));
        for (SpoolDirectory taker : takers) {
            assertThat(taker.next()).isEmpty();
        }
        clock.advance(Duration.ofSeconds(61));
        List<Set<String>> takenBy = List.of(new HashSet<>(), new HashSet<>());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            SpoolDirectory taker = takers.get(t);
            Set<String> taken = takenBy.get(t);
            threads.add(new Thread(() -> {
                try {
                    for (Optional<Claim> next = taker.next(); next.isPresent(); next = taker.next()) {
                        assertThat(next.get().takenOverFrom()).isEqualTo("dead");
                        taken.add(SpoolDirectory.arrivalName(next.get().file()));
                        taker.done(next.get());
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }

        // one taker may win every race: only that no file went to both counts
        Set<String> byBoth = new HashSet<>(takenBy.get(0));
        byBoth.retainAll(takenBy.get(1));
        assertThat(byBoth).isEmpty();
        assertThat(takenBy.get(0).size() + takenBy.get(1).size()).isEqualTo(50);
        assertThat(names(root.resolve("done"))).hasSize(50);
    }

    @Test
    void aWatcherWhoseFileWasTakenOverCannotMoveItToDoneOrFailed() throws IOException {
        ManualClock clock = new ManualClock(NOW);
        Files.writeString(root.resolve("incoming").resolve("x.csv"), "x");
        SpoolDirectory zombie = spool("w2", Duration.ZERO, clock);
        Claim held = zombie.next().orElseThrow();
        SpoolDirectory taker = spool("w1", Duration.ZERO, clock);
        assertThat(taker.next()).isEmpty();
        clock.advance(Duration.ofSeconds(60));
        Claim taken = taker.next().orElseThrow();

        assertThat(zombie.holds(held)).isFalse();
        assertThat(taker.holds(taken)).isTrue();
        assertThatThrownBy(() -> zombie.done(held)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> zombie.failed(held, "x")).isInstanceOf(NoSuchFileException.class);
        assertThat(zombie.next()).as("nothing left for the zombie").isEmpty();
        assertThat(names(root.resolve("processing"))).containsExactly("w1~x.csv");
        assertThat(names(root.resolve("done"))).isEmpty();
        assertThat(names(root.resolve("failed"))).isEmpty();
    }

    private SpoolDirectory spool(String watcherId, Duration quietPeriod, Clock clock) {
        return new SpoolDirectory(
                root, watcherId, quietPeriod, clock, new WatcherLiveness(Duration.ofSeconds(60), clock));
    }

    private static List<String> names(Path directory) throws IOException {
        try (var entries = Files.list(directory)) {
            return entries.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
