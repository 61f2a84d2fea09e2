package io.chingest.common.mapping;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A ClickHouse column type: a family and what it takes. Build one with the factories ({@link #of}, {@link #decimal},
 * {@link #dateTime64}, {@link #fixedString}, {@link #enum8}, {@link #enum16}, {@link #array}, {@link #map}) and the
 * wrappers {@link #asNullable()} and {@link #asLowCardinality()}. Immutable.
 *
 * @param nullable       {@code Nullable(...)}; never for Array or Map, which ClickHouse cannot wrap so
 * @param lowCardinality {@code LowCardinality(...)}, outside Nullable; same RowBinary bytes as the inner type
 * @param precision      decimal digits, 1..38 for Decimal; sub-second digits, 0..9 for DateTime64; else 0
 * @param scale          digits after the point, 0..precision for Decimal; else 0
 * @param length         bytes of a FixedString, at least 1; else 0
 * @param enumValues     symbol to value of an Enum8/Enum16, in declaration order; else empty
 * @param elements       the element type of an Array, the key and value types of a Map; else empty
 */
public record ClickHouseType(
        ClickHouseBaseType base,
        boolean nullable,
        boolean lowCardinality,
        int precision,
        int scale,
        int length,
        Map<String, Integer> enumValues,
        List<ClickHouseType> elements) {
    public static final int MAX_DECIMAL_PRECISION = 38;
    public static final int MAX_DATETIME64_PRECISION = 9;

    public ClickHouseType {
        Objects.requireNonNull(base, "base");
        enumValues = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(enumValues, "enumValues")));
        elements = List.copyOf(elements);
        check(base, nullable, lowCardinality, precision, scale, length, enumValues, elements);
    }

    /** A plain type of a family without parameters, or a Decimal when precision and scale are given. */
    public ClickHouseType(ClickHouseBaseType base, boolean nullable, int precision, int scale) {
        this(base, nullable, false, precision, scale, 0, Map.of(), List.of());
    }

    /** A family that takes no parameters: String, the integers, floats, Bool, Date, DateTime, UUID. */
    public static ClickHouseType of(ClickHouseBaseType base) {
        return new ClickHouseType(base, false, 0, 0);
    }

    public static ClickHouseType decimal(int precision, int scale) {
        return new ClickHouseType(ClickHouseBaseType.DECIMAL, false, precision, scale);
    }

    public static ClickHouseType dateTime64(int precision) {
        return new ClickHouseType(ClickHouseBaseType.DATETIME64, false, false, precision, 0, 0, Map.of(), List.of());
    }

    public static ClickHouseType fixedString(int length) {
        return new ClickHouseType(ClickHouseBaseType.FIXED_STRING, false, false, 0, 0, length, Map.of(), List.of());
    }

    /** @param values symbol to value, in the order to declare them */
    public static ClickHouseType enum8(Map<String, Integer> values) {
        return new ClickHouseType(ClickHouseBaseType.ENUM8, false, false, 0, 0, 0, values, List.of());
    }

    /** @param values symbol to value, in the order to declare them */
    public static ClickHouseType enum16(Map<String, Integer> values) {
        return new ClickHouseType(ClickHouseBaseType.ENUM16, false, false, 0, 0, 0, values, List.of());
    }

    public static ClickHouseType array(ClickHouseType element) {
        return new ClickHouseType(ClickHouseBaseType.ARRAY, false, false, 0, 0, 0, Map.of(), List.of(element));
    }

    public static ClickHouseType map(ClickHouseType key, ClickHouseType value) {
        return new ClickHouseType(ClickHouseBaseType.MAP, false, false, 0, 0, 0, Map.of(), List.of(key, value));
    }

    public ClickHouseType asNullable() {
        return new ClickHouseType(base, true, lowCardinality, precision, scale, length, enumValues, elements);
    }

    public ClickHouseType withoutNullable() {
        return new ClickHouseType(base, false, lowCardinality, precision, scale, length, enumValues, elements);
    }

    public ClickHouseType asLowCardinality() {
        return new ClickHouseType(base, nullable, true, precision, scale, length, enumValues, elements);
    }

    public ClickHouseType withoutLowCardinality() {
        return new ClickHouseType(base, nullable, false, precision, scale, length, enumValues, elements);
    }

    /** The element type of an Array. */
    public ClickHouseType element() {
        requireBase(ClickHouseBaseType.ARRAY);
        return elements.get(0);
    }

    /** The key type of a Map. */
    public ClickHouseType mapKey() {
        requireBase(ClickHouseBaseType.MAP);
        return elements.get(0);
    }

    /** The value type of a Map. */
    public ClickHouseType mapValue() {
        requireBase(ClickHouseBaseType.MAP);
        return elements.get(1);
    }

    /** The type as ClickHouse SQL: "String", "Nullable(Int32)", "Decimal(18, 4)", "Enum8('a' = 1)", "Array(Nullable(UUID))"... */
    public String sql() {
        String plain = switch (base) {
            case STRING -> "String";
            case INT8 -> "Int8";
            case INT16 -> "Int16";
            case INT32 -> "Int32";
            case INT64 -> "Int64";
            case UINT8 -> "UInt8";
            case UINT16 -> "UInt16";
            case UINT32 -> "UInt32";
            case UINT64 -> "UInt64";
            case FLOAT32 -> "Float32";
            case FLOAT64 -> "Float64";
            case BOOL -> "Bool";
            case DECIMAL -> "Decimal(" + precision + ", " + scale + ")";
            case DATE -> "Date";
            case DATETIME -> "DateTime";
            case DATETIME64 -> "DateTime64(" + precision + ")";
            case UUID -> "UUID";
            case FIXED_STRING -> "FixedString(" + length + ")";
            case ENUM8 -> "Enum8(" + enumSql() + ")";
            case ENUM16 -> "Enum16(" + enumSql() + ")";
            case ARRAY -> "Array(" + element().sql() + ")";
            case MAP -> "Map(" + mapKey().sql() + ", " + mapValue().sql() + ")";
        };
        String maybeNull = nullable ? "Nullable(" + plain + ")" : plain;
        return lowCardinality ? "LowCardinality(" + maybeNull + ")" : maybeNull;
    }

    private String enumSql() {
        StringBuilder sql = new StringBuilder();
        enumValues.forEach((symbol, value) -> {
            if (sql.length() > 0) {
                sql.append(", ");
            }
            sql.append(quoted(symbol)).append(" = ").append(value);
        });
        return sql.toString();
    }

    /** A ClickHouse string literal: single quotes, with backslash and quote escaped. */
    public static String quoted(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private void requireBase(ClickHouseBaseType wanted) {
        if (base != wanted) {
            throw new IllegalStateException(sql() + " is not a " + wanted);
        }
    }

    private static void check(
            ClickHouseBaseType base,
            boolean nullable,
            boolean lowCardinality,
            int precision,
            int scale,
            int length,
            Map<String, Integer> enumValues,
            List<ClickHouseType> elements) {
        if (base == ClickHouseBaseType.DECIMAL) {
            if (precision < 1 || precision > MAX_DECIMAL_PRECISION) {
                throw new IllegalArgumentException(
                        "Decimal precision " + precision + " is outside 1.." + MAX_DECIMAL_PRECISION);
            }
            if (scale < 0 || scale > precision) {
                throw new IllegalArgumentException(
                        "Decimal scale " + scale + " is outside 0.." + precision + " (the precision)");
            }
        } else if (base == ClickHouseBaseType.DATETIME64) {
            if (precision < 0 || precision > MAX_DATETIME64_PRECISION || scale != 0) {
                throw new IllegalArgumentException(
                        "DateTime64 precision " + precision + " is outside 0.." + MAX_DATETIME64_PRECISION);
            }
        } else if (precision != 0 || scale != 0) {
            throw new IllegalArgumentException(
                    base + " takes no precision or scale, got (" + precision + ", " + scale + ")");
        }
        if ((base == ClickHouseBaseType.FIXED_STRING) != (length > 0)) {
            throw new IllegalArgumentException(
                    base == ClickHouseBaseType.FIXED_STRING
                            ? "FixedString length must be positive, was " + length
                            : base + " takes no length, got " + length);
        }
        boolean isEnum = base == ClickHouseBaseType.ENUM8 || base == ClickHouseBaseType.ENUM16;
        if (isEnum) {
            int bound = base == ClickHouseBaseType.ENUM8 ? Byte.MAX_VALUE : Short.MAX_VALUE;
            if (enumValues.isEmpty()) {
                throw new IllegalArgumentException(base + " needs at least one value");
            }
            for (Map.Entry<String, Integer> entry : enumValues.entrySet()) {
                int value = Objects.requireNonNull(entry.getValue(), "enum value");
                if (value < -bound - 1 || value > bound) {
                    throw new IllegalArgumentException(base + " value " + value + " of '" + entry.getKey()
                            + "' is outside " + (-bound - 1) + ".." + bound);
                }
            }
            if (enumValues.values().stream().distinct().count() != enumValues.size()) {
                throw new IllegalArgumentException(base + " values must differ, got " + enumValues);
            }
        } else if (!enumValues.isEmpty()) {
            throw new IllegalArgumentException(base + " takes no enum values");
        }
        int wantedElements = base == ClickHouseBaseType.ARRAY ? 1 : base == ClickHouseBaseType.MAP ? 2 : 0;
        if (elements.size() != wantedElements) {
            throw new IllegalArgumentException(
                    base + " takes " + wantedElements + " element types, got " + elements.size());
        }
        boolean composite = wantedElements > 0;
        if (composite && (nullable || lowCardinality)) {
            throw new IllegalArgumentException(
                    "ClickHouse has no Nullable or LowCardinality " + base + "; put the wrapper on the elements");
        }
    }
}
