package io.chingest.consumer.table;

import java.util.List;

/**
 * The columns one INSERT lists, in table order, as the rows of a batch were encoded for them. Rows for different
 * column lists cannot share an INSERT (RowBinary has no per-row column list), so a partition's buffer is sealed when
 * the list changes. Immutable.
 */
public record InsertColumns(List<TableColumn> columns) {

    public InsertColumns {
        columns = List.copyOf(columns);
    }

    public List<String> names() {
        return columns.stream().map(TableColumn::name).toList();
    }

    @Override
    public String toString() {
        return names().toString();
    }
}
