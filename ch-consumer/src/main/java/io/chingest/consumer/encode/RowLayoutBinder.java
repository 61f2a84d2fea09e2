package io.chingest.consumer.encode;

import io.chingest.common.mapping.AvroToClickHouseMapping;
import io.chingest.common.mapping.ClickHouseBaseType;
import io.chingest.common.mapping.ClickHouseType;
import io.chingest.common.mapping.ColumnMapping;
import io.chingest.consumer.clickhouse.ProvenanceColumns;
import io.chingest.consumer.clickhouse.TableName;
import io.chingest.consumer.table.TableColumn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * Matches a table's columns to the fields of a record schema by name and checks that each field's Avro type
 * maps to its column's type (a non-null field may feed a Nullable column, not the reverse). The provenance columns
 * ({@link ProvenanceColumns}) take the record's topic, partition and offset instead of a field. Stateless.
 */
public final class RowLayoutBinder {

    private RowLayoutBinder() {
    }

    /** @throws TableMismatchException naming the table and the first column that does not fit */
    public static RowLayout bind(TableName table, List<TableColumn> columns, Schema writerSchema) {
        Map<String, ClickHouseType> fieldTypes = new HashMap<>();
        for (ColumnMapping mapping : AvroToClickHouseMapping.columnsOf(writerSchema)) {
            fieldTypes.put(mapping.name(), mapping.type());
        }
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
                        + ", which ch-consumer cannot write (supported: String, Int32, Int64, Float32, Float64, UInt8, Decimal, Date, DateTime"
                        + " and Nullable of these)");
            }
            ClickHouseType fieldType = fieldTypes.get(column.name());
            Schema.Field field = writerSchema.getField(column.name());
            if (fieldType == null || field == null) {
                throw new TableMismatchException("table " + table + " column " + column.name()
                        + " has no field of that name in record schema " + writerSchema.getFullName());
            }
            if (!fits(fieldType, columnType.get())) {
                throw new TableMismatchException("table " + table + " column " + column.name() + " has type " + column.typeSql()
                        + " but field " + field.name() + " of record schema " + writerSchema.getFullName() + " maps to " + fieldType.sql());
            }
            names.add(column.name());
            positions[i] = field.pos();
            writers[i] = ColumnWriters.forType(columnType.get());
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

    static boolean fits(ClickHouseType field, ClickHouseType column) {
        if (field.base() != column.base()) {
            return false;
        }
        if (field.base() == ClickHouseBaseType.DECIMAL
                && (field.precision() != column.precision() || field.scale() != column.scale())) {
            return false;
        }
        return column.nullable() || !field.nullable();
    }
}
