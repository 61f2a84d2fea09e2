package io.chingest.consumer.buffer;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Row chunks of one size, handed out to partition buffers and taken back when their batch is released, as Kafka's
 * producer recycles its {@code BufferPool} pages. A batch lives for seconds, long enough that a fresh chunk per 64 KiB of
 * rows would be copied by the garbage collector into the old generation and later collected there; a pooled chunk is
 * allocated once. Chunks are direct buffers, outside the Java heap: the budget's bytes are then never marked, copied or
 * compacted by the collector, whose work stays that of the short-lived objects, and a heap of 64 MiB holds a budget of
 * 24 MiB without a full collection every few batches. The pool keeps at most {@code maxPooledBytes} of free chunks (the
 * buffer budget: never more than was in use at once). Not thread-safe: owned by the polling thread, like
 * {@link PartitionBuffers}.
 */
final class ChunkPool {
    private final int chunkSize;
    private final int maxPooledChunks;
    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();
    private long allocated;

    ChunkPool(int chunkSize, long maxPooledBytes) {
        this.chunkSize = chunkSize;
        this.maxPooledChunks = (int) Math.min(Integer.MAX_VALUE, maxPooledBytes / chunkSize);
    }

    int chunkSize() {
        return chunkSize;
    }

    /** A chunk whose former contents are to be overwritten. */
    ByteBuffer take() {
        ByteBuffer chunk = free.pollLast();
        if (chunk == null) {
            allocated++;
            return ByteBuffer.allocateDirect(chunkSize);
        }
        return chunk;
    }

    /** Takes back chunks nobody reads any more; chunks of another length (a sealed batch's trimmed last one) are left to the GC. */
    void recycle(List<ByteBuffer> chunks) {
        for (ByteBuffer chunk : chunks) {
            if (free.size() >= maxPooledChunks) {
                return;
            }
            if (chunk.isDirect() && chunk.capacity() == chunkSize) {
                free.addLast(chunk);
            }
        }
    }

    /** Chunks allocated since the pool was made: how often the pool had none to give. */
    long allocatedChunks() {
        return allocated;
    }

    int freeChunks() {
        return free.size();
    }
}
