package io.chingest.common.mapping;

import java.util.Objects;

/**
 * A ClickHouse column type; precision/scale only meaningful for DECIMAL (else 0). Immutable.
 *
 * @param precision total decimal digits, 1..38 for DECIMAL
 * @param scale digits after the point, 0..precision for DECIMAL
 */
public record ClickHouseType(ClickHouseBaseType base, boolean nullable, int precision, int scale) {
    public static final int MAX_DECIMAL_PRECISION = 38;

    public ClickHouseType {
        Objects.requireNonNull(base, "base");
        if (base == ClickHouseBaseType.DECIMAL) {
            if (precision < 1 || precision > MAX_DECIMAL_PRECISION) {
                throw new IllegalArgumentException("Decimal precision " + precision + " is outside 1.." + MAX_DECIMAL_PRECISION);
            }
            if (scale < 0 || scale > precision) {
                throw new IllegalArgumentException("Decimal scale " + scale + " is outside 0.." + precision + " (the precision)");
            }
        } else if (precision != 0 || scale != 0) {
            throw new IllegalArgumentException(base + " takes no precision or scale, got (" + precision + ", " + scale + ")");
        }
    }

    /** The type as ClickHouse SQL: "String", "Nullable(Int32)", "Decimal(18, 4)", "Nullable(DateTime)"... */
    public String sql() {
        String plain = switch (base) {
            case STRING -> "String";
            case INT32 -> "Int32";
            case INT64 -> "Int64";
            case FLOAT32 -> "Float32";
            case FLOAT64 -> "Float64";
            case UINT8 -> "UInt8";
            case DECIMAL -> "Decimal(" + precision + ", " + scale + ")";
            case DATE -> "Date";
            case DATETIME -> "DateTime";
        };
        return nullable ? "Nullable(" + plain + ")" : plain;
    }
}
