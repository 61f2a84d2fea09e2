package io.chingest.consumer.insert;

import io.chingest.consumer.buffer.Batch;
import io.chingest.consumer.clickhouse.ClickHouseConnection;
import io.chingest.consumer.clickhouse.ClickHouseQueryException;
import io.chingest.consumer.clickhouse.ClickHouseUnavailableException;
import io.chingest.consumer.table.TargetTable;
import java.util.List;

/**
 * Inserts a batch as one streaming {@code INSERT INTO table (columns) FORMAT RowBinary}; the column list is the
 * table's insertable columns, in the order the rows were encoded. Not thread-safe: used by the polling thread.
 */
public final class RowBinaryInserter implements BatchInserter {
    private final ClickHouseConnection clickHouse;
    private final TargetTable table;

    public RowBinaryInserter(ClickHouseConnection clickHouse, TargetTable table) {
        this.clickHouse = clickHouse;
        this.table = table;
    }

    @Override
    public void insert(Batch batch) {
        List<String> columns = table.columnNames();
        try {
            clickHouse.insertRowBinary(table.name(), columns, batch::writeTo);
        } catch (ClickHouseUnavailableException | ClickHouseQueryException e) {
            throw new InsertFailedException("inserting " + batch + " into " + table.name() + " failed: " + e.getMessage(), e);
        }
    }
}
