package io.chingest.consumer.encode;

import java.util.List;

/**
 * How records of one writer schema become rows of the target table: for each table column, in table order, where its
 * value comes from (a record field by position, or the record's topic, partition or offset) and the writer for its
 * type. Immutable.
 */
public final class RowLayout {
    /** Source codes below zero: the column takes the record's Kafka coordinates instead of a field. */
    static final int SOURCE_TOPIC = -1;
    static final int SOURCE_PARTITION = -2;
    static final int SOURCE_OFFSET = -3;

    private final String[] columnNames;
    private final int[] sources;
    private final ColumnWriter[] writers;

    RowLayout(List<String> columnNames, int[] sources, ColumnWriter[] writers) {
        this.columnNames = columnNames.toArray(String[]::new);
        this.sources = sources.clone();
        this.writers = writers.clone();
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
