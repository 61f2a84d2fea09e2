package io.chingest.producer.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chingest.producer.watch.WatcherLease.Outcome;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatcherLeaseTest {

    private static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final Duration TAKEOVER_AFTER = Duration.ofSeconds(60);

    @TempDir
    Path spool;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T12:00:00Z"));

    @Test
    void eachRenewalWritesANewBeatOfTheSameTokenAndALateOneSaysSo() throws Exception {
        HeartbeatFiles files = new HeartbeatFiles(spool);
        try (WatcherLease lease = acquire(files)) {
            Heartbeat first = Heartbeat.parse(files.read("w1").orElseThrow()).orElseThrow();
            assertThat(first).isEqualTo(new Heartbeat(lease.token(), 1, 5000, "host-a", 42));

            clock.advance(INTERVAL);
            assertThat(lease.renew().outcome()).isEqualTo(Outcome.RENEWED);
            clock.advance(TAKEOVER_AFTER);
            assertThat(lease.renew().outcome()).as("exactly --takeover-after").isEqualTo(Outcome.RENEWED);
            clock.advance(TAKEOVER_AFTER.plusMillis(1));
            WatcherLease.Renewal late = lease.renew();

            assertThat(late.outcome()).isEqualTo(Outcome.RENEWED_LATE);
            assertThat(late.sinceLastRenewal()).isEqualTo(Duration.ofMillis(60_001));
            assertThat(Heartbeat.parse(files.read("w1").orElseThrow()))
                    .contains(new Heartbeat(lease.token(), 4, 5000, "host-a", 42));
        }
        assertThat(files.read("w1"))
                .as("a stopped watcher removes its heartbeat")
                .isEmpty();
    }

    @Test
    void aHeartbeatWrittenByAnotherProcessIsNeitherOverwrittenNorRemoved() throws Exception {
        HeartbeatFiles files = new HeartbeatFiles(spool);
        Heartbeat other = new Heartbeat("other-token", 3, 5000, "host-b", 7);
        try (WatcherLease lease = acquire(files)) {
            files.write("w1", other);

            WatcherLease.Renewal renewal = lease.renew();

            assertThat(renewal.outcome()).isEqualTo(Outcome.TAKEN_BY_ANOTHER_PROCESS);
            assertThat(renewal.found()).isEqualTo(other.toText().strip());
            assertThat(lease.lost()).isTrue();
            assertThat(lease.renew().outcome()).isEqualTo(Outcome.TAKEN_BY_ANOTHER_PROCESS);
        }
        assertThat(files.read("w1")).contains(other.toText());
    }

    @Test
    void aSecondProcessWithARenewedHeartbeatOfTheSameIdIsRefused() throws Exception {
        HeartbeatFiles files = new HeartbeatFiles(spool);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread otherProcess = new Thread(() -> {
            Heartbeat beat = new Heartbeat("other-token", 1, 20, "host-b", 7);
            try {
                while (running.get()) {
                    files.write("w1", beat);
                    beat = beat.next();
                    Thread.sleep(20);
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        files.write("w1", new Heartbeat("other-token", 0, 20, "host-b", 7));
        otherProcess.start();
        try {
            assertThatThrownBy(() -> acquire(files))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("watcher id 'w1' is in use by another watch process (its heartbeat "
                            + files.of("w1") + " is being renewed: token=other-token beat=")
                    .hasMessageEndingWith(
                            " interval-ms=20 host=host-b pid=7); give each watcher of one spool directory its own"
                                    + " --watcher-id");
        } finally {
            running.set(false);
            otherProcess.join();
        }
    }

    @Test
    void aHeartbeatThatDoesNotChangeWithinTwoIntervalsOfItsWriterIsReplaced() throws Exception {
        HeartbeatFiles files = new HeartbeatFiles(spool);
        files.write("w1", new Heartbeat("dead-token", 9, 20, "host-b", 7));

        try (WatcherLease lease = acquire(files)) {
            assertThat(lease.token()).isNotEqualTo("dead-token");
            assertThat(Heartbeat.parse(files.read("w1").orElseThrow()).map(Heartbeat::token))
                    .contains(lease.token());
        }
    }

    @Test
    void theRenewingThreadRenewsUntilClosed() throws Exception {
        HeartbeatFiles files = new HeartbeatFiles(spool);
        try (WatcherLease lease =
                WatcherLease.acquire(files, "w1", Duration.ofMillis(10), TAKEOVER_AFTER, clock, "host-a", 42)) {
            lease.startRenewing(
                    renewal -> {
                        throw new AssertionError(renewal.toString());
                    },
                    e -> {
                        throw new AssertionError(e);
                    });
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (Heartbeat.parse(files.read("w1").orElseThrow()).orElseThrow().beat() < 5) {
                assertThat(System.nanoTime() - deadline)
                        .as("5 beats within 30 s")
                        .isNegative();
                Thread.onSpinWait();
            }
        }
        assertThat(files.read("w1")).isEmpty();
    }

    private WatcherLease acquire(HeartbeatFiles files) throws IOException, InterruptedException {
        return WatcherLease.acquire(files, "w1", INTERVAL, TAKEOVER_AFTER, clock, "host-a", 42);
    }
}
