package io.chingest.consumer.poll;

import io.chingest.consumer.buffer.Admission;
import io.chingest.consumer.buffer.PartitionBuffers;
import io.chingest.consumer.buffer.RetryBackoff;
import io.chingest.consumer.buffer.Ticker;
import io.chingest.consumer.commit.OffsetCommitter;
import io.chingest.consumer.encode.RecordDeferredException;
import io.chingest.consumer.encode.RecordRejectedException;
import io.chingest.consumer.encode.RecordRowEncoder;
import io.chingest.consumer.encode.RowBinaryWriter;
import io.chingest.consumer.metrics.ConsumerMetrics;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer's main loop, on one thread: poll, encode each record at once into its partition's buffer, let the
 * buffers flush (insert, then commit) by their bounds, retry failed batches while the affected partitions are paused
 * and polling goes on (so the group membership holds), and on stop flush, commit and leave the group.
 * A partition that cannot take a record now (batch waiting for a retry, budget full, registry or ClickHouse
 * unavailable) is sought back to that record and paused, so nothing is dropped or reordered.
 * Not thread-safe, except {@link #requestStop()}, which any thread may call.
 */
public final class IngestLoop {
    private static final Logger LOG = LoggerFactory.getLogger(IngestLoop.class);
    private static final long MAX_POLL_WAIT_MILLIS = 500;
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final RecordRowEncoder encoder;
    private final PartitionBuffers buffers;
    private final OffsetCommitter committer;
    private final ConsumerMetrics metrics;
    private final Ticker ticker;
    private final RetryBackoff deferBackoff;
    private final boolean stopAtEnd;
    private final Duration shutdownTimeout;
    private final Map<TopicPartition, Long> deferredUntil = new HashMap<>();
    private final Set<TopicPartition> budgetBlocked = new HashSet<>();
    private final Set<TopicPartition> reading = new HashSet<>();
    private int consecutiveDeferrals;
    /**
     * Set when a record of the current poll was deferred: the other partitions' records of that poll are put back
     * without asking the same unavailable service again, so one poll waits for at most one service time-out.
     */
    private boolean deferredInThisPoll;
    private long deferredInThisPollUntil;
    private volatile boolean stopRequested;

    public IngestLoop(Consumer<byte[], byte[]> consumer, String topic, RecordRowEncoder encoder, PartitionBuffers buffers,
            OffsetCommitter committer, ConsumerMetrics metrics, Ticker ticker, RetryBackoff deferBackoff, boolean stopAtEnd,
            Duration shutdownTimeout) {
        this.consumer = consumer;
        this.topic = topic;
        this.encoder = encoder;
        this.buffers = buffers;
        this.committer = committer;
        this.metrics = metrics;
        this.ticker = ticker;
        this.deferBackoff = deferBackoff;
        this.stopAtEnd = stopAtEnd;
        this.shutdownTimeout = shutdownTimeout;
    }

    /** Asks the loop to flush, commit and leave the group; safe from any thread (a shutdown hook). */
    public void requestStop() {
        stopRequested = true;
        consumer.wakeup();
    }

    /**
     * Runs until stopped (or, with stop-at-end, until every assigned partition is read to its end, inserted and
     * committed), then flushes and commits what it holds.
     *
     * @return true when everything read was inserted and committed; false when rows were left for a later run
     * @throws RecordRejectedException after flushing and committing the rows before it, for a record no retry can ingest
     */
    public boolean run() {
        consumer.subscribe(List.of(topic), new PartitionOwnership());
        RecordRejectedException rejected = null;
        try {
            while (!stopRequested) {
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = consumer.poll(Duration.ofMillis(pollWaitMillis()));
                } catch (WakeupException e) {
                    continue;
                }
                deferredInThisPoll = false;
                for (TopicPartition partition : records.partitions()) {
                    intake(partition, records.records(partition));
                }
                buffers.flushExpired();
                // Pause what just got blocked before retrying, so that retries always run with their partition paused.
                updatePauses();
                if (buffers.retryDue() > 0) {
                    budgetBlocked.clear();
                    updatePauses();
                }
                committer.commitOutstanding();
                if (stopAtEnd && records.isEmpty() && finishedAtEnd()) {
                    LOG.info("every assigned partition of {} is read to its end, inserted and committed", topic);
                    break;
                }
            }
        } catch (RecordRejectedException e) {
            rejected = e;
            LOG.error("{}; flushing and committing the rows before it, then stopping", e.getMessage());
        }
        boolean drained = drain();
        if (rejected != null) {
            throw rejected;
        }
        return drained;
    }

    private void intake(TopicPartition partition, List<ConsumerRecord<byte[], byte[]>> records) {
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (deferredUntil.containsKey(partition) || buffers.isBlocked(partition) || budgetBlocked.contains(partition)) {
                consumer.seek(partition, record.offset());
                return;
            }
            if (deferredInThisPoll) {
                deferredUntil.put(partition, deferredInThisPollUntil);
                consumer.seek(partition, record.offset());
                return;
            }
            RowBinaryWriter row;
            try {
                row = encoder.encode(partition.topic(), partition.partition(), record.offset(), record.value());
            } catch (RecordDeferredException e) {
                defer(partition, e);
                consumer.seek(partition, record.offset());
                return;
            }
            consecutiveDeferrals = 0;
            Admission admission = buffers.offer(partition, record.offset(), row.array(), row.size());
            if (admission == Admission.ACCEPTED) {
                metrics.recordEncoded();
                if (reading.add(partition)) {
                    LOG.info("reading {} from offset {}", partition, record.offset());
                }
                continue;
            }
            if (admission == Admission.BUDGET_FULL) {
                budgetBlocked.add(partition);
            }
            consumer.seek(partition, record.offset());
            return;
        }
    }

    private void defer(TopicPartition partition, RecordDeferredException e) {
        metrics.recordDeferred();
        consecutiveDeferrals++;
        long delay = deferBackoff.delayMillis(consecutiveDeferrals);
        deferredInThisPoll = true;
        deferredInThisPollUntil = ticker.millis() + delay;
        deferredUntil.put(partition, deferredInThisPollUntil);
        LOG.warn("{}; reading {} again in {} ms", e.getMessage(), partition, delay);
    }

    /** Pauses exactly the partitions that cannot take records now and resumes the others. */
    private void updatePauses() {
        long now = ticker.millis();
        deferredUntil.values().removeIf(until -> until <= now);
        if (!buffers.hasPending()) {
            budgetBlocked.clear();
        }
        Set<TopicPartition> assigned = consumer.assignment();
        Set<TopicPartition> wanted = new HashSet<>(buffers.blockedPartitions());
        wanted.addAll(deferredUntil.keySet());
        wanted.addAll(budgetBlocked);
        wanted.retainAll(assigned);
        Set<TopicPartition> paused = consumer.paused();
        Set<TopicPartition> toPause = new HashSet<>(wanted);
        toPause.removeAll(paused);
        Set<TopicPartition> toResume = new HashSet<>(paused);
        toResume.removeAll(wanted);
        toResume.retainAll(assigned);
        if (!toPause.isEmpty()) {
            consumer.pause(toPause);
        }
        if (!toResume.isEmpty()) {
            consumer.resume(toResume);
        }
    }

    private long pollWaitMillis() {
        long wait = Math.min(MAX_POLL_WAIT_MILLIS, buffers.millisUntilNextDeadline());
        long now = ticker.millis();
        for (long until : deferredUntil.values()) {
            wait = Math.min(wait, Math.max(0, until - now));
        }
        return Math.max(1, wait);
    }

    /** With stop-at-end: true once all assigned partitions are read to their end offsets, inserted and committed. */
    private boolean finishedAtEnd() {
        try {
            Set<TopicPartition> assigned = consumer.assignment();
            if (assigned.isEmpty() || !deferredUntil.isEmpty() || !budgetBlocked.isEmpty()) {
                return false;
            }
            Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, METADATA_TIMEOUT);
            for (TopicPartition partition : assigned) {
                if (consumer.position(partition, METADATA_TIMEOUT) < ends.getOrDefault(partition, 0L)) {
                    return false;
                }
            }
            buffers.flushAll();
            if (!buffers.isEmpty() || !committer.commitOutstanding()) {
                return false;
            }
            // Offsets of a partition read here can end in records that hold no rows (transaction markers): commit the position.
            for (TopicPartition partition : assigned) {
                long position = consumer.position(partition, METADATA_TIMEOUT);
                if (reading.contains(partition) && position > committer.lastCommitted(partition) && !committer.commit(partition, position)) {
                    return false;
                }
            }
            return true;
        } catch (KafkaException e) {
            LOG.debug("checking the end offsets failed, checking again later: {}", e.toString());
            return false;
        }
    }

    /** Flushes every buffer, retries failed batches until the shutdown timeout, and commits what was inserted. */
    private boolean drain() {
        long deadline = ticker.millis() + shutdownTimeout.toMillis();
        buffers.flushAll();
        while (buffers.hasPending() && ticker.millis() < deadline) {
            consumer.pause(consumer.assignment());
            long wait = Math.min(MAX_POLL_WAIT_MILLIS, Math.min(buffers.millisUntilNextDeadline(), deadline - ticker.millis()));
            try {
                ConsumerRecords<byte[], byte[]> unexpected = consumer.poll(Duration.ofMillis(Math.max(1, wait)));
                // Partitions assigned while draining were not paused yet: leave their records for the next reader.
                for (TopicPartition partition : unexpected.partitions()) {
                    consumer.seek(partition, unexpected.records(partition).get(0).offset());
                }
            } catch (WakeupException e) {
                // A second stop request changes nothing: the timeout bounds the drain.
            }
            buffers.retryDue();
        }
        committer.commitOutstanding();
        if (!buffers.isEmpty()) {
            LOG.error("{} rows could not be inserted within {}; their offsets are not committed and they will be read again",
                    buffers.rows(), shutdownTimeout);
            return false;
        }
        return !committer.hasOutstanding();
    }

    /** Flushes and commits partitions before they move to another member; drops what could not be inserted. */
    private final class PartitionOwnership implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            buffers.flushNow(partitions);
            leave(partitions, "revoked");
            committer.commitOutstanding();
            committer.forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            leave(partitions, "lost");
            committer.forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                LOG.info("assigned {}", partitions);
            }
        }

        private void leave(Collection<TopicPartition> partitions, String how) {
            long dropped = buffers.discard(partitions);
            if (dropped > 0) {
                LOG.warn("partitions {} were {} with {} rows not inserted; they are not committed and will be read again by their"
                        + " next owner", partitions, how, dropped);
            }
            deferredUntil.keySet().removeAll(partitions);
            budgetBlocked.removeAll(partitions);
            reading.removeAll(partitions);
        }
    }
}
