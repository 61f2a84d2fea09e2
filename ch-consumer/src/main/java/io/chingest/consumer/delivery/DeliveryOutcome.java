package io.chingest.consumer.delivery;

import io.chingest.consumer.buffer.Batch;
import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;

/**
 * What an insert worker reports back to the polling thread. {@code epoch} names the assignment of the partition the
 * work was done for: an outcome for an earlier assignment (the partition was revoked meanwhile) only frees memory.
 * Immutable.
 */
public sealed interface DeliveryOutcome {

    TopicPartition partition();

    long epoch();

    /** The batch's rows are in the table; {@code alreadyInTable} when an earlier attempt had put them there. */
    record Inserted(Batch batch, long epoch, boolean alreadyInTable) implements DeliveryOutcome {
        @Override
        public TopicPartition partition() {
            return batch.partition();
        }
    }

    /** The table may not have the batch's rows; {@code permanent} when trying again cannot help. */
    record InsertFailed(Batch batch, long epoch, String message, boolean permanent) implements DeliveryOutcome {
        @Override
        public TopicPartition partition() {
            return batch.partition();
        }
    }

    /**
     * The partition's state in the table is known: the highest offset it holds at or after the committed offset (empty:
     * none, or the table keeps no offsets).
     */
    record Recovered(TopicPartition partition, long epoch, OptionalLong highestInTable) implements DeliveryOutcome {}

    /** The table could not be asked (ClickHouse unavailable); ask again later. */
    record RecoveryFailed(TopicPartition partition, long epoch, String message) implements DeliveryOutcome {}

    /** The table's offsets must not be used for this topic (they are of an earlier incarnation): stop the run. */
    record RecoveryRefused(TopicPartition partition, long epoch, String message) implements DeliveryOutcome {}
}
