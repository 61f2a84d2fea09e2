package io.chingest.consumer.insert;

import io.chingest.consumer.buffer.Batch;
import io.chingest.consumer.clickhouse.ClickHouseConnection;
import io.chingest.consumer.clickhouse.ClickHouseQueryException;
import io.chingest.consumer.clickhouse.ClickHouseUnavailableException;
import io.chingest.consumer.clickhouse.ErrorCodes;
import io.chingest.consumer.table.InsertColumns;
import io.chingest.consumer.table.TableChangedException;
import io.chingest.consumer.table.TableSetupException;
import io.chingest.consumer.table.TargetTable;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Inserts a batch as one streaming {@code INSERT INTO table (columns) FORMAT RowBinary} under the batch's query id and,
 * on servers that have it, its deduplication token; the column list is the batch's own (the columns its rows were
 * encoded for, in table order; columns left out get what ClickHouse fills in). First checks that those columns have not
 * changed type (before every insert, or once per check interval), so rows are not written in a layout the
 * table no longer has. Thread-safe: insert workers share one.
 */
public final class RowBinaryInserter implements BatchInserter {
    private final ClickHouseConnection clickHouse;
    private final TargetTable table;
    private final InsertQueryIds queryIds;
    private final DeduplicationTokens tokens;
    private final long checkIntervalNanos;
    /** When the columns were last found unchanged; only ever moves forward. */
    private final AtomicLong lastCheckNanos;

    /** @param checkInterval how long a check of the table's columns stands; zero checks before every insert */
    public RowBinaryInserter(
            ClickHouseConnection clickHouse,
            TargetTable table,
            InsertQueryIds queryIds,
            DeduplicationTokens tokens,
            Duration checkInterval) {
        this.clickHouse = clickHouse;
        this.table = table;
        this.queryIds = queryIds;
        this.tokens = tokens;
        this.checkIntervalNanos = checkInterval.toNanos();
        this.lastCheckNanos = new AtomicLong(System.nanoTime() - checkIntervalNanos - 1);
    }

    @Override
    public void insert(Batch batch) {
        String what = "inserting " + batch + " into " + table.name();
        try {
            checkColumnsWhenDue(batch.columns());
            clickHouse.insertRowBinary(
                    table.name(),
                    batch.columns().names(),
                    batch::writeTo,
                    queryIds.of(batch),
                    tokens.of(batch),
                    batch.rows());
        } catch (ClickHouseUnavailableException e) {
            throw new InsertFailedException(what + " failed: " + e.getMessage(), false, e);
        } catch (ClickHouseQueryException e) {
            throw new InsertFailedException(
                    what + " failed: " + e.getMessage(), ErrorCodes.isPermanentForTable(e.code()), e);
        } catch (TableChangedException | TableSetupException e) {
            throw new InsertFailedException(what + " failed: " + e.getMessage(), true, e);
        }
    }

    private void checkColumnsWhenDue(InsertColumns columns) {
        long now = System.nanoTime();
        if (checkIntervalNanos > 0 && now - lastCheckNanos.get() < checkIntervalNanos) {
            return;
        }
        table.checkUnchanged(columns);
        lastCheckNanos.accumulateAndGet(now, Math::max);
    }
}
