package io.chingest.consumer.table;

import io.chingest.consumer.clickhouse.NewColumn;
import io.chingest.consumer.clickhouse.TableName;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/** The table rows are inserted into, and the source of its columns. Implementations say their thread-safety. */
public interface TargetTable {

    TableName name();

    /**
     * The table's columns in table order (MATERIALIZED and ALIAS ones included, see {@link TableColumn#insertable()}),
     * first creating the table from {@code writerSchema} when it is missing and creation is allowed. Read once and
     * remembered until {@link #refresh()} or {@link #addColumn}.
     *
     * @throws TableSetupException when the table is missing and may not be created, or ClickHouse refuses to create or describe it
     * @throws io.chingest.consumer.clickhouse.ClickHouseUnavailableException when ClickHouse cannot be reached (retry later)
     */
    List<TableColumn> columnsFor(Schema writerSchema);

    /**
     * Reads the table's columns again (another consumer, or a user, may have added some) and returns them.
     *
     * @throws TableSetupException when ClickHouse refuses to describe the table
     * @throws io.chingest.consumer.clickhouse.ClickHouseUnavailableException when ClickHouse cannot be reached (retry later)
     */
    List<TableColumn> refresh();

    /**
     * Adds the column unless the table has one of that name (when two consumers race to add it, both succeed), then
     * reads the table's columns again. Runs on the caller's thread, bounded by the ClickHouse request time-out.
     *
     * @throws TableSetupException naming the table, the column and the server's answer when it refuses to add the column
     * @return true when this call added the column, false when the table had it already (another consumer was first)
     * @throws io.chingest.consumer.clickhouse.ClickHouseUnavailableException when ClickHouse cannot be reached (retry later)
     */
    boolean addColumn(NewColumn column);

    /**
     * Whether the table has the provenance columns (and so gets exactly-once inserts); empty while the table does not
     * exist yet.
     *
     * @throws io.chingest.consumer.clickhouse.ClickHouseUnavailableException when ClickHouse cannot be reached
     */
    Optional<Boolean> hasProvenanceColumns();

    /**
     * Reads the table's columns again and checks that each column rows were encoded for still exists with the same type.
     * Called before each insert, from an insert worker.
     *
     * @throws TableChangedException naming the table and the first column that changed
     * @throws io.chingest.consumer.clickhouse.ClickHouseUnavailableException when ClickHouse cannot be reached
     */
    void checkUnchanged(InsertColumns encodedFor);
}
