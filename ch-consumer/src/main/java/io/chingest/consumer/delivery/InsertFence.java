package io.chingest.consumer.delivery;

import org.apache.kafka.common.TopicPartition;

/** Ends every insert of a partition that may still be running, before the table is asked what it holds. Thread-safe. */
public interface InsertFence {

    /**
     * Returns once no insert of the partition runs any more.
     *
     * @throws io.chingest.consumer.clickhouse.ClickHouseUnavailableException when that cannot be established now
     */
    void fence(TopicPartition partition);
}
