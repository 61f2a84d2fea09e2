package io.chingest.consumer.buffer;

import io.chingest.consumer.table.InsertColumns;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * The encoded rows of one partition, all for one column list, waiting for their insert, kept in fixed-size chunks so
 * that the memory held is the row bytes plus at most one partly filled chunk (trimmed to its rows when sealed). Counts rows and bytes exactly; the bounds are enforced by
 * {@link PartitionBuffers}. Not thread-safe.
 */
final class PartitionBuffer {
    private final TopicPartition partition;
    private final ChunkPool pool;
    private final InsertColumns columns;
    private final int chunkSize;
    private List<ByteBuffer> chunks = new ArrayList<>();
    private int lastChunkLength;
    private int rows;
    private long bytes;
    private long firstOffset = -1;
    private long lastOffset = -1;
    private long firstAppendMillis;

    PartitionBuffer(TopicPartition partition, InsertColumns columns, ChunkPool pool) {
        this.partition = partition;
        this.columns = columns;
        this.pool = pool;
        this.chunkSize = pool.chunkSize();
    }

    void append(long offset, byte[] row, int length, long nowMillis) {
        if (rows > 0 && offset <= lastOffset) {
            throw new IllegalStateException(
                    partition + ": offset " + offset + " does not follow the buffered offset " + lastOffset);
        }
        if (rows == 0) {
            firstOffset = offset;
            firstAppendMillis = nowMillis;
        }
        int copied = 0;
        while (copied < length) {
            if (chunks.isEmpty() || lastChunkLength == chunkSize) {
                chunks.add(pool.take());
                lastChunkLength = 0;
            }
            int n = Math.min(length - copied, chunkSize - lastChunkLength);
            chunks.get(chunks.size() - 1).put(lastChunkLength, row, copied, n);
            lastChunkLength += n;
            copied += n;
        }
        rows++;
        bytes += length;
        lastOffset = offset;
    }

    /** Gives the chunks back to the pool: the rows were dropped, nothing reads them. */
    void discard() {
        pool.recycle(chunks);
        chunks = new ArrayList<>();
        lastChunkLength = 0;
        rows = 0;
        bytes = 0;
    }

    /** Hands the rows over as a batch and starts empty again. */
    Batch seal() {
        if (!chunks.isEmpty() && lastChunkLength < chunkSize) {
            // Small batches (a column list that changes every few rows) must not each keep a whole chunk alive.
            // The full chunk goes back to the pool at once; the trimmed copy, on the heap, is the batch's own.
            ByteBuffer partlyFilled = chunks.get(chunks.size() - 1);
            byte[] trimmed = new byte[lastChunkLength];
            partlyFilled.get(0, trimmed);
            chunks.set(chunks.size() - 1, ByteBuffer.wrap(trimmed));
            pool.recycle(List.of(partlyFilled));
        }
        Batch batch = new Batch(partition, columns, firstOffset, lastOffset, rows, bytes, chunks, lastChunkLength);
        chunks = new ArrayList<>();
        lastChunkLength = 0;
        rows = 0;
        bytes = 0;
        firstOffset = -1;
        lastOffset = -1;
        return batch;
    }

    InsertColumns columns() {
        return columns;
    }

    TopicPartition partition() {
        return partition;
    }

    boolean isEmpty() {
        return rows == 0;
    }

    int rows() {
        return rows;
    }

    long bytes() {
        return bytes;
    }

    long firstAppendMillis() {
        return firstAppendMillis;
    }

    /** Bytes allocated for chunks, at most {@link #bytes()} plus one chunk. */
    long allocatedBytes() {
        return (long) chunks.size() * chunkSize;
    }
}
