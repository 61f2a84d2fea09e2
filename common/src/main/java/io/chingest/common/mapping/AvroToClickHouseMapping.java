package io.chingest.common.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/** Maps an Avro record schema to ClickHouse columns (the DDL lives with the consumer's SQL). Stateless, thread-safe. */
public final class AvroToClickHouseMapping {
    private AvroToClickHouseMapping() {
    }

    /**
     * Returns one column per field of the record schema, in field order.
     *
     * @throws UnsupportedAvroTypeException naming the first field whose type has no mapping
     * @throws IllegalArgumentException if the schema is not a record
     */
    public static List<ColumnMapping> columnsOf(Schema recordSchema) {
        Objects.requireNonNull(recordSchema, "recordSchema");
        if (recordSchema.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException("expected an Avro record schema, got " + recordSchema.getType() + ": " + recordSchema);
        }
        List<ColumnMapping> columns = new ArrayList<>(recordSchema.getFields().size());
        for (Schema.Field field : recordSchema.getFields()) {
            columns.add(new ColumnMapping(field.name(), typeOf(recordSchema, field)));
        }
        return List.copyOf(columns);
    }

    private static ClickHouseType typeOf(Schema record, Schema.Field field) {
        Schema schema = field.schema();
        if (schema.getType() != Schema.Type.UNION) {
            return new ClickHouseType(baseOf(record, field, schema), false, precisionOf(schema), scaleOf(schema));
        }
        List<Schema> branches = schema.getTypes();
        if (branches.size() == 2) {
            Schema first = branches.get(0);
            Schema second = branches.get(1);
            Schema value = first.getType() == Schema.Type.NULL ? second
                    : second.getType() == Schema.Type.NULL ? first : null;
            if (value != null && value.getType() != Schema.Type.NULL) {
                return new ClickHouseType(baseOf(record, field, value), true, precisionOf(value), scaleOf(value));
            }
        }
        throw unsupported(record, field, schema, "only a union of null and one other type maps (to Nullable)");
    }

    private static ClickHouseBaseType baseOf(Schema record, Schema.Field field, Schema schema) {
        LogicalType logical = schema.getLogicalType();
        switch (schema.getType()) {
            case STRING:
                return ClickHouseBaseType.STRING;
            case INT:
                if (logical == null) {
                    return ClickHouseBaseType.INT32;
                }
                if (logical instanceof LogicalTypes.Date) {
                    return ClickHouseBaseType.DATE;
                }
                break;
            case LONG:
                if (logical == null) {
                    return ClickHouseBaseType.INT64;
                }
                if (logical instanceof LogicalTypes.TimestampMillis) {
                    return ClickHouseBaseType.DATETIME;
                }
                break;
            case FLOAT:
                return ClickHouseBaseType.FLOAT32;
            case DOUBLE:
                return ClickHouseBaseType.FLOAT64;
            case BOOLEAN:
                return ClickHouseBaseType.UINT8;
            case BYTES:
            case FIXED:
                if (logical instanceof LogicalTypes.Decimal decimal) {
                    if (decimal.getPrecision() > ClickHouseType.MAX_DECIMAL_PRECISION) {
                        throw unsupported(record, field, schema, "decimal precision " + decimal.getPrecision()
                                + " is over ClickHouse's maximum of " + ClickHouseType.MAX_DECIMAL_PRECISION);
                    }
                    return ClickHouseBaseType.DECIMAL;
                }
                throw unsupported(record, field, schema, "only " + schema.getType().getName()
                        + " with logicalType decimal maps (to Decimal)");
            default:
                break;
        }
        throw unsupported(record, field, schema, "no ClickHouse column type for it");
    }

    private static int precisionOf(Schema schema) {
        return schema.getLogicalType() instanceof LogicalTypes.Decimal decimal ? decimal.getPrecision() : 0;
    }

    private static int scaleOf(Schema schema) {
        return schema.getLogicalType() instanceof LogicalTypes.Decimal decimal ? decimal.getScale() : 0;
    }

    private static UnsupportedAvroTypeException unsupported(Schema record, Schema.Field field, Schema type, String why) {
        return new UnsupportedAvroTypeException("field '" + field.name() + "' of record " + record.getFullName()
                + " has Avro type " + type + ", which is not supported: " + why);
    }
}
