package io.chingest.consumer.buffer;

import io.chingest.consumer.table.InsertColumns;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * The encoded RowBinary rows of one partition's contiguous offset range [firstOffset, lastOffset], all encoded for one
 * column list, to be inserted with one INSERT. Immutable once sealed; {@link #writeTo} may be called again for a retry,
 * until the batch is released and its chunks go back to the pool: writing it after that fails rather than send other rows.
 */
public final class Batch {
    private final TopicPartition partition;
    private final InsertColumns columns;
    private final long firstOffset;
    private final long lastOffset;
    private final int rows;
    private final long bytes;
    private final List<ByteBuffer> chunks;
    private final int lastChunkLength;
    /** Set by the polling thread on release, read by the insert worker that writes the batch. */
    private volatile boolean recycled;

    Batch(
            TopicPartition partition,
            InsertColumns columns,
            long firstOffset,
            long lastOffset,
            int rows,
            long bytes,
            List<ByteBuffer> chunks,
            int lastChunkLength) {
        this.partition = partition;
        this.columns = columns;
        this.firstOffset = firstOffset;
        this.lastOffset = lastOffset;
        this.rows = rows;
        this.bytes = bytes;
        this.chunks = List.copyOf(chunks);
        this.lastChunkLength = lastChunkLength;
    }

    public TopicPartition partition() {
        return partition;
    }

    /** The columns the INSERT lists, as the rows were encoded for them. */
    public InsertColumns columns() {
        return columns;
    }

    public long firstOffset() {
        return firstOffset;
    }

    public long lastOffset() {
        return lastOffset;
    }

    public int rows() {
        return rows;
    }

    public long bytes() {
        return bytes;
    }

    /** Writes the rows, exactly {@link #bytes()} bytes of RowBinary. */
    public void writeTo(OutputStream out) throws IOException {
        if (recycled) {
            throw new IllegalStateException("batch " + this + " was released; its chunks hold other rows now");
        }
        byte[] transfer = null;
        for (int i = 0; i < chunks.size(); i++) {
            ByteBuffer chunk = chunks.get(i);
            int length = i == chunks.size() - 1 ? lastChunkLength : chunk.capacity();
            if (chunk.hasArray()) {
                out.write(chunk.array(), chunk.arrayOffset(), length);
                continue;
            }
            // A stream takes heap arrays only: the direct chunk passes through one array per write of the batch.
            transfer = transfer != null ? transfer : new byte[chunk.capacity()];
            chunk.get(0, transfer, 0, length);
            out.write(transfer, 0, length);
        }
    }

    /** Marks the batch released and returns its chunks, for the pool; called once. */
    List<ByteBuffer> recycle() {
        if (recycled) {
            throw new IllegalStateException("batch " + this + " was released twice");
        }
        recycled = true;
        return chunks;
    }

    @Override
    public String toString() {
        return partition + " offsets " + firstOffset + ".." + lastOffset + " (" + rows + " rows, " + bytes + " bytes)";
    }
}
