package io.chingest.consumer.buffer;

/** What {@link PartitionBuffers#offer} did with a row. */
public enum Admission {
    /** The row is buffered. */
    ACCEPTED,
    /** The shared byte budget is taken (by buffered rows and by batches being inserted); read the row again once an insert freed room. */
    BUDGET_FULL,
    /**
     * The row is for another column list than the partition's open buffer, and the partition has as many sealed batches
     * waiting as it may; read the row again once one of them was taken for its insert.
     */
    PARTITION_BACKLOG
}
