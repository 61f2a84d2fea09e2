package io.chingest.consumer.buffer;

import io.chingest.consumer.table.InsertColumns;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Accumulates encoded rows, one buffer per partition, and seals them into batches ready to insert; it never inserts.
 * A buffer is sealed when it reaches the row or byte limit of a batch, when its oldest row has waited the longest
 * allowed, when the shared budget is short (the largest buffer first), or when a row comes for another column list
 * than the buffer's (a batch is one INSERT, and an INSERT has one column list). While a partition already has
 * {@link #MAX_SEALED_FOR_NEW_COLUMNS} sealed batches waiting, a row for another column list is refused
 * ({@link Admission#PARTITION_BACKLOG}), so that records whose column lists alternate cannot pile up small batches. The budget counts every byte from the moment
 * a row is offered until its batch is {@link #release released}: open buffers, sealed batches, and batches taken for
 * an insert that is in flight or waiting for a retry. A row that would pass the budget is refused, and read again once
 * inserts have freed room. Not thread-safe: owned by the polling thread.
 */
public final class PartitionBuffers {
    private static final int MAX_CHUNK_BYTES = 64 * 1024;
    /** Sealed batches a partition may have waiting before a change of column list waits for one of them to be taken. */
    public static final int MAX_SEALED_FOR_NEW_COLUMNS = 4;

    private final BufferLimits limits;
    private final Ticker ticker;
    private final ChunkPool pool;
    private final Map<TopicPartition, PartitionBuffer> open = new LinkedHashMap<>();
    private final Map<TopicPartition, Deque<Batch>> sealed = new HashMap<>();
    private long totalBytes;
    private long takenBytes;

    public PartitionBuffers(BufferLimits limits, Ticker ticker) {
        this.limits = limits;
        this.ticker = ticker;
        this.pool = new ChunkPool(Math.min(MAX_CHUNK_BYTES, limits.maxBatchBytes()), limits.maxTotalBytes());
    }

    /**
     * Buffers one encoded row of the partition, sealing whatever the bounds require.
     *
     * @param row bytes [0, length) are the row; they are copied
     * @param columns the columns the row is encoded for
     * @return {@link Admission#BUDGET_FULL} when the row does not fit the budget now, {@link Admission#PARTITION_BACKLOG}
     *     when it is for another column list than the open buffer's and the partition has too many batches waiting
     *     (nothing was buffered either way)
     * @throws IllegalArgumentException when the row alone is larger than a batch may be
     */
    public Admission offer(TopicPartition partition, long offset, byte[] row, int length, InsertColumns columns) {
        if (length > limits.maxBatchBytes()) {
            throw new IllegalArgumentException(
                    "a row of " + length + " bytes is larger than a batch may be (" + limits.maxBatchBytes() + ")");
        }
        PartitionBuffer buffer = open.get(partition);
        // Rows of one writer schema share one InsertColumns: the identity test spares a list comparison per row.
        if (buffer != null && columns != buffer.columns() && !columns.equals(buffer.columns())) {
            if (isBacklogged(partition)) {
                return Admission.PARTITION_BACKLOG;
            }
            seal(partition);
            buffer = null;
        }
        if (buffer != null && buffer.bytes() + length > limits.maxBatchBytes()) {
            seal(partition);
        }
        if (totalBytes + length > limits.maxTotalBytes()) {
            // Sealed batches get inserted and free their bytes; an open buffer would only wait for its time limit.
            sealLargest();
            return Admission.BUDGET_FULL;
        }
        buffer = open.computeIfAbsent(partition, p -> new PartitionBuffer(p, columns, pool));
        buffer.append(offset, row, length, ticker.millis());
        totalBytes += length;
        if (buffer.rows() >= limits.maxBatchRows() || buffer.bytes() >= limits.maxBatchBytes()) {
            seal(partition);
        }
        return Admission.ACCEPTED;
    }

    /** Seals every buffer whose oldest row has waited the longest allowed. */
    public void sealExpired() {
        long now = ticker.millis();
        long maxWait = limits.maxBatchWait().toMillis();
        for (PartitionBuffer buffer : List.copyOf(open.values())) {
            if (now - buffer.firstAppendMillis() >= maxWait) {
                seal(buffer.partition());
            }
        }
    }

    /** Seals every open buffer now. */
    public void sealAll() {
        for (TopicPartition partition : List.copyOf(open.keySet())) {
            seal(partition);
        }
    }

    /** Seals the open buffers of these partitions now. */
    public void seal(Collection<TopicPartition> partitions) {
        partitions.forEach(this::seal);
    }

    /** True when the partition has as many sealed batches waiting as a change of column list may leave behind. */
    public boolean isBacklogged(TopicPartition partition) {
        return readyBatches(partition) >= MAX_SEALED_FOR_NEW_COLUMNS;
    }

    /** Sealed batches of the partition waiting to be taken. */
    public int readyBatches(TopicPartition partition) {
        Deque<Batch> queue = sealed.get(partition);
        return queue == null ? 0 : queue.size();
    }

    /** True when the partition has a sealed batch waiting to be taken. */
    public boolean hasReady(TopicPartition partition) {
        Deque<Batch> queue = sealed.get(partition);
        return queue != null && !queue.isEmpty();
    }

    /**
     * Takes the partition's oldest sealed batch for an insert; its bytes stay counted until {@link #release}.
     *
     * @return null when none is sealed
     */
    public Batch take(TopicPartition partition) {
        Deque<Batch> queue = sealed.get(partition);
        if (queue == null || queue.isEmpty()) {
            return null;
        }
        Batch batch = queue.removeFirst();
        if (queue.isEmpty()) {
            sealed.remove(partition);
        }
        takenBytes += batch.bytes();
        return batch;
    }

    /** Returns the bytes of a taken batch to the budget: it was inserted, or will never be. */
    public void release(Batch batch) {
        takenBytes -= batch.bytes();
        totalBytes -= batch.bytes();
        pool.recycle(batch.recycle());
    }

    /** Forgets the open and sealed rows of these partitions (taken batches stay counted until released); returns the rows dropped. */
    public long discard(Collection<TopicPartition> partitions) {
        long rows = 0;
        for (TopicPartition partition : partitions) {
            PartitionBuffer buffer = open.remove(partition);
            if (buffer != null) {
                rows += buffer.rows();
                totalBytes -= buffer.bytes();
                buffer.discard();
            }
            Deque<Batch> queue = sealed.remove(partition);
            if (queue != null) {
                for (Batch batch : queue) {
                    rows += batch.rows();
                    totalBytes -= batch.bytes();
                    pool.recycle(batch.recycle());
                }
            }
        }
        return rows;
    }

    /** True when the partition has no rows open or sealed (a taken batch is the caller's to track). */
    public boolean isIdle(TopicPartition partition) {
        return !open.containsKey(partition) && !hasReady(partition);
    }

    /** True when nothing is open, sealed or taken and unreleased. */
    public boolean isEmpty() {
        return totalBytes == 0 && open.isEmpty() && sealed.isEmpty();
    }

    /** Bytes counted against the budget: never above it. */
    public long totalBytes() {
        return totalBytes;
    }

    /** Bytes of taken, unreleased batches (in flight or waiting for a retry). */
    public long takenBytes() {
        return takenBytes;
    }

    /** True when a row of the largest size a batch may hold would fit the budget now. */
    public boolean hasRoomForABatch() {
        return totalBytes + limits.maxBatchBytes() <= limits.maxTotalBytes();
    }

    /** Rows open or sealed, across partitions. */
    public long rows() {
        long rows = 0;
        for (PartitionBuffer buffer : open.values()) {
            rows += buffer.rows();
        }
        for (Deque<Batch> queue : sealed.values()) {
            for (Batch batch : queue) {
                rows += batch.rows();
            }
        }
        return rows;
    }

    /** Rows in the partition's open buffer. */
    public int openRows(TopicPartition partition) {
        PartitionBuffer buffer = open.get(partition);
        return buffer == null ? 0 : buffer.rows();
    }

    /** Row chunks allocated so far; with the pool this stops growing once the budget has been in use. */
    long allocatedChunks() {
        return pool.allocatedChunks();
    }

    /** Bytes of free chunks kept for reuse: at most the budget. */
    long pooledBytes() {
        return (long) pool.freeChunks() * pool.chunkSize();
    }

    /** Bytes allocated for row chunks of the open buffers: at most their rows plus one chunk each. */
    public long allocatedBytes() {
        long allocated = 0;
        for (PartitionBuffer buffer : open.values()) {
            allocated += buffer.allocatedBytes();
        }
        return allocated;
    }

    /** Milliseconds until the next open buffer reaches its time limit; {@link Long#MAX_VALUE} when none is open. */
    public long millisUntilNextExpiry() {
        long next = Long.MAX_VALUE;
        long maxWait = limits.maxBatchWait().toMillis();
        for (PartitionBuffer buffer : open.values()) {
            next = Math.min(next, buffer.firstAppendMillis() + maxWait);
        }
        return next == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, next - ticker.millis());
    }

    private void seal(TopicPartition partition) {
        PartitionBuffer buffer = open.remove(partition);
        if (buffer == null || buffer.isEmpty()) {
            return;
        }
        sealed.computeIfAbsent(partition, p -> new ArrayDeque<>()).addLast(buffer.seal());
    }

    private void sealLargest() {
        PartitionBuffer largest = null;
        for (PartitionBuffer buffer : open.values()) {
            if (largest == null || buffer.bytes() > largest.bytes()) {
                largest = buffer;
            }
        }
        if (largest != null) {
            seal(largest.partition());
        }
    }
}
