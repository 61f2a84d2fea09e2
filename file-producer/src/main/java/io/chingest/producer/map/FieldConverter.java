package io.chingest.producer.map;

import io.chingest.common.mapping.ClickHouseType;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Turns the text of one non-empty value into the Avro representation of one field type (see the common module's
 * contract: Integer, Long, Float, Double, Boolean, ByteBuffer/GenericFixed, Integer days, Long millis). Implementations
 * are immutable and thread-safe.
 */
interface FieldConverter {

    /**
     * @param text the value, never {@code null}
     * @throws ValueRejectedException with the reason when the text is not a value of this type
     */
    Object convert(String text);

    /** The type as a user declared it in the schema, for messages: "int", "decimal(10, 2)", "date", ... */
    String typeName();

    /**
     * Whether delimited text can be converted to this Avro type (without its null branch): strings, int, long, float,
     * double, boolean, date, timestamp-millis and decimals; not enums, arrays, maps, bytes, fixed or other logical types.
     */
    static boolean handles(Schema valueSchema) {
        LogicalType logical = valueSchema.getLogicalType();
        return switch (valueSchema.getType()) {
            case STRING, FLOAT, DOUBLE, BOOLEAN -> logical == null;
            case INT -> logical == null || logical instanceof LogicalTypes.Date;
            case LONG -> logical == null || logical instanceof LogicalTypes.TimestampMillis;
            case BYTES, FIXED -> logical instanceof LogicalTypes.Decimal;
            default -> false;
        };
    }

    /**
     * The converter for a field the common mapping accepted and {@link #handles} is true for.
     *
     * @param type        the field's ClickHouse type, which decides the conversion
     * @param valueSchema the field's Avro schema without its null branch, which decides the decimal encoding
     */
    static FieldConverter of(ClickHouseType type, Schema valueSchema) {
        return switch (type.base()) {
            case STRING -> StringConverter.INSTANCE;
            case INT32 -> IntConverter.INSTANCE;
            case INT64 -> LongConverter.INSTANCE;
            case FLOAT32 -> FloatConverter.FLOAT;
            case FLOAT64 -> FloatConverter.DOUBLE;
            case UINT8 -> BooleanConverter.INSTANCE;
            case DECIMAL -> new DecimalConverter(type.precision(), type.scale(), valueSchema);
            case DATE -> DateConverter.INSTANCE;
            case DATETIME -> TimestampMillisConverter.INSTANCE;
            default -> throw new IllegalArgumentException("no delimited-text conversion to " + type.sql());
        };
    }
}
