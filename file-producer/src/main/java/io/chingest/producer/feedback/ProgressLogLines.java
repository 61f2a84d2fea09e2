package io.chingest.producer.feedback;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress for logs (standard error not on a terminal): one line at most every interval while a file is read,
 * {@code file-producer: orders.csv: 120000 rows, 22.1 of 100.0 MiB (22%), 35000 rows/s, ETA 0:02:10}. Rates are
 * over the whole file so far; the ETA is the remaining bytes at the byte rate so far. Used by the pipeline's thread.
 */
public final class ProgressLogLines implements SendProgress {

    private final PrintWriter out;
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private Path file;
    private long size;
    private long startNanos;
    private long lastLineNanos;

    public ProgressLogLines(PrintWriter out, Duration interval, LongSupplier nanoClock) {
        this.out = out;
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
    }

    @Override
    public void fileStarted(Path started, long sizeBytes) {
        file = started;
        size = sizeBytes;
        startNanos = nanoClock.getAsLong();
        lastLineNanos = startNanos;
    }

    @Override
    public void advanced(long rows, long bytes) {
        long now = nanoClock.getAsLong();
        if (file == null || now - lastLineNanos < intervalNanos) {
            return;
        }
        lastLineNanos = now;
        out.println(line(rows, bytes, now - startNanos));
        out.flush();
    }

    @Override
    public void fileEnded() {
        file = null;
    }

    String line(long rows, long bytes, long elapsedNanos) {
        double seconds = Math.max(elapsedNanos, 1) / 1e9;
        String eta = bytes <= 0 ? "unknown" : clock(Math.round((size - bytes) / (bytes / seconds)));
        return String.format(
                Locale.ROOT,
                "file-producer: %s: %d rows, %.1f of %.1f MiB (%d%%), %d rows/s, ETA %s",
                file,
                rows,
                bytes / 1048576.0,
                size / 1048576.0,
                size == 0 ? 100 : bytes * 100 / size,
                Math.round(rows / seconds),
                eta);
    }

    private static String clock(long seconds) {
        long clamped = Math.max(0, seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", clamped / 3600, clamped / 60 % 60, clamped % 60);
    }
}
