package io.chingest.consumer.buffer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * One buffer of encoded rows per partition, with hard bounds: a buffer is sealed into a batch when it reaches the row
 * limit or the byte limit, or when its oldest row has waited the longest allowed; the bytes of all buffers together,
 * batches waiting for a retry included, never pass the shared budget (the largest buffers are flushed first, and when
 * only retrying batches hold the budget the row is refused). A batch whose insert failed stays as its partition's
 * pending batch, the partition takes no rows until a retry succeeds, and retries follow the backoff.
 * Not thread-safe: owned by the polling thread.
 */
public final class PartitionBuffers {
    private static final int MAX_CHUNK_BYTES = 64 * 1024;

    private final BufferLimits limits;
    private final BatchSink sink;
    private final RetryBackoff backoff;
    private final Ticker ticker;
    private final int chunkSize;
    private final Map<TopicPartition, PartitionBuffer> open = new LinkedHashMap<>();
    private final Map<TopicPartition, PendingBatch> pending = new LinkedHashMap<>();
    private long totalBytes;

    public PartitionBuffers(BufferLimits limits, BatchSink sink, RetryBackoff backoff, Ticker ticker) {
        this.limits = limits;
        this.sink = sink;
        this.backoff = backoff;
        this.ticker = ticker;
        this.chunkSize = Math.min(MAX_CHUNK_BYTES, limits.maxBatchBytes());
    }

    /**
     * Buffers one encoded row of the partition, flushing first whatever the bounds require.
     *
     * @param row bytes [0, length) are the row; they are copied
     * @throws IllegalArgumentException when the row alone is larger than a batch may be
     */
    public Admission offer(TopicPartition partition, long offset, byte[] row, int length) {
        if (length > limits.maxBatchBytes()) {
            throw new IllegalArgumentException("a row of " + length + " bytes is larger than a batch may be (" + limits.maxBatchBytes() + ")");
        }
        if (pending.containsKey(partition)) {
            return Admission.PARTITION_BLOCKED;
        }
        PartitionBuffer buffer = open.get(partition);
        if (buffer != null && buffer.bytes() + length > limits.maxBatchBytes() && !flushOpen(partition)) {
            return Admission.PARTITION_BLOCKED;
        }
        while (totalBytes + length > limits.maxTotalBytes()) {
            TopicPartition largest = largestOpenBuffer();
            if (largest == null) {
                return Admission.BUDGET_FULL;
            }
            if (!flushOpen(largest) && largest.equals(partition)) {
                return Admission.PARTITION_BLOCKED;
            }
        }
        buffer = open.computeIfAbsent(partition, p -> new PartitionBuffer(p, chunkSize));
        buffer.append(offset, row, length, ticker.millis());
        totalBytes += length;
        if (buffer.rows() >= limits.maxBatchRows() || buffer.bytes() >= limits.maxBatchBytes()) {
            flushOpen(partition);
        }
        return Admission.ACCEPTED;
    }

    /** Flushes every buffer whose oldest row has waited the longest allowed. */
    public void flushExpired() {
        long now = ticker.millis();
        long maxWait = limits.maxBatchWait().toMillis();
        for (PartitionBuffer buffer : List.copyOf(open.values())) {
            if (now - buffer.firstAppendMillis() >= maxWait) {
                flushOpen(buffer.partition());
            }
        }
    }

    /** Tries again every pending batch whose backoff has passed; returns how many of them succeeded. */
    public int retryDue() {
        long now = ticker.millis();
        int succeeded = 0;
        for (PendingBatch waiting : List.copyOf(pending.values())) {
            if (waiting.nextAttemptMillis <= now && retry(waiting)) {
                succeeded++;
            }
        }
        return succeeded;
    }

    /** Flushes every open buffer now (pending batches keep their own schedule). */
    public void flushAll() {
        for (TopicPartition partition : List.copyOf(open.keySet())) {
            flushOpen(partition);
        }
    }

    /** For partitions being handed to another consumer: flushes their open buffers and tries their pending batches once now. */
    public void flushNow(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            PendingBatch waiting = pending.get(partition);
            if (waiting != null) {
                retry(waiting);
            } else if (open.containsKey(partition)) {
                flushOpen(partition);
            }
        }
    }

    /** Forgets the rows of these partitions, uninserted and so uncommitted; returns how many rows were dropped. */
    public long discard(Collection<TopicPartition> partitions) {
        long rows = 0;
        for (TopicPartition partition : partitions) {
            PartitionBuffer buffer = open.remove(partition);
            if (buffer != null) {
                rows += buffer.rows();
                totalBytes -= buffer.bytes();
            }
            PendingBatch waiting = pending.remove(partition);
            if (waiting != null) {
                rows += waiting.batch.rows();
                totalBytes -= waiting.batch.bytes();
            }
        }
        return rows;
    }

    /** Partitions that must take no rows until their pending batch is inserted. */
    public Set<TopicPartition> blockedPartitions() {
        return Set.copyOf(pending.keySet());
    }

    /** True when the partition has a batch waiting for a retry and takes no rows. */
    public boolean isBlocked(TopicPartition partition) {
        return pending.containsKey(partition);
    }

    public boolean hasPending() {
        return !pending.isEmpty();
    }

    /** True when no rows are buffered or pending. */
    public boolean isEmpty() {
        return open.isEmpty() && pending.isEmpty();
    }

    /** True when the partition has no rows buffered or pending. */
    public boolean isIdle(TopicPartition partition) {
        return !open.containsKey(partition) && !pending.containsKey(partition);
    }

    /** Bytes of all buffered and pending rows: never above the budget. */
    public long totalBytes() {
        return totalBytes;
    }

    /** Rows buffered or pending, across partitions. */
    public long rows() {
        long rows = 0;
        for (PartitionBuffer buffer : open.values()) {
            rows += buffer.rows();
        }
        for (PendingBatch waiting : pending.values()) {
            rows += waiting.batch.rows();
        }
        return rows;
    }

    /** Rows in the partition's open buffer. */
    public int bufferedRows(TopicPartition partition) {
        PartitionBuffer buffer = open.get(partition);
        return buffer == null ? 0 : buffer.rows();
    }

    /** Bytes in the partition's open buffer. */
    public long bufferedBytes(TopicPartition partition) {
        PartitionBuffer buffer = open.get(partition);
        return buffer == null ? 0 : buffer.bytes();
    }

    /** Bytes allocated for row chunks of the open buffers (pending batches hold exactly their rows plus one chunk each). */
    public long allocatedBytes() {
        long allocated = 0;
        for (PartitionBuffer buffer : open.values()) {
            allocated += buffer.allocatedBytes();
        }
        return allocated;
    }

    /** Milliseconds until the next buffer expires or the next retry is due; {@link Long#MAX_VALUE} when none. */
    public long millisUntilNextDeadline() {
        long next = Long.MAX_VALUE;
        long maxWait = limits.maxBatchWait().toMillis();
        for (PartitionBuffer buffer : open.values()) {
            next = Math.min(next, buffer.firstAppendMillis() + maxWait);
        }
        for (PendingBatch waiting : pending.values()) {
            next = Math.min(next, waiting.nextAttemptMillis);
        }
        return next == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, next - ticker.millis());
    }

    private TopicPartition largestOpenBuffer() {
        PartitionBuffer largest = null;
        for (PartitionBuffer buffer : open.values()) {
            if (largest == null || buffer.bytes() > largest.bytes()) {
                largest = buffer;
            }
        }
        return largest == null ? null : largest.partition();
    }

    /** Seals and writes the partition's open buffer; on failure it becomes the partition's pending batch. */
    private boolean flushOpen(TopicPartition partition) {
        PartitionBuffer buffer = open.remove(partition);
        if (buffer == null || buffer.isEmpty()) {
            return true;
        }
        Batch batch = buffer.seal();
        if (sink.write(batch)) {
            totalBytes -= batch.bytes();
            return true;
        }
        pending.put(partition, new PendingBatch(batch, 1, ticker.millis() + backoff.delayMillis(1)));
        return false;
    }

    private boolean retry(PendingBatch waiting) {
        TopicPartition partition = waiting.batch.partition();
        if (sink.write(waiting.batch)) {
            pending.remove(partition);
            totalBytes -= waiting.batch.bytes();
            return true;
        }
        int failures = waiting.failedAttempts + 1;
        pending.put(partition, new PendingBatch(waiting.batch, failures, ticker.millis() + backoff.delayMillis(failures)));
        return false;
    }

    /** A batch whose insert failed, with the time of its next attempt. */
    private record PendingBatch(Batch batch, int failedAttempts, long nextAttemptMillis) {
    }

    /** The batches waiting for a retry, for tests. */
    List<Batch> pendingBatches() {
        List<Batch> batches = new ArrayList<>();
        pending.values().forEach(waiting -> batches.add(waiting.batch));
        return batches;
    }
}
