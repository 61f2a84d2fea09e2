package io.chingest.consumer.clickhouse;

import java.util.List;
import java.util.Map;

/**
 * The columns that record where each row came from: Kafka topic, partition and offset. A table that has all three gets
 * exactly-once inserts (the consumer reads back the highest offset the table holds for a partition before it inserts
 * more); {@code --create-table} creates them and sorts the table by them, so that reading that offset touches only the
 * last granules of the partition. Stateless.
 */
public final class ProvenanceColumns {
    public static final String TOPIC = "_kafka_topic";
    public static final String PARTITION = "_kafka_partition";
    public static final String OFFSET = "_kafka_offset";

    /** Name to ClickHouse type, in table order. */
    public static final Map<String, String> TYPES = Map.of(TOPIC, "String", PARTITION, "Int32", OFFSET, "Int64");

    public static final List<String> NAMES = List.of(TOPIC, PARTITION, OFFSET);

    private ProvenanceColumns() {}

    public static boolean isProvenance(String column) {
        return TYPES.containsKey(column);
    }

    /** The statement that gives an existing table the three columns (existing rows get '' / 0 / 0, which no replay skips). */
    public static String addColumnsSql(TableName table) {
        return "ALTER TABLE " + table.sql() + " ADD COLUMN " + TOPIC + " String, ADD COLUMN " + PARTITION
                + " Int32, ADD COLUMN " + OFFSET + " Int64";
    }
}
