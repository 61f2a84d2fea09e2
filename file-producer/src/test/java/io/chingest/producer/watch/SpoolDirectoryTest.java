package io.chingest.producer.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
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
        spool = new SpoolDirectory(root, "w1", Duration.ZERO, Clock.fixed(NOW, ZoneOffset.UTC));
        spool.createDirectories();
    }

    @Test
    void claimsByRenameInNameOrderAndLeavesFilesStillBeingWritten() throws IOException {
        for (String name : List.of("b.csv", "a.csv", ".hidden.csv", "c.csv.tmp", "d.csv.part")) {
            Files.writeString(root.resolve("incoming").resolve(name), name);
        }

        Optional<Path> first = spool.next();

        assertThat(first).contains(root.resolve("processing").resolve("w1~a.csv"));
        assertThat(Files.readString(first.orElseThrow())).isEqualTo("a.csv");
        assertThat(SpoolDirectory.arrivalName(first.get())).isEqualTo("a.csv");
        assertThat(spool.next()).as("its own claimed file comes first").contains(first.get());
        assertThat(spool.done(first.get())).isEqualTo(root.resolve("done").resolve("a.csv"));
        Path second = spool.next().orElseThrow();
        assertThat(second).isEqualTo(root.resolve("processing").resolve("w1~b.csv"));
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
        SpoolDirectory quiet = new SpoolDirectory(root, "w1", Duration.ofSeconds(30), Clock.fixed(NOW, ZoneOffset.UTC));
        Path fresh = Files.writeString(root.resolve("incoming").resolve("fresh.csv"), "x");
        Files.setLastModifiedTime(fresh, FileTime.from(NOW.minusSeconds(10)));
        Path settled = Files.writeString(root.resolve("incoming").resolve("settled.csv"), "x");
        Files.setLastModifiedTime(settled, FileTime.from(NOW.minusSeconds(31)));

        assertThat(quiet.next()).contains(root.resolve("processing").resolve("w1~settled.csv"));
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
            SpoolDirectory claimer = new SpoolDirectory(root, "w" + w, Duration.ZERO, Clock.systemUTC());
            Set<String> claimed = new HashSet<>();
            claimedBy.add(claimed);
            threads.add(new Thread(() -> {
                try {
                    for (Optional<Path> next = claimer.next(); next.isPresent(); next = claimer.next()) {
                        claimed.add(SpoolDirectory.arrivalName(next.get()));
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

    private static List<String> names(Path directory) throws IOException {
        try (var entries = Files.list(directory)) {
            return entries.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
