package io.chingest.consumer.encode;

import io.chingest.consumer.table.InsertColumns;
import io.chingest.consumer.table.TableColumn;
import java.util.List;

/**
 * How records of one writer schema become rows of the target table: the columns the INSERT lists (in table order), for
 * each where its value comes from (a record field by position, the record's topic, partition or offset, or NULL) and
 * the writer for its type; and what the binding left out: record fields no column takes, and table columns the
 * schema has no field for (those not listed get what ClickHouse fills in). Immutable.
 */
public final class RowLayout {
    /** Source codes below zero: the column takes the record's Kafka coordinates, or NULL, instead of a field. */
    static final int SOURCE_TOPIC = -1;

    static final int SOURCE_PARTITION = -2;
    static final int SOURCE_OFFSET = -3;
    /** A Nullable column without default expression that the schema has no field for: NULL is what ClickHouse would fill in. */
    static final int SOURCE_NULL = -4;

    private final InsertColumns columns;
    private final String[] columnNames;
    private final int[] sources;
    private final ColumnWriter[] writers;
    private final List<String> unmappedFields;
    private final List<String> defaultedColumns;
    private final List<String> typeDefaultColumns;

    RowLayout(
            List<TableColumn> columns,
            int[] sources,
            ColumnWriter[] writers,
            List<String> unmappedFields,
            List<String> defaultedColumns,
            List<String> typeDefaultColumns) {
        this.columns = new InsertColumns(columns);
        this.columnNames = columns.stream().map(TableColumn::name).toArray(String[]::new);
        this.sources = sources.clone();
        this.writers = writers.clone();
        this.unmappedFields = List.copyOf(unmappedFields);
        this.defaultedColumns = List.copyOf(defaultedColumns);
        this.typeDefaultColumns = List.copyOf(typeDefaultColumns);
    }

    /** The columns the INSERT of these rows lists, in table order. */
    public InsertColumns columns() {
        return columns;
    }

    /** Record fields whose values no column takes (dropped), in field order. */
    public List<String> unmappedFields() {
        return unmappedFields;
    }

    /** Table columns the record schema has no field for: they take NULL or their default. */
    public List<String> defaultedColumns() {
        return defaultedColumns;
    }

    /** Those of {@link #defaultedColumns()} that are neither Nullable nor have a default expression: they get 0, '' and the like. */
    public List<String> typeDefaultColumns() {
        return typeDefaultColumns;
    }

    int columnCount() {
        return columnNames.length;
    }

    String columnName(int index) {
        return columnNames[index];
    }

    /** The record field's position, or one of the {@code SOURCE_*} codes. */
    int source(int index) {
        return sources[index];
    }

    ColumnWriter writer(int index) {
        return writers[index];
    }
}
