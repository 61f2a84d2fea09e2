package io.chingest.consumer.clickhouse;

import io.chingest.common.mapping.ClickHouseType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Turns an Avro field's default value (as {@link Schema.Field#defaultVal()} gives it) into a ClickHouse expression of
 * the same value for the column the field maps to, for {@code ADD COLUMN ... DEFAULT}. Dates and times are written as
 * numbers ({@code toDate(days)}, {@code toDateTime(seconds)}), so the server's time zone does not change them; decimals
 * as their exact decimal text. Values with no such expression are empty. Stateless.
 */
public final class AvroDefaultLiteral {
    private static final long MAX_DATE_DAYS = 0xFFFFL;
    private static final long MAX_DATETIME_SECONDS = 0xFFFF_FFFFL;

    private AvroDefaultLiteral() {}

    /**
     * @param valueSchema the field's schema without its null branch
     * @param value       the default, not null and not {@link JsonProperties#NULL_VALUE}
     */
    public static Optional<String> of(Object value, Schema valueSchema, ClickHouseType type) {
        return switch (type.base()) {
            case STRING ->
                value instanceof CharSequence text ? Optional.of(TableName.literal(text.toString())) : Optional.empty();
            case INT32, INT64 ->
                value instanceof Integer || value instanceof Long ? Optional.of(value.toString()) : Optional.empty();
            case FLOAT32, FLOAT64 -> finite(value);
            case UINT8 -> value instanceof Boolean flag ? Optional.of(flag ? "1" : "0") : Optional.empty();
            case DATE ->
                value instanceof Integer days && days >= 0 && days <= MAX_DATE_DAYS
                        ? Optional.of("toDate(" + days + ")")
                        : Optional.empty();
            case DATETIME -> dateTime(value);
            case DECIMAL -> decimal(value, valueSchema);
            default -> Optional.empty();
        };
    }

    private static Optional<String> finite(Object value) {
        if (value instanceof Float f && Float.isFinite(f)) {
            return Optional.of(new BigDecimal(Float.toString(f)).toPlainString());
        }
        if (value instanceof Double d && Double.isFinite(d)) {
            return Optional.of(BigDecimal.valueOf(d).toPlainString());
        }
        if (value instanceof Integer || value instanceof Long) {
            return Optional.of(value.toString());
        }
        return Optional.empty();
    }

    private static Optional<String> dateTime(Object value) {
        if (!(value instanceof Long) && !(value instanceof Integer)) {
            return Optional.empty();
        }
        // As the column writer does: whole seconds, milliseconds dropped.
        long seconds = Math.floorDiv(((Number) value).longValue(), 1000L);
        if (seconds < 0 || seconds > MAX_DATETIME_SECONDS) {
            return Optional.empty();
        }
        return Optional.of("toDateTime(" + seconds + ")");
    }

    private static Optional<String> decimal(Object value, Schema valueSchema) {
        if (!(valueSchema.getLogicalType() instanceof LogicalTypes.Decimal decimal)) {
            return Optional.empty();
        }
        byte[] unscaled;
        if (value instanceof byte[] bytes) {
            unscaled = bytes;
        } else if (value instanceof ByteBuffer buffer) {
            unscaled = new byte[buffer.remaining()];
            buffer.duplicate().get(unscaled);
        } else {
            return Optional.empty();
        }
        BigInteger number = unscaled.length == 0 ? BigInteger.ZERO : new BigInteger(unscaled);
        // A string literal: the server parses it exactly into the column's Decimal, where a number would pass through
        // Float64.
        return Optional.of(TableName.literal(new BigDecimal(number, decimal.getScale()).toPlainString()));
    }
}
