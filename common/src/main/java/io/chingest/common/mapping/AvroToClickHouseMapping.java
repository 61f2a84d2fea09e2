package io.chingest.common.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Maps an Avro record schema to the ClickHouse columns a table created for it gets (the DDL lives with the consumer's
 * SQL), for the column types a server has ({@link ServerTypeSupport}). Which other column types a field can also be
 * written to is the consumer's encoder's business. Stateless, thread-safe.
 */
public final class AvroToClickHouseMapping {
    /** Enum symbols are numbered from 0 in declaration order; Enum8 holds values up to 127, Enum16 up to 32767. */
    private static final int MAX_ENUM8_SYMBOLS = Byte.MAX_VALUE + 1;

    private static final int MAX_ENUM16_SYMBOLS = Short.MAX_VALUE + 1;

    private AvroToClickHouseMapping() {}

    /**
     * The columns for a server with none of the newer types (as 18.16): see {@link #columnsOf(Schema, ServerTypeSupport)}.
     */
    public static List<ColumnMapping> columnsOf(Schema recordSchema) {
        return columnsOf(recordSchema, ServerTypeSupport.NONE);
    }

    /**
     * Returns one column per field of the record schema, in field order.
     *
     * @throws UnsupportedAvroTypeException naming the first field whose type has no mapping on such a server
     * @throws IllegalArgumentException if the schema is not a record
     */
    public static List<ColumnMapping> columnsOf(Schema recordSchema, ServerTypeSupport support) {
        Objects.requireNonNull(recordSchema, "recordSchema");
        Objects.requireNonNull(support, "support");
        if (recordSchema.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException(
                    "expected an Avro record schema, got " + recordSchema.getType() + ": " + recordSchema);
        }
        List<ColumnMapping> columns = new ArrayList<>(recordSchema.getFields().size());
        for (Schema.Field field : recordSchema.getFields()) {
            columns.add(
                    new ColumnMapping(field.name(), new Mapper(recordSchema, field, support).typeOf(field.schema())));
        }
        return List.copyOf(columns);
    }

    /** The mapping of one field, which knows the field for its error messages. */
    private record Mapper(Schema record, Schema.Field field, ServerTypeSupport support) {

        ClickHouseType typeOf(Schema schema) {
            if (schema.getType() != Schema.Type.UNION) {
                return baseOf(schema);
            }
            List<Schema> branches = schema.getTypes();
            if (branches.size() == 2) {
                Schema first = branches.get(0);
                Schema second = branches.get(1);
                Schema value = first.getType() == Schema.Type.NULL
                        ? second
                        : second.getType() == Schema.Type.NULL ? first : null;
                if (value != null && value.getType() != Schema.Type.NULL) {
                    if (value.getType() == Schema.Type.ARRAY || value.getType() == Schema.Type.MAP) {
                        throw unsupported(
                                value,
                                "ClickHouse has no Nullable(" + (value.getType() == Schema.Type.ARRAY ? "Array" : "Map")
                                        + "); make the field non-null (an empty "
                                        + value.getType().getName() + " can stand for none)");
                    }
                    return typeOf(value).asNullable();
                }
            }
            throw unsupported(schema, "only a union of null and one other type maps (to Nullable)");
        }

        private ClickHouseType baseOf(Schema schema) {
            LogicalType logical = schema.getLogicalType();
            switch (schema.getType()) {
                case STRING:
                    return ClickHouseType.of(
                            logical instanceof LogicalTypes.Uuid ? ClickHouseBaseType.UUID : ClickHouseBaseType.STRING);
                case INT:
                    if (logical == null || logical instanceof LogicalTypes.TimeMillis) {
                        // time-millis: milliseconds after midnight, 0..86399999; no ClickHouse version here has a
                        // time-of-day type
                        return ClickHouseType.of(ClickHouseBaseType.INT32);
                    }
                    if (logical instanceof LogicalTypes.Date) {
                        return ClickHouseType.of(ClickHouseBaseType.DATE);
                    }
                    break;
                case LONG:
                    if (logical == null || logical instanceof LogicalTypes.TimeMicros) {
                        return ClickHouseType.of(ClickHouseBaseType.INT64);
                    }
                    if (logical instanceof LogicalTypes.TimestampMillis) {
                        return support.dateTime64()
                                ? ClickHouseType.dateTime64(3)
                                : ClickHouseType.of(ClickHouseBaseType.DATETIME);
                    }
                    if (logical instanceof LogicalTypes.TimestampMicros) {
                        return support.dateTime64()
                                ? ClickHouseType.dateTime64(6)
                                : ClickHouseType.of(ClickHouseBaseType.DATETIME);
                    }
                    break;
                case FLOAT:
                    return ClickHouseType.of(ClickHouseBaseType.FLOAT32);
                case DOUBLE:
                    return ClickHouseType.of(ClickHouseBaseType.FLOAT64);
                case BOOLEAN:
                    return ClickHouseType.of(support.bool() ? ClickHouseBaseType.BOOL : ClickHouseBaseType.UINT8);
                case BYTES:
                case FIXED:
                    if (logical instanceof LogicalTypes.Decimal decimal) {
                        if (decimal.getPrecision() > ClickHouseType.MAX_DECIMAL_PRECISION) {
                            throw unsupported(
                                    schema,
                                    "decimal precision " + decimal.getPrecision() + " is over ClickHouse's maximum of "
                                            + ClickHouseType.MAX_DECIMAL_PRECISION);
                        }
                        return ClickHouseType.decimal(decimal.getPrecision(), decimal.getScale());
                    }
                    if (logical != null) {
                        break;
                    }
                    return schema.getType() == Schema.Type.FIXED
                            ? ClickHouseType.fixedString(schema.getFixedSize())
                            : ClickHouseType.of(ClickHouseBaseType.STRING);
                case ENUM:
                    return enumOf(schema);
                case ARRAY:
                    return ClickHouseType.array(typeOf(schema.getElementType()));
                case MAP:
                    if (!support.map()) {
                        throw unsupported(
                                schema,
                                "this ClickHouse server has no Map type (it came with 21.8); create the table"
                                        + " yourself (for example with an Array or String column) or use a newer server");
                    }
                    return ClickHouseType.map(
                            ClickHouseType.of(ClickHouseBaseType.STRING), typeOf(schema.getValueType()));
                default:
                    break;
            }
            throw unsupported(schema, "no ClickHouse column type for it");
        }

        private ClickHouseType enumOf(Schema schema) {
            List<String> symbols = schema.getEnumSymbols();
            if (symbols.size() > MAX_ENUM16_SYMBOLS) {
                throw unsupported(
                        schema, symbols.size() + " symbols are more than an Enum16 holds (" + MAX_ENUM16_SYMBOLS + ")");
            }
            Map<String, Integer> values = new LinkedHashMap<>();
            for (int i = 0; i < symbols.size(); i++) {
                values.put(symbols.get(i), i);
            }
            return symbols.size() <= MAX_ENUM8_SYMBOLS ? ClickHouseType.enum8(values) : ClickHouseType.enum16(values);
        }

        private UnsupportedAvroTypeException unsupported(Schema type, String why) {
            return new UnsupportedAvroTypeException("field '" + field.name() + "' of record " + record.getFullName()
                    + " has Avro type " + type + ", which is not supported: " + why);
        }
    }
}
