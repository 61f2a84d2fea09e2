package io.chingest.consumer.encode;

import io.chingest.common.mapping.ClickHouseType;
import io.chingest.consumer.clickhouse.ProvenanceColumns;
import io.chingest.consumer.clickhouse.TableName;
import io.chingest.consumer.table.TableColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * Matches a table's columns to the fields of a record schema by name and checks that each field's Avro type can be
 * written to its column's type ({@link ColumnWriters#forField}: a non-null field may feed a Nullable column, not the
 * reverse; an int a UInt8 with a range check; an enum an Enum8, LowCardinality(String) or String...). The provenance columns
 * ({@link ProvenanceColumns}) take the record's topic, partition and offset instead of a field; columns without a field
 * take their default; fields without a column are reported in the layout. Stateless.
 */
public final class RowLayoutBinder {

    private RowLayoutBinder() {}

    /**
     * Binds the schema's fields to the table's insertable columns. A column the schema has no field for is left to its
     * default: a Nullable column without default expression is written NULL (what ClickHouse would fill in), any other is
     * left out of the INSERT, so that ClickHouse fills in its DEFAULT expression or its type's default value.
     * MATERIALIZED and ALIAS columns are never written.
     *
     * @throws TableMismatchException naming the table and the first column that does not fit, or when no column takes a field
     */
    public static RowLayout bind(TableName table, List<TableColumn> columns, Schema writerSchema) {
        List<TableColumn> written = new ArrayList<>(columns.size());
        int[] positions = new int[columns.size()];
        ColumnWriter[] writers = new ColumnWriter[columns.size()];
        Set<String> fed = new HashSet<>();
        List<String> defaulted = new ArrayList<>();
        List<String> withoutDefault = new ArrayList<>();
        for (TableColumn column : columns) {
            if (!column.insertable()) {
                continue;
            }
            int i = written.size();
            if (ProvenanceColumns.isProvenance(column.name())) {
                written.add(column);
                positions[i] = provenanceSource(table, column);
                continue;
            }
            Schema.Field field = writerSchema.getField(column.name());
            if (field == null) {
                defaulted.add(column.name());
                if (column.defaultKind().isEmpty() && !column.defaultsToNull()) {
                    withoutDefault.add(column.name());
                }
                if (column.defaultsToNull()) {
                    written.add(column);
                    positions[i] = RowLayout.SOURCE_NULL;
                }
                continue;
            }
            Optional<ClickHouseType> columnType = column.type();
            if (columnType.isEmpty()) {
                throw new TableMismatchException(
                        "table " + table + " column " + column.name() + " has type " + column.typeSql()
                                + ", which ch-consumer cannot write (supported: String, FixedString, UUID, Enum8, Enum16, Int8..Int64, UInt8..UInt64,"
                                + " Float32, Float64, Bool, Decimal, Date, DateTime, DateTime64, Array, Map(String, ...), and Nullable and"
                                + " LowCardinality of these)");
            }
            try {
                writers[i] = ColumnWriters.forField(field.schema(), columnType.get());
            } catch (IncompatibleTypeException e) {
                throw new TableMismatchException(
                        "table " + table + " column " + column.name() + " has type " + column.typeSql()
                                + " but field " + field.name() + " of record schema " + writerSchema.getFullName()
                                + " has Avro type "
                                + field.schema() + ": " + e.getMessage());
            }
            written.add(column);
            positions[i] = field.pos();
            fed.add(field.name());
        }
        if (fed.isEmpty()) {
            throw new TableMismatchException("table " + table + " has no column for any field of record schema "
                    + writerSchema.getFullName()
                    + " (fields "
                    + writerSchema.getFields().stream().map(Schema.Field::name).toList() + ", columns "
                    + columns.stream().map(TableColumn::name).toList() + ")");
        }
        List<String> unmapped = writerSchema.getFields().stream()
                .map(Schema.Field::name)
                .filter(name -> !fed.contains(name))
                .toList();
        int count = written.size();
        return new RowLayout(
                written,
                Arrays.copyOf(positions, count),
                Arrays.copyOf(writers, count),
                unmapped,
                defaulted,
                withoutDefault);
    }

    private static int provenanceSource(TableName table, TableColumn column) {
        if (!ProvenanceColumns.acceptsType(column.name(), column.typeSql())) {
            String expected = ProvenanceColumns.TYPES.get(column.name())
                    + (column.name().equals(ProvenanceColumns.TOPIC)
                            ? " or " + ProvenanceColumns.LOW_CARDINALITY_TOPIC
                            : "");
            throw new TableMismatchException(
                    "table " + table + " column " + column.name() + " has type " + column.typeSql()
                            + "; ch-consumer writes the records' Kafka "
                            + column.name().substring("_kafka_".length()) + " there and needs type "
                            + expected);
        }
        return switch (column.name()) {
            case ProvenanceColumns.TOPIC -> RowLayout.SOURCE_TOPIC;
            case ProvenanceColumns.PARTITION -> RowLayout.SOURCE_PARTITION;
            default -> RowLayout.SOURCE_OFFSET;
        };
    }
}
