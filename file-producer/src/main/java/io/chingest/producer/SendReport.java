package io.chingest.producer;

import io.chingest.common.config.ExitCodes;
import io.chingest.producer.publish.PublishOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The result of one run: what became of each file, what Kafka acknowledged, how long it took. Immutable.
 *
 * @param files   the files opened, in order
 * @param stopped whether a stop request ended the run before the end of its input
 */
public record SendReport(List<FileOutcome> files, PublishOutcome outcome, Duration elapsed, boolean stopped) {

    public SendReport {
        files = List.copyOf(files);
    }

    /** The report of a run that was not stopped. */
    public SendReport(List<FileOutcome> files, PublishOutcome outcome, Duration elapsed) {
        this(files, outcome, elapsed, false);
    }

    /** 0 when no file failed and Kafka committed every record sent (a stopped run included); 1 otherwise. */
    public int exitCode() {
        return failedFiles() == 0 && outcome.allAcknowledged() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    public long failedFiles() {
        return files.stream().filter(FileOutcome::failed).count();
    }

    public long rowsRead() {
        return files.stream().mapToLong(FileOutcome::rowsRead).sum();
    }

    public long rejected() {
        return files.stream().mapToLong(FileOutcome::rejected).sum();
    }

    /** "file-producer: 2 files, 0 failed, 1000 rows read, 990 published, 10 rejected, 1.234 s, 802 rows/s". */
    public String summary() {
        double seconds = elapsed.toNanos() / 1e9;
        long rate = seconds > 0 ? Math.round(outcome.acknowledged() / seconds) : 0;
        int count = files.size();
        return String.format(
                Locale.ROOT,
                "file-producer: %d file%s, %d failed, %d rows read, %d published, %d rejected,"
                        + " %.3f s, %d rows/s%s",
                count,
                count == 1 ? "" : "s",
                failedFiles(),
                rowsRead(),
                outcome.acknowledged(),
                rejected(),
                seconds,
                rate,
                stopped ? ", stopped on request" : "");
    }
}
