package io.chingest.consumer.poll;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * A mock consumer over an in-memory log per partition: every poll serves the records from each partition's position,
 * as a broker does, so seeking back reads records again. Joining the group assigns the given partitions; hooks run
 * before chosen polls; commits can be made to time out. Not thread-safe beyond MockConsumer's own locking.
 */
final class LogBackedConsumer extends MockConsumer<byte[], byte[]> {
    private final Map<TopicPartition, List<byte[]>> log = new HashMap<>();
    private final List<TopicPartition> initialAssignment;
    private final Queue<Runnable> beforePolls = new ArrayDeque<>();
    private final List<Map<TopicPartition, Long>> commits = new ArrayList<>();
    private final List<ConditionalHook> conditionalHooks = new ArrayList<>();
    private int commitTimeouts;
    private int polls;

    LogBackedConsumer(List<TopicPartition> initialAssignment) {
        super("earliest");
        this.initialAssignment = initialAssignment;
        Map<TopicPartition, Long> zero = new HashMap<>();
        initialAssignment.forEach(partition -> zero.put(partition, 0L));
        updateBeginningOffsets(zero);
        updateEndOffsets(zero);
        Map<String, List<PartitionInfo>> topics = new HashMap<>();
        initialAssignment.forEach(partition -> topics.computeIfAbsent(partition.topic(), topic -> new ArrayList<>())
                .add(new PartitionInfo(partition.topic(), partition.partition(), null, null, null)));
        topics.forEach(this::updatePartitions);
    }

    synchronized void append(TopicPartition partition, byte[] value) {
        List<byte[]> records = log.computeIfAbsent(partition, p -> new ArrayList<>());
        records.add(value);
        updateEndOffsets(Map.of(partition, (long) records.size()));
    }

    /** Runs {@code hook} before a coming poll, one hook per poll in order. */
    void beforeAPoll(Runnable hook) {
        beforePolls.add(hook);
    }

    /** Runs {@code hook} once, before the first poll at which {@code condition} holds. */
    synchronized void beforeThePollWhen(BooleanSupplier condition, Runnable hook) {
        conditionalHooks.add(new ConditionalHook(condition, hook));
    }

    /** The next {@code count} commits time out, as when the coordinator is unreachable. */
    void timeOutCommits(int count) {
        commitTimeouts = count;
    }

    /** The offsets of every commit that went through, in order. */
    synchronized List<Map<TopicPartition, Long>> commits() {
        return List.copyOf(commits);
    }

    int polls() {
        return polls;
    }

    @Override
    public synchronized void subscribe(Collection<String> topics, ConsumerRebalanceListener listener) {
        super.subscribe(topics, listener);
        rebalance(initialAssignment);
    }

    @Override
    public synchronized ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
        polls++;
        Runnable hook = beforePolls.poll();
        if (hook != null) {
            hook.run();
        }
        for (ConditionalHook conditional : List.copyOf(conditionalHooks)) {
            if (conditional.condition().getAsBoolean()) {
                conditionalHooks.remove(conditional);
                conditional.hook().run();
            }
        }
        for (TopicPartition partition : assignment()) {
            if (paused().contains(partition)) {
                continue;
            }
            List<byte[]> records = log.getOrDefault(partition, List.of());
            for (long offset = position(partition); offset < records.size(); offset++) {
                addRecord(new ConsumerRecord<>(
                        partition.topic(), partition.partition(), offset, null, records.get((int) offset)));
            }
        }
        return super.poll(timeout);
    }

    @Override
    public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
        if (commitTimeouts > 0) {
            commitTimeouts--;
            throw new TimeoutException("commit timed out (test)");
        }
        super.commitSync(offsets, timeout);
        Map<TopicPartition, Long> committed = new HashMap<>();
        offsets.forEach((partition, offset) -> committed.put(partition, offset.offset()));
        commits.add(committed);
    }

    private record ConditionalHook(BooleanSupplier condition, Runnable hook) {}

    /** The last committed offset of each partition. */
    synchronized Map<TopicPartition, Long> committedOffsets() {
        Map<TopicPartition, Long> last = new HashMap<>();
        commits.forEach(last::putAll);
        return last;
    }
}
