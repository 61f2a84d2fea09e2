package io.chingest.consumer.encode;

import io.chingest.common.mapping.ClickHouseType;
import io.chingest.consumer.clickhouse.ProvenanceColumns;
import io.chingest.consumer.clickhouse.TableName;
import io.chingest.consumer.table.TableColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * Matches a table's columns to the fields of a record schema by name and checks that each field's Avro type can be
 * written to its column's type ({@link ColumnWriters#forField}: a non-null field may feed a Nullable column, not the
 * reverse; an int a UInt8 with a range check; an enum an Enum8, LowCardinality(String) or String...). The provenance columns
 * ({@link ProvenanceColumns}) take the record's topic, partition and offset instead of a field. Stateless.
 */
public final class RowLayoutBinder {

    private RowLayoutBinder() {
    }

    /** @throws TableMismatchException naming the table and the first column that does not fit */
    public static RowLayout bind(TableName table, List<TableColumn> columns, Schema writerSchema) {
        List<String> names = new ArrayList<>(columns.size());
        int[] positions = new int[columns.size()];
        ColumnWriter[] writers = new ColumnWriter[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            TableColumn column = columns.get(i);
            if (ProvenanceColumns.isProvenance(column.name())) {
                names.add(column.name());
                positions[i] = provenanceSource(table, column);
                continue;
            }
            Optional<ClickHouseType> columnType = column.type();
            if (columnType.isEmpty()) {
                throw new TableMismatchException("table " + table + " column " + column.name() + " has type " + column.typeSql()
                        + ", which ch-consumer cannot write (supported: String, FixedString, UUID, Enum8, Enum16, Int8..Int64, UInt8..UInt64,"
                        + " Float32, Float64, Bool, Decimal, Date, DateTime, DateTime64, Array, Map(String, ...), and Nullable and"
                        + " LowCardinality of these)");
            }
            Schema.Field field = writerSchema.getField(column.name());
            if (field == null) {
                throw new TableMismatchException("table " + table + " column " + column.name()
                        + " has no field of that name in record schema " + writerSchema.getFullName());
            }
            try {
                writers[i] = ColumnWriters.forField(field.schema(), columnType.get());
            } catch (IncompatibleTypeException e) {
                throw new TableMismatchException("table " + table + " column " + column.name() + " has type " + column.typeSql()
                        + " but field " + field.name() + " of record schema " + writerSchema.getFullName() + " has Avro type "
                        + field.schema() + ": " + e.getMessage());
            }
            names.add(column.name());
            positions[i] = field.pos();
        }
        return new RowLayout(names, positions, writers);
    }

    private static int provenanceSource(TableName table, TableColumn column) {
        String expected = ProvenanceColumns.TYPES.get(column.name());
        if (!column.typeSql().equals(expected)) {
            throw new TableMismatchException("table " + table + " column " + column.name() + " has type " + column.typeSql()
                    + "; ch-consumer writes the records' Kafka " + column.name().substring("_kafka_".length()) + " there and needs type "
                    + expected);
        }
        return switch (column.name()) {
            case ProvenanceColumns.TOPIC -> RowLayout.SOURCE_TOPIC;
            case ProvenanceColumns.PARTITION -> RowLayout.SOURCE_PARTITION;
            default -> RowLayout.SOURCE_OFFSET;
        };
    }
}
