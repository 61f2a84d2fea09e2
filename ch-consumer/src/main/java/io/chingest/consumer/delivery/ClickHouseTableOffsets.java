package io.chingest.consumer.delivery;

import io.chingest.consumer.clickhouse.ClickHouseConnection;
import io.chingest.consumer.clickhouse.ProvenanceColumns;
import io.chingest.consumer.clickhouse.TabSeparated;
import io.chingest.consumer.clickhouse.TableName;
import java.util.List;
import java.util.OptionalLong;

/**
 * Reads from the table's provenance columns which offsets of a partition it already holds. Both queries filter on the
 * sorting key of tables made by {@code --create-table}, so they read a few granules, not the table. Thread-safe.
 */
public final class ClickHouseTableOffsets implements TableOffsets {
    private final ClickHouseConnection clickHouse;
    private final TableName table;
    private final String topicLiteral;

    public ClickHouseTableOffsets(ClickHouseConnection clickHouse, TableName table, String topic) {
        this.clickHouse = clickHouse;
        this.table = table;
        this.topicLiteral = TableName.literal(topic);
    }

    @Override
    public OptionalLong highestFrom(int partition, long from) {
        List<String> answer = single("SELECT max(" + ProvenanceColumns.OFFSET + "), count() FROM " + table.sql()
                + " WHERE " + partitionFilter(partition) + " AND " + ProvenanceColumns.OFFSET + " >= " + from
                + " FORMAT TabSeparated");
        return Long.parseLong(answer.get(1)) == 0
                ? OptionalLong.empty()
                : OptionalLong.of(Long.parseLong(answer.get(0)));
    }

    @Override
    public long rowsBetween(int partition, long first, long last) {
        List<String> answer = single("SELECT count() FROM " + table.sql() + " WHERE " + partitionFilter(partition)
                + " AND " + ProvenanceColumns.OFFSET + " BETWEEN " + first + " AND " + last + " FORMAT TabSeparated");
        return Long.parseLong(answer.get(0));
    }

    private String partitionFilter(int partition) {
        return ProvenanceColumns.TOPIC + " = " + topicLiteral + " AND " + ProvenanceColumns.PARTITION + " = "
                + partition;
    }

    private List<String> single(String sql) {
        List<List<String>> rows = TabSeparated.rows(clickHouse.queryText(sql));
        if (rows.size() != 1) {
            throw new IllegalStateException(
                    "ClickHouse answered " + rows.size() + " rows to [" + sql + "], expected one");
        }
        return rows.get(0);
    }
}
