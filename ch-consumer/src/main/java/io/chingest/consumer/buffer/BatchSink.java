package io.chingest.consumer.buffer;

/**
 * Where sealed batches go: inserts the batch and commits its offsets. Called on the thread that owns the
 * {@link PartitionBuffers}; implementations need not be thread-safe.
 */
@FunctionalInterface
public interface BatchSink {

    /**
     * @return true when the batch was inserted (its rows are safe and its offset may be committed); false when the insert
     *     failed and the same batch must be tried again later
     */
    boolean write(Batch batch);
}
