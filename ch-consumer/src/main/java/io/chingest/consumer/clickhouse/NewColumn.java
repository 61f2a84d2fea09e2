package io.chingest.consumer.clickhouse;

import io.chingest.common.mapping.ClickHouseType;
import java.util.Optional;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;

/**
 * A column to add for a record field the table lacks ({@code --evolve}): the field's mapped type, made Nullable when the
 * field has no default (rows written before the column existed, and records of older schemas, have no value for it),
 * or with {@code DEFAULT} the field's default value (what Avro's schema resolution gives a reader of older records).
 * A null default is a plain Nullable column. Immutable.
 */
public record NewColumn(String name, String typeSql, Optional<String> defaultSql) {

    /**
     * The column for {@code field}, whose type maps to {@code mapped}; empty when its default has no ClickHouse expression.
     */
    public static Optional<NewColumn> forField(Schema.Field field, ClickHouseType mapped) {
        if (!field.hasDefaultValue() || field.defaultVal() == JsonProperties.NULL_VALUE) {
            String typeSql = mapped.nullable() ? mapped.sql() : "Nullable(" + mapped.sql() + ")";
            return Optional.of(new NewColumn(field.name(), typeSql, Optional.empty()));
        }
        return AvroDefaultLiteral.of(field.defaultVal(), valueSchema(field.schema()), mapped)
                .map(literal -> new NewColumn(field.name(), mapped.sql(), Optional.of(literal)));
    }

    /** The statement that adds the column to the table. */
    public String addSql(TableName table) {
        return "ALTER TABLE " + table.sql() + " ADD COLUMN " + TableName.quoted(name) + " " + typeSql
                + defaultSql.map(expression -> " DEFAULT " + expression).orElse("");
    }

    private static Schema valueSchema(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        return schema.getTypes().stream()
                .filter(branch -> branch.getType() != Schema.Type.NULL)
                .findFirst()
                .orElse(schema);
    }
}
