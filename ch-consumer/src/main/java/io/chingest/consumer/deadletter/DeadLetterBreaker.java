package io.chingest.consumer.deadletter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;

/**
 * The dead-letter circuit breaker: told of every record read, whether it was ingested or dead-lettered, it trips when
 * dead letters come faster than its {@link BreakerLimits} allow, which points at a setup mistake (a wrong registry, a
 * topic of another format) rather than bad data. While a partition's dead letters come in a row it holds back commits
 * from the first of them, so that a trip leaves them uncommitted, to be read again once the setup is fixed; a record
 * that is ingested, or the partition reaching its end, releases the hold. Plain logic without I/O. Not thread-safe:
 * owned by the polling thread.
 */
public final class DeadLetterBreaker {
    /** Distinct reasons named in a trip message at most. */
    private static final int REASONS_NAMED = 3;

    private final BreakerLimits limits;
    private final Map<TopicPartition, Run> runs = new HashMap<>();
    /** The last {@code window} records read, true for a dead letter; a ring written at {@link #next}. */
    private final boolean[] recent;

    private int next;
    private int filled;
    private int deadInWindow;
    private final Reasons reasonsSinceStart = new Reasons();
    private boolean tripped;

    public DeadLetterBreaker(BreakerLimits limits) {
        this.limits = limits;
        this.recent = new boolean[limits.maxSharePercent() == 0 ? 1 : limits.window()];
    }

    /** A record of the partition was ingested: its run of dead letters, if any, is over. */
    public void passed(TopicPartition partition) {
        runs.remove(partition);
        remember(false);
    }

    /**
     * A record is to go to the dead-letter topic for {@code reason} (its message without its coordinates).
     *
     * @return the message to stop with when this record trips the breaker (it is then not to be sent); empty otherwise
     */
    public Optional<String> deadLettered(TopicPartition partition, long offset, String reason) {
        Run run = runs.computeIfAbsent(partition, key -> new Run(offset));
        if (run.holdFrom < 0) {
            run.holdFrom = offset;
        }
        run.length++;
        run.last = offset;
        run.reasons.add(reason, partition, offset);
        reasonsSinceStart.add(reason, partition, offset);
        remember(true);
        if (limits.maxRun() > 0 && run.length >= limits.maxRun()) {
            tripped = true;
            return Optional.of(run.length + " records in a row of topic " + partition.topic() + " partition "
                    + partition.partition() + " (offsets " + run.first + " to " + offset
                    + ") failed and would go to the dead-letter topic (--dead-letter-breaker-run " + limits.runText()
                    + "): more likely a setup mistake than bad data; nothing from offset " + run.holdFrom
                    + " on is committed. Reasons: " + run.reasons.describe());
        }
        if (limits.maxSharePercent() > 0
                && filled == recent.length
                && deadInWindow * 100L > (long) limits.maxSharePercent() * filled) {
            tripped = true;
            return Optional.of(deadInWindow + " of the last " + filled + " records read failed and would go to the"
                    + " dead-letter topic, more than --dead-letter-breaker-share " + limits.shareText()
                    + " allows: more"
                    + " likely a setup mistake than bad data; stopped at topic " + partition.topic() + " partition "
                    + partition.partition() + " offset " + offset + ", nothing from offset " + run.holdFrom
                    + " of that partition on is committed. Reasons: " + reasonsSinceStart.describe());
        }
        return Optional.empty();
    }

    /**
     * The first offset of the partition's run of dead letters that commits must not pass, or empty. After a trip the holds
     * stay, so that stopping commits nothing past the records the breaker stopped at.
     */
    public OptionalLong holdFrom(TopicPartition partition) {
        Run run = runs.get(partition);
        return run == null || run.holdFrom < 0 ? OptionalLong.empty() : OptionalLong.of(run.holdFrom);
    }

    /**
     * The partition was read to its end: its run of dead letters cannot grow now, so commits may pass it (unless the
     * breaker tripped). Counting goes on: dead letters that arrive later continue the run.
     */
    public void release(TopicPartition partition) {
        Run run = runs.get(partition);
        if (run != null && !tripped) {
            run.holdFrom = -1;
        }
    }

    /** Drops what is known of a partition this consumer no longer owns. */
    public void forget(TopicPartition partition) {
        if (!tripped) {
            runs.remove(partition);
        }
    }

    public boolean tripped() {
        return tripped;
    }

    private void remember(boolean dead) {
        if (limits.maxSharePercent() == 0) {
            return;
        }
        if (filled == recent.length) {
            if (recent[next]) {
                deadInWindow--;
            }
        } else {
            filled++;
        }
        recent[next] = dead;
        if (dead) {
            deadInWindow++;
        }
        next = (next + 1) % recent.length;
    }

    /** A partition's dead letters in a row. */
    private static final class Run {
        final long first;
        long last;
        long holdFrom;
        int length;
        final Reasons reasons = new Reasons();

        Run(long first) {
            this.first = first;
            this.holdFrom = first;
            this.last = first;
        }
    }

    /** The first few distinct reasons, each with its count and where it was first seen. */
    private static final class Reasons {
        private final Map<String, long[]> counts = new LinkedHashMap<>();
        private final Map<String, String> firstAt = new HashMap<>();
        private long others;

        void add(String reason, TopicPartition partition, long offset) {
            long[] count = counts.get(reason);
            if (count == null) {
                if (counts.size() >= REASONS_NAMED) {
                    others++;
                    return;
                }
                count = new long[1];
                counts.put(reason, count);
                firstAt.put(
                        reason,
                        "topic " + partition.topic() + " partition " + partition.partition() + " offset " + offset);
            }
            count[0]++;
        }

        String describe() {
            List<String> parts = new ArrayList<>();
            counts.forEach((reason, count) -> parts.add(reason + " (" + count[0]
                    + (count[0] == 1 ? " record" : " records") + ", first at " + firstAt.get(reason) + ")"));
            if (others > 0) {
                parts.add(others + " more for other reasons");
            }
            return String.join("; ", parts);
        }
    }
}
