package io.chingest.producer.watch;

import io.chingest.producer.FileOutcome;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
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
    private final Map<String, Integer> claimedFiles = new ConcurrentHashMap<>();
    private volatile MeterRegistry registry;

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
     * The files in {@code processing/} per watcher id, as just listed: {@code ownId} always, any other id since it was
     * first seen holding files (0 once it holds none).
     */
    public void claims(String ownId, Map<String, List<Path>> byWatcher) {
        Set<String> ids = new TreeSet<>(claimedFiles.keySet());
        ids.add(ownId);
        ids.addAll(byWatcher.keySet());
        for (String id : ids) {
            Integer before =
                    claimedFiles.put(id, byWatcher.getOrDefault(id, List.of()).size());
            MeterRegistry metrics = registry;
            if (before == null && metrics != null) {
                // One gauge per id, registered once and never replaced: a scrape always finds it.
                Gauge.builder(
                                "chingest.producer.watch.processing.files",
                                claimedFiles,
                                files -> files.getOrDefault(id, 0))
                        .tag("watcher", id)
                        .description("files in processing/ per watcher id")
                        .register(metrics);
            }
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
        this.registry = registry;
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
