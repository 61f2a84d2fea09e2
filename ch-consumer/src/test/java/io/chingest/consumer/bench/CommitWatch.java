package io.chingest.consumer.bench;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Watches a group's committed offsets through the Admin API, one look per call of {@link #look()}: the sum of the
 * committed offsets and the times it first and last changed. A change is dated midway between the look before it was
 * seen and the answer that shows it, so each date is within half a look's interval. Not thread-safe: one watcher
 * thread.
 */
final class CommitWatch {
    private final Admin admin;
    private final String group;
    private long committed;
    private int changes;
    private long firstNanos;
    private long firstCommitted;
    private long lastNanos;
    private long previousLookNanos = System.nanoTime();

    CommitWatch(Admin admin, String group) {
        this.admin = admin;
        this.group = group;
    }

    /** Reads the group's offsets once; the change it sees is dated no later than {@code notAfterNanos}. */
    void look(long notAfterNanos) throws InterruptedException {
        long asked = System.nanoTime();
        Map<TopicPartition, OffsetAndMetadata> offsets;
        try {
            offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            previousLookNanos = asked;
            return;
        }
        long answered = System.nanoTime();
        long sum = 0;
        for (OffsetAndMetadata offset : offsets.values()) {
            if (offset != null) {
                sum += offset.offset();
            }
        }
        if (sum != committed) {
            long at = Math.min(previousLookNanos + (answered - previousLookNanos) / 2, notAfterNanos);
            if (changes == 0) {
                firstNanos = at;
                firstCommitted = sum;
            }
            lastNanos = at;
            committed = sum;
            changes++;
        }
        previousLookNanos = asked;
    }

    long committed() {
        return committed;
    }

    /** How many looks saw the sum change (commits closer together than a look count once). */
    int changes() {
        return changes;
    }

    long firstChangeNanos() {
        return firstNanos;
    }

    /** Rows committed between the first and the last change seen. */
    long rowsBetweenFirstAndLast() {
        return committed - firstCommitted;
    }

    Duration firstToLast() {
        return Duration.ofNanos(lastNanos - firstNanos);
    }
}
