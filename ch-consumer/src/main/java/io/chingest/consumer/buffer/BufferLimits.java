package io.chingest.consumer.buffer;

import java.time.Duration;

/**
 * The bounds of the partition buffers: rows and bytes per batch, how long the oldest row may wait, and the byte
 * budget shared by all buffers (rows waiting for a retry included). Immutable.
 */
public record BufferLimits(int maxBatchRows, int maxBatchBytes, Duration maxBatchWait, long maxTotalBytes) {

    public BufferLimits {
        if (maxBatchRows < 1) {
            throw new IllegalArgumentException("maxBatchRows must be at least 1, was " + maxBatchRows);
        }
        if (maxBatchBytes < 1) {
            throw new IllegalArgumentException("maxBatchBytes must be at least 1, was " + maxBatchBytes);
        }
        if (maxBatchWait.isNegative() || maxBatchWait.isZero()) {
            throw new IllegalArgumentException("maxBatchWait must be positive, was " + maxBatchWait);
        }
        if (maxTotalBytes < maxBatchBytes) {
            throw new IllegalArgumentException(
                    "maxTotalBytes (" + maxTotalBytes + ") must be at least maxBatchBytes (" + maxBatchBytes + ")");
        }
    }
}
