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
    private Map<TopicPartition, Long> ceilings = Map.of();

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

    /**
     * Sets, per partition, the offset commits must not pass (a dead letter not acknowledged yet, or held by the circuit
     * breaker) until the next call: a commit beyond it is cut to it, the rest stays outstanding.
     */
    public void limitTo(Map<TopicPartition, Long> ceilings) {
        this.ceilings = Map.copyOf(ceilings);
    }

    /** Sends outstanding commits again, each cut to its partition's ceiling; true when nothing is outstanding afterwards. */
    public boolean commitOutstanding() {
        if (outstanding.isEmpty()) {
            return true;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        outstanding.forEach((partition, offset) -> {
            long allowed = Math.min(offset, ceilings.getOrDefault(partition, Long.MAX_VALUE));
            if (allowed > committed.getOrDefault(partition, 0L)) {
                offsets.put(partition, new OffsetAndMetadata(allowed));
            }
        });
        // nothing before offset 0, or before what is committed, needs a commit
        outstanding.entrySet().removeIf(entry -> entry.getValue() <= committed.getOrDefault(entry.getKey(), 0L));
        if (offsets.isEmpty()) {
            return outstanding.isEmpty();
        }
        try {
            consumer.commitSync(offsets, timeout);
            offsets.forEach((partition, offset) -> committed.merge(partition, offset.offset(), Math::max));
            outstanding.entrySet().removeIf(entry -> entry.getValue() <= committed.getOrDefault(entry.getKey(), -1L));
            return outstanding.isEmpty();
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
