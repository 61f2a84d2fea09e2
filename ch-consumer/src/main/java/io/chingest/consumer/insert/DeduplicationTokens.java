package io.chingest.consumer.insert;

import io.chingest.consumer.buffer.Batch;
import org.apache.kafka.common.TopicPartition;

/**
 * Deduplication tokens of inserts: {@code <topic>-<partition>-<first>-<last>}, the batch's source range. ClickHouse keeps
 * the tokens per table, so a table fed from several topics needs the topic in it; the group is left out on purpose, as
 * the table, not the group, is what holds the rows (the provenance columns judge the same way). Reading from the end,
 * the last three numbers are partition and range, so no two ranges share a token. Immutable, thread-safe.
 */
public final class DeduplicationTokens {
    private final String topic;

    public DeduplicationTokens(String topic) {
        this.topic = topic;
    }

    public String of(Batch batch) {
        return of(batch.partition(), batch.firstOffset(), batch.lastOffset());
    }

    public String of(TopicPartition partition, long firstOffset, long lastOffset) {
        return topic + "-" + partition.partition() + "-" + firstOffset + "-" + lastOffset;
    }
}
