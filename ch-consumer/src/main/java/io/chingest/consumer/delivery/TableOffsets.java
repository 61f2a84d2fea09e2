package io.chingest.consumer.delivery;

import java.util.OptionalLong;

/** Which offsets of a partition of the source topic the target table holds, read from its provenance columns. Thread-safe. */
public interface TableOffsets {

    /**
     * Confirms, before the table's offsets are read or rows with offsets are written, that they are of the topic's
     * current incarnation; nothing to confirm by default.
     *
     * @throws IncarnationRefusedException when the table holds offsets of an earlier incarnation of the topic
     * @throws io.chingest.consumer.clickhouse.ClickHouseUnavailableException when ClickHouse cannot be asked
     */
    default void checkIncarnation() {}

    /**
     * The highest offset of the partition in the table, looking only at offsets from {@code from} on (everything before
     * the committed offset is known to be there); empty when there is none.
     *
     * @throws io.chingest.consumer.clickhouse.ClickHouseUnavailableException when ClickHouse cannot be asked
     */
    OptionalLong highestFrom(int partition, long from);

    /**
     * Rows of the partition with offsets in [first, last].
     *
     * @throws io.chingest.consumer.clickhouse.ClickHouseUnavailableException when ClickHouse cannot be asked
     */
    long rowsBetween(int partition, long first, long last);
}
