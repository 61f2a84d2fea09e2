package io.chingest.consumer.table;

import io.chingest.consumer.clickhouse.TableName;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/** The table rows are inserted into, and the source of its insertable columns. Implementations say their thread-safety. */
public interface TargetTable {

    TableName name();

    /**
     * The table's insertable columns in table order, first creating the table from {@code writerSchema} when it is
     * missing and creation is allowed.
     *
     * @throws TableSetupException when the table is missing and may not be created, or ClickHouse refuses to create or describe it
     * @throws io.chingest.consumer.clickhouse.ClickHouseUnavailableException when ClickHouse cannot be reached (retry later)
     */
    List<TableColumn> columnsFor(Schema writerSchema);

    /**
     * The names of the columns rows are encoded for, in table order.
     *
     * @throws IllegalStateException when {@link #columnsFor} has not returned yet
     */
    List<String> columnNames();

    /**
     * Whether the table has the provenance columns (and so gets exactly-once inserts); empty while the table does not
     * exist yet.
     *
     * @throws io.chingest.consumer.clickhouse.ClickHouseUnavailableException when ClickHouse cannot be reached
     */
    Optional<Boolean> hasProvenanceColumns();

    /**
     * Reads the table's columns again and checks that each column rows are encoded for (those {@link #columnsFor} returned)
     * still exists with the same type. Called before each insert, from an insert worker.
     *
     * @throws TableChangedException naming the table and the first column that changed
     * @throws io.chingest.consumer.clickhouse.ClickHouseUnavailableException when ClickHouse cannot be reached
     */
    void checkUnchanged();
}
