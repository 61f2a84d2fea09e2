package io.chingest.consumer.buffer;

/** What {@link PartitionBuffers#offer} did with a row. */
public enum Admission {
    /** The row is buffered (and maybe already inserted). */
    ACCEPTED,
    /** The partition has a batch waiting for a retry; read the row again once the partition is free. */
    PARTITION_BLOCKED,
    /** The shared byte budget is taken by batches waiting for a retry; read the row again once one succeeded. */
    BUDGET_FULL
}
