package io.chingest.consumer.insert;

import io.chingest.consumer.buffer.Batch;
import io.chingest.consumer.clickhouse.ClickHouseConnection;
import io.chingest.consumer.clickhouse.ClickHouseQueryException;
import io.chingest.consumer.clickhouse.ClickHouseUnavailableException;
import io.chingest.consumer.clickhouse.ErrorCodes;
import io.chingest.consumer.table.TableChangedException;
import io.chingest.consumer.table.TableSetupException;
import io.chingest.consumer.table.TargetTable;
import java.util.List;

/**
 * Inserts a batch as one streaming {@code INSERT INTO table (columns) FORMAT RowBinary} under the batch's query id; the
 * column list is the table's insertable columns, in the order the rows were encoded. First checks that those columns
 * have not changed type, so rows are never written in a layout the table no longer has. Thread-safe: insert workers
 * share one.
 */
public final class RowBinaryInserter implements BatchInserter {
    private final ClickHouseConnection clickHouse;
    private final TargetTable table;
    private final InsertQueryIds queryIds;

    public RowBinaryInserter(ClickHouseConnection clickHouse, TargetTable table, InsertQueryIds queryIds) {
        this.clickHouse = clickHouse;
        this.table = table;
        this.queryIds = queryIds;
    }

    @Override
    public void insert(Batch batch) {
        String what = "inserting " + batch + " into " + table.name();
        try {
            table.checkUnchanged();
            List<String> columns = table.columnNames();
            clickHouse.insertRowBinary(table.name(), columns, batch::writeTo, queryIds.of(batch), batch.rows());
        } catch (ClickHouseUnavailableException e) {
            throw new InsertFailedException(what + " failed: " + e.getMessage(), false, e);
        } catch (ClickHouseQueryException e) {
            throw new InsertFailedException(what + " failed: " + e.getMessage(), ErrorCodes.isPermanentForTable(e.code()), e);
        } catch (TableChangedException | TableSetupException e) {
            throw new InsertFailedException(what + " failed: " + e.getMessage(), true, e);
        }
    }
}
