package io.chingest.consumer.clickhouse;

import io.chingest.common.mapping.AvroToClickHouseMapping;
import io.chingest.common.mapping.ColumnMapping;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * The {@code CREATE TABLE} that {@code --create-table} runs: one column per record field, then the provenance columns,
 * a MergeTree sorted by them. Names are quoted by {@link TableName}, so any name an insert accepts can be created.
 * The column types follow the server's version ({@link ServerVersion#typeSupport()}): on 18.16 timestamps are
 * DateTime, booleans UInt8 and map fields are refused; current servers get DateTime64, Bool and Map, and the topic column
 * LowCardinality(String). Stateless.
 */
public final class CreateTableStatement {

    private CreateTableStatement() {}

    /**
     * The statement for a record schema on a server of this version.
     *
     * @throws io.chingest.common.mapping.UnsupportedAvroTypeException naming the first field the server has no column type for
     * @throws IllegalArgumentException when there are no fields, or a field takes a provenance column's name
     */
    public static String sql(TableName table, Schema recordSchema, ServerVersion server) {
        return sql(table, AvroToClickHouseMapping.columnsOf(recordSchema, server.typeSupport()), server);
    }

    /**
     * The statement for columns already mapped, with the provenance columns this server's version gets.
     *
     * @throws IllegalArgumentException when there are no fields, or a field takes a provenance column's name
     */
    public static String sql(TableName table, List<ColumnMapping> fields, ServerVersion server) {
        return sql(table, fields, ProvenanceColumns.typesFor(server));
    }

    /**
     * The statement with the provenance columns as 18.16 has them.
     *
     * @throws IllegalArgumentException when there are no fields, or a field takes a provenance column's name
     */
    public static String sql(TableName table, List<ColumnMapping> fields) {
        return sql(table, fields, ProvenanceColumns.TYPES);
    }

    private static String sql(TableName table, List<ColumnMapping> fields, Map<String, String> provenanceTypes) {
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("table " + table + " needs at least one column");
        }
        StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS ")
                .append(table.sql())
                .append(" (");
        for (ColumnMapping field : fields) {
            if (ProvenanceColumns.isProvenance(field.name())) {
                throw new IllegalArgumentException(
                        "record field " + field.name() + " has the name of a column ch-consumer fills itself ("
                                + String.join(", ", ProvenanceColumns.NAMES) + ")");
            }
            sql.append(TableName.quoted(field.name()))
                    .append(' ')
                    .append(field.type().sql())
                    .append(", ");
        }
        for (String column : ProvenanceColumns.NAMES) {
            sql.append(column).append(' ').append(provenanceTypes.get(column)).append(", ");
        }
        sql.setLength(sql.length() - 2);
        return sql.append(") ENGINE = MergeTree ORDER BY (")
                .append(String.join(", ", ProvenanceColumns.NAMES))
                .append(')')
                .toString();
    }

    /** The statement with a {@code SETTINGS} clause added (such as {@link InsertFeatures#tableSettings()}); unchanged for none. */
    public static String withSettings(String createSql, String tableSettings) {
        return tableSettings.isEmpty() ? createSql : createSql + " SETTINGS " + tableSettings;
    }
}
