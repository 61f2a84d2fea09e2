package io.chingest.consumer.commit;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits, with commitSync, the next offset to read of partitions whose rows are inserted, at most once per call of
 * {@link #commitOutstanding} (the polling thread calls it once per loop pass). A commit that fails for a
 * reason that may pass (timeout, rebalance in progress, wake-up) stays outstanding and is sent again with the next one;
 * a commit the group refuses (the partition now belongs to another member) is dropped, as that member reads on from the
 * last committed offset. Not thread-safe: used by the polling thread, like the consumer.
 */
public final class OffsetCommitter {
    private static final Logger LOG = LoggerFactory.getLogger(OffsetCommitter.class);

    private final Consumer<?, ?> consumer;
    private final Duration timeout;
    private final Map<TopicPartition, Long> outstanding = new LinkedHashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();

    public OffsetCommitter(Consumer<?, ?> consumer, Duration timeout) {
        this.consumer = consumer;
        this.timeout = timeout;
    }

    /** Notes that every row before {@code nextOffset} is in the table; sent with the next {@link #commitOutstanding}. */
    public void markSafe(TopicPartition partition, long nextOffset) {
        if (nextOffset > committed.getOrDefault(partition, -1L)) {
            outstanding.merge(partition, nextOffset, Math::max);
        }
    }

    /** Sends outstanding commits again; true when nothing is outstanding afterwards. */
    public boolean commitOutstanding() {
        if (outstanding.isEmpty()) {
            return true;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        outstanding.forEach((partition, offset) -> offsets.put(partition, new OffsetAndMetadata(offset)));
        try {
            consumer.commitSync(offsets, timeout);
            outstanding.forEach((partition, offset) -> committed.merge(partition, offset, Math::max));
            outstanding.clear();
            return true;
        } catch (RetriableException | RebalanceInProgressException | WakeupException | InterruptException e) {
            if (e instanceof InterruptException) {
                Thread.interrupted();
            }
            LOG.warn("committing offsets {} failed, will commit them again: {}", outstanding, e.toString());
            return false;
        } catch (CommitFailedException e) {
            LOG.warn(
                    "the group refused the commit of offsets {} (the partitions moved to another member, which reads on from"
                            + " the last committed offsets): {}",
                    outstanding,
                    e.getMessage());
            outstanding.clear();
            return false;
        }
    }

    /** Drops outstanding commits of partitions this consumer no longer owns. */
    public void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(outstanding::remove);
        partitions.forEach(committed::remove);
    }

    public boolean hasOutstanding() {
        return !outstanding.isEmpty();
    }
}
