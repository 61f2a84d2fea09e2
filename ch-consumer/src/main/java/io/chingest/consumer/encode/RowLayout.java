package io.chingest.consumer.encode;

import java.util.List;

/**
 * How records of one writer schema become rows of the target table: for each table column, in table order,
 * the position of the record field that feeds it and the writer for its type. Immutable.
 */
public final class RowLayout {
    private final String[] columnNames;
    private final int[] fieldPositions;
    private final ColumnWriter[] writers;

    RowLayout(List<String> columnNames, int[] fieldPositions, ColumnWriter[] writers) {
        this.columnNames = columnNames.toArray(String[]::new);
        this.fieldPositions = fieldPositions.clone();
        this.writers = writers.clone();
    }

    int columnCount() {
        return columnNames.length;
    }

    String columnName(int index) {
        return columnNames[index];
    }

    int fieldPosition(int index) {
        return fieldPositions[index];
    }

    ColumnWriter writer(int index) {
        return writers[index];
    }
}
