package io.chingest.producer.watch;

import io.chingest.producer.FileOutcome;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a watcher has done since it started, in plain counters that metrics observe: files done and failed, rows
 * read, published and rejected, bytes of the files taken. Updated by the watcher's thread, read by any; thread-safe.
 */
public final class WatchCounters {

    private final AtomicLong filesDone = new AtomicLong();
    private final AtomicLong filesFailed = new AtomicLong();
    private final AtomicLong rowsRead = new AtomicLong();
    private final AtomicLong rowsPublished = new AtomicLong();
    private final AtomicLong rowsRejected = new AtomicLong();
    private final AtomicLong bytesRead = new AtomicLong();

    /** Adds one file's outcome; {@code bytes} is its size as stored. */
    public void add(FileOutcome outcome, long bytes, boolean finished) {
        rowsRead.addAndGet(outcome.rowsRead());
        rowsPublished.addAndGet(outcome.published());
        rowsRejected.addAndGet(outcome.rejected());
        bytesRead.addAndGet(bytes);
        if (finished) {
            (outcome.failed() ? filesFailed : filesDone).incrementAndGet();
        }
    }

    /** Registers the counters as chingest.producer.* meters ({@code chingest_producer_rows_published_total}, ...). */
    public void register(MeterRegistry registry) {
        counter(registry, "chingest.producer.files", filesDone, "outcome", "done");
        counter(registry, "chingest.producer.files", filesFailed, "outcome", "failed");
        counter(registry, "chingest.producer.rows.read", rowsRead);
        counter(registry, "chingest.producer.rows.published", rowsPublished);
        counter(registry, "chingest.producer.rows.rejected", rowsRejected);
        counter(registry, "chingest.producer.bytes.read", bytesRead);
    }

    /** "3 files done, 0 failed, 1200 rows read, 1190 published, 10 rejected". */
    public String summary() {
        return filesDone.get() + " files done, " + filesFailed.get() + " failed, " + rowsRead.get() + " rows read, "
                + rowsPublished.get() + " published, " + rowsRejected.get() + " rejected";
    }

    private static void counter(MeterRegistry registry, String name, AtomicLong value, String... tags) {
        FunctionCounter.builder(name, value, AtomicLong::get).tags(tags).register(registry);
    }
}
