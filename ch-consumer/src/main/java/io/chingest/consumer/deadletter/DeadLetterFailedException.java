package io.chingest.consumer.deadletter;

import org.apache.kafka.common.TopicPartition;

/**
 * A dead letter Kafka did not acknowledge, of the record at {@link #partition()} and {@link #offset()}: nothing past it
 * is committed, and it is sent again. Immutable.
 */
public final class DeadLetterFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient TopicPartition partition;
    private final long offset;

    public DeadLetterFailedException(String message, TopicPartition partition, long offset, Throwable cause) {
        super(message, cause);
        this.partition = partition;
        this.offset = offset;
    }

    /** The partition of the original record. */
    public TopicPartition partition() {
        return partition;
    }

    /** The offset of the original record. */
    public long offset() {
        return offset;
    }
}
