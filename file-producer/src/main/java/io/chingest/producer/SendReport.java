package io.chingest.producer;

import io.chingest.producer.publish.PublishOutcome;

import java.time.Duration;
import java.util.Locale;

/**
 * The result of one send run: how far it got, why it stopped early if it did, and what Kafka acknowledged.
 * Immutable.
 *
 * @param files      files opened
 * @param stopReason why the run stopped before the end of the input (a bad row, an unreadable file), else null
 */
public record SendReport(int files, PublishOutcome outcome, String stopReason, Duration elapsed) {

    /** 0 only when the whole input was read and every row was acknowledged by Kafka; 1 otherwise. */
    public int exitCode() {
        return stopReason == null && outcome.allAcknowledged() ? 0 : 1;
    }

    /** "file-producer: 2 files, 1000 rows sent, 1000 rows acknowledged, 0 failed, 1.234 s, 810 rows/s" */
    public String summary() {
        double seconds = elapsed.toNanos() / 1e9;
        long rate = seconds > 0 ? Math.round(outcome.acknowledged() / seconds) : 0;
        return String.format(Locale.ROOT, "file-producer: %d file%s, %d rows sent, %d rows acknowledged, %d failed,"
                        + " %.3f s, %d rows/s", files, files == 1 ? "" : "s", outcome.sent(), outcome.acknowledged(),
                outcome.failed(), seconds, rate);
    }
}
