package io.chingest.producer.map;

import io.chingest.common.mapping.ClickHouseType;
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
     * The converter for a field the common mapping accepted.
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
        };
    }
}
