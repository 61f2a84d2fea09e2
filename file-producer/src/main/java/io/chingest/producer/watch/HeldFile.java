package io.chingest.producer.watch;

import io.chingest.producer.feedback.SendProgress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The file this watcher holds in {@code processing/} now, since when, and when the pipeline last handled a row of it:
 * the claim's age for the metrics, and the health's verdict (degraded while the file is held longer than a bound
 * without a row handled). Hears the pipeline as its {@link SendProgress}. Written by the watcher's thread, read by the
 * metrics endpoint's; thread-safe (one immutable state behind a volatile field).
 */
public final class HeldFile implements SendProgress {

    private final String watcherId;
    private final Duration stallBound;
    private final Clock clock;
    private volatile Holding holding;

    /** @param stallBound how long a held file may go without a row handled before the watcher is degraded */
    public HeldFile(String watcherId, Duration stallBound, Clock clock) {
        this.watcherId = watcherId;
        this.stallBound = stallBound;
        this.clock = clock;
    }

    /** This watcher has just taken (claimed, resumed or taken over) the file. */
    public void took(Path claimed) {
        Instant now = clock.instant();
        holding = new Holding(claimed, now, now);
    }

    /** This watcher holds no file any more. */
    public void released() {
        holding = null;
    }

    @Override
    public void fileStarted(Path file, long sizeBytes) {
        progressed();
    }

    @Override
    public void advanced(long rows, long bytes) {
        progressed();
    }

    @Override
    public void fileEnded() {
        progressed();
    }

    /** Seconds since the held file was taken; 0 when none is held. */
    public double ageSeconds() {
        Holding now = holding;
        return now == null ? 0 : Duration.between(now.since(), clock.instant()).toMillis() / 1000.0;
    }

    /** Why the watcher is degraded: it has held a file for longer than the bound without handling a row; else empty. */
    public Optional<String> degradation() {
        Holding now = holding;
        if (now == null) {
            return Optional.empty();
        }
        Duration idle = Duration.between(now.lastProgress(), clock.instant());
        if (idle.compareTo(stallBound) <= 0) {
            return Optional.empty();
        }
        return Optional.of("watcher '" + watcherId + "' has held " + now.file() + " for "
                + Duration.between(now.since(), clock.instant()).toSeconds() + " s and handled no row of it for "
                + idle.toSeconds() + " s (more than " + stallBound.toSeconds() + " s)");
    }

    private void progressed() {
        Holding now = holding;
        if (now != null) {
            holding = new Holding(now.file(), now.since(), clock.instant());
        }
    }

    private record Holding(Path file, Instant since, Instant lastProgress) {}
}
