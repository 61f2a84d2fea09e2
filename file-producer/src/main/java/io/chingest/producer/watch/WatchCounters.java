package io.chingest.producer.watch;

import io.chingest.producer.FileOutcome;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a watcher has done since it started, in plain counters that metrics observe: files done and failed, files taken
 * over from dead watchers and lost to others, rows read, published and rejected, bytes of the files taken; and the
 * files in {@code processing/} per watcher id as last seen. Updated by the watcher's thread, read by any; thread-safe.
 */
public final class WatchCounters {

    private final AtomicLong filesDone = new AtomicLong();
    private final AtomicLong filesFailed = new AtomicLong();
    private final AtomicLong rowsRead = new AtomicLong();
    private final AtomicLong rowsPublished = new AtomicLong();
    private final AtomicLong rowsRejected = new AtomicLong();
    private final AtomicLong bytesRead = new AtomicLong();
    private final AtomicLong filesTakenOver = new AtomicLong();
    private final AtomicLong filesLost = new AtomicLong();
    private volatile MultiGauge claimedFiles;

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

    /** A file of a dead watcher was taken over. */
    public void tookOver() {
        filesTakenOver.incrementAndGet();
    }

    /** A file this watcher held was taken over by another while this one was frozen; it was left to them. */
    public void lost() {
        filesLost.incrementAndGet();
    }

    /**
     * The files in {@code processing/} per watcher id, as just listed: {@code ownId} always (0 when it holds none),
     * other ids while they hold files.
     */
    public void claims(String ownId, Map<String, List<Path>> byWatcher) {
        MultiGauge gauge = claimedFiles;
        if (gauge != null) {
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            rows.add(MultiGauge.Row.of(
                    Tags.of("watcher", ownId),
                    byWatcher.getOrDefault(ownId, List.of()).size()));
            byWatcher.forEach((id, files) -> {
                if (!id.equals(ownId)) {
                    rows.add(MultiGauge.Row.of(Tags.of("watcher", id), files.size()));
                }
            });
            gauge.register(rows, true);
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
        counter(registry, "chingest.producer.watch.files.taken.over", filesTakenOver);
        counter(registry, "chingest.producer.watch.files.lost", filesLost);
        claimedFiles = MultiGauge.builder("chingest.producer.watch.processing.files")
                .description("files in processing/ per watcher id")
                .register(registry);
    }

    /** "3 files done, 0 failed, 1 taken over, 0 lost to other watchers, 1200 rows read, 1190 published, 10 rejected". */
    public String summary() {
        return filesDone.get() + " files done, " + filesFailed.get() + " failed, " + filesTakenOver.get()
                + " taken over, " + filesLost.get() + " lost to other watchers, " + rowsRead.get() + " rows read, "
                + rowsPublished.get() + " published, " + rowsRejected.get() + " rejected";
    }

    private static void counter(MeterRegistry registry, String name, AtomicLong value, String... tags) {
        FunctionCounter.builder(name, value, AtomicLong::get).tags(tags).register(registry);
    }
}
