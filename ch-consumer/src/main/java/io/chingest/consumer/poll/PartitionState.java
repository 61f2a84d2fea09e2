package io.chingest.consumer.poll;

import io.chingest.consumer.buffer.Batch;
import org.apache.kafka.common.TopicPartition;

/**
 * Everything the polling thread knows about one assigned partition, in one place. A partition is read (not paused)
 * only in phase {@link Phase#READING}, and not while it is being revoked or, with stop-at-end, once it reached its end.
 * At most one of its batches is in flight at a time, so its rows reach the table in offset order. Not thread-safe:
 * owned by the polling thread.
 */
final class PartitionState {

    /** Why a partition is, or is not, taking records. */
    enum Phase {
        /** Just assigned: waiting to learn from the table where its rows end. */
        RECOVERING,
        /** Taking records. */
        READING,
        /**
         * The memory budget is full, or a row for a new column list found enough of the partition's batches waiting;
         * reading resumes when an insert frees room and the partition's batches are taken.
         */
        WAITING_FOR_BUDGET,
        /** The registry or ClickHouse was unavailable while encoding; reading resumes at {@link #nextAttemptMillis}. */
        DEFERRED,
        /** A batch failed to insert; it is tried again at {@link #nextAttemptMillis}, and nothing more is read until it succeeds. */
        RETRYING
    }

    final TopicPartition partition;
    /** Distinguishes this assignment from earlier ones of the same partition, whose late results must be ignored. */
    final long epoch;
    /** The committed offset when the partition was assigned (0 when none): the table is asked from there on. */
    final long committedAtAssignment;

    Phase phase = Phase.RECOVERING;
    /** The batch an insert worker holds now, or null. */
    Batch inFlight;
    /** A batch whose insert failed and waits for its retry, or null. */
    Batch failed;
    /** Failed attempts in a row, of the retrying batch or of the recovery. */
    int failures;
    /** Permanent failures of the retrying batch: the first one earns one more try after the table is read again. */
    int permanentFailures;

    long nextAttemptMillis;
    boolean recoveryInFlight;
    boolean revoking;
    boolean readingLogged;
    /** With stop-at-end: every record up to the end offset seen at start-up has been read. */
    boolean atEnd;

    PartitionState(TopicPartition partition, long epoch, long committedAtAssignment) {
        this.partition = partition;
        this.epoch = epoch;
        this.committedAtAssignment = committedAtAssignment;
    }

    boolean takesRecords() {
        return phase == Phase.READING && !revoking && !atEnd;
    }

    /** True while rows of this partition are taken for an insert that has not succeeded. */
    boolean hasBatchOut() {
        return inFlight != null || failed != null;
    }

    /** True when a new batch of this partition may be sent: none is out, and it is not recovering or retrying. */
    boolean mayDispatch() {
        return !hasBatchOut() && phase != Phase.RECOVERING && phase != Phase.RETRYING;
    }
}
