package io.chingest.consumer.clickhouse;

import java.util.List;
import java.util.Map;

/**
 * The columns that record where each row came from: Kafka topic, partition and offset. A table that has all three gets
 * exactly-once inserts (the consumer reads back the highest offset the table holds for a partition before it inserts
 * more); {@code --create-table} creates them and sorts the table by them, so that reading that offset touches only the
 * last granules of the partition. The topic may be a String or a LowCardinality(String). Stateless.
 */
public final class ProvenanceColumns {
    public static final String TOPIC = "_kafka_topic";
    public static final String PARTITION = "_kafka_partition";
    public static final String OFFSET = "_kafka_offset";

    /** Name to ClickHouse type, as 18.16 creates them and as they are added to an existing table. */
    public static final Map<String, String> TYPES = Map.of(TOPIC, "String", PARTITION, "Int32", OFFSET, "Int64");

    /**
     * The topic column's dictionary-encoded type: the same name on every row, which as a plain String costs the server
     * about a third of its insert work on a narrow table (measured on 18.16, where the type is still experimental).
     */
    public static final String LOW_CARDINALITY_TOPIC = "LowCardinality(String)";

    /** The types {@code --create-table} gives them on a server of this version: the topic LowCardinality from 20.1. */
    public static Map<String, String> typesFor(ServerVersion server) {
        return server.isAtLeast(20, 1)
                ? Map.of(TOPIC, LOW_CARDINALITY_TOPIC, PARTITION, "Int32", OFFSET, "Int64")
                : TYPES;
    }

    /** Whether a column of this name and type can hold what ch-consumer writes there. */
    public static boolean acceptsType(String column, String typeSql) {
        return typeSql.equals(TYPES.get(column)) || (column.equals(TOPIC) && typeSql.equals(LOW_CARDINALITY_TOPIC));
    }

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
