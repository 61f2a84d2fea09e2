package io.chingest.consumer.deadletter;

import io.chingest.consumer.buffer.Ticker;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs dead letters by reason and interval instead of one line per record: the first letter of a reason in an interval
 * is logged at once with its whole message, the others of that interval are counted and logged in one line when it
 * ends ("dead-lettered 9,812 more records in the last 10 s: unknown schema id 99 (first at ...)"). Not thread-safe:
 * used by the polling thread.
 */
public final class DeadLetterLog {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterLog.class);
    static final long INTERVAL_MILLIS = 10_000;
    /** Distinct reasons counted per interval at most; the rest are summed as "other reasons". */
    private static final int MAX_REASONS = 20;

    private static final String OTHER_REASONS = "other reasons";

    private final Ticker ticker;
    private final String deadLetterTopic;
    private final Map<String, Count> counts = new LinkedHashMap<>();
    private long intervalStartMillis;

    public DeadLetterLog(Ticker ticker, String deadLetterTopic) {
        this.ticker = ticker;
        this.deadLetterTopic = deadLetterTopic;
        this.intervalStartMillis = ticker.millis();
    }

    /**
     * A record's reason without its coordinates, the same for every record that failed alike: its message with
     * "topic T partition P offset O" taken out.
     */
    public static String reasonOf(String message, ConsumerRecord<?, ?> record) {
        String where = "topic " + record.topic() + " partition " + record.partition() + " offset " + record.offset();
        return message.replace(" at " + where, "")
                .replace(" of " + where, "")
                .replace(where, "")
                .strip();
    }

    /** Notes a record sent to the dead-letter topic; logs it when it is the first of its reason in this interval. */
    public void written(ConsumerRecord<?, ?> record, String reason, String message) {
        reportIfDue();
        String key = counts.size() >= MAX_REASONS && !counts.containsKey(reason) ? OTHER_REASONS : reason;
        Count count = counts.get(key);
        if (count == null) {
            counts.put(
                    key,
                    new Count("topic " + record.topic() + " partition " + record.partition() + " offset "
                            + record.offset()));
            LOG.warn("{}; written to dead-letter topic {} and skipped", message, deadLetterTopic);
            return;
        }
        count.more++;
    }

    /** Logs the counts of an interval that is over. */
    public void reportIfDue() {
        if (ticker.millis() - intervalStartMillis >= INTERVAL_MILLIS) {
            report();
        }
    }

    /** Logs the counts of the interval so far and starts a new one (at the end of a run). */
    public void report() {
        long seconds = Math.max(1, Math.round((ticker.millis() - intervalStartMillis) / 1000.0));
        counts.forEach((reason, count) -> {
            if (count.more > 0) {
                LOG.warn(
                        "dead-lettered {} more record{} in the last {} s to {}: {} (first at {})",
                        String.format(Locale.ROOT, "%,d", count.more),
                        count.more == 1 ? "" : "s",
                        seconds,
                        deadLetterTopic,
                        reason,
                        count.firstAt);
            }
        });
        counts.clear();
        intervalStartMillis = ticker.millis();
    }

    /** The letters of one reason in the interval after the first, and where the first was. */
    private static final class Count {
        final String firstAt;
        long more;

        Count(String firstAt) {
            this.firstAt = firstAt;
        }
    }
}
