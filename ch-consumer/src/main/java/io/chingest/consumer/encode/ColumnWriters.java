package io.chingest.consumer.encode;

import io.chingest.common.mapping.ClickHouseBaseType;
import io.chingest.common.mapping.ClickHouseType;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.util.Utf8;

/**
 * Chooses the RowBinary {@link ColumnWriter} for an Avro field type written to a column type, checking once that the
 * pair fits and then each value against the column's range. RowBinary as ClickHouse reads it (checked against 18.16):
 * little-endian numbers of the column's width, UInt8 booleans (Bool too), Decimal as Int32/Int64/Int128 of the
 * unscaled value, Date as UInt16 days, DateTime as UInt32 seconds, DateTime64(p) as Int64 ticks of 10^-p seconds,
 * UUID as two little-endian UInt64 halves (the high half first), Enum8/Enum16 as the Int8/Int16 value of the symbol,
 * FixedString(N) as N bytes padded with zeros, String and Array and Map with a LEB128 length first, Nullable as a
 * 1-byte null marker before the value, LowCardinality as its inner type (18.16 needs a setting to create such a column
 * but none to insert into one). Stateless.
 *
 * <p>The pairs, column type &lt;- Avro type (any column may also be Nullable when the field is not): String &lt;- string,
 * enum (the symbol), bytes, fixed; FixedString(N) &lt;- fixed(M &lt;= N), bytes and string of at most N bytes; UUID &lt;-
 * string (logicalType uuid or plain, in the 8-4-4-4-12 form); Enum8/Enum16 &lt;- enum or string whose symbols are in the
 * column; every integer width &lt;- int, long, time-millis, time-micros (range-checked per value); UInt8 and Bool &lt;-
 * boolean; Float32 &lt;- float; Float64 &lt;- float, double; Decimal(P, S) &lt;- decimal(p &lt;= P, S); Date &lt;- date;
 * DateTime and DateTime64 &lt;- timestamp-millis, timestamp-micros; Array(T) &lt;- array of what T takes; Map(String, T)
 * &lt;- map of what T takes.
 */
public final class ColumnWriters {
    private static final long MAX_DATE_DAYS = 0xFFFFL;
    private static final long MAX_DATETIME_SECONDS = 0xFFFF_FFFFL;
    /** DateTime64's documented range, 1900-01-01 00:00:00 to 2299-12-31 23:59:59 UTC. */
    private static final long MIN_DATETIME64_SECONDS = -2_208_988_800L;

    private static final long MAX_DATETIME64_SECONDS = 10_413_791_999L;
    private static final int DECIMAL32_MAX_PRECISION = 9;
    private static final int DECIMAL64_MAX_PRECISION = 18;
    private static final long[] POWERS_OF_TEN = powersOfTen();

    private ColumnWriters() {}

    /**
     * The writer for values of the Avro type that {@code --create-table} maps to this column type, as
     * GenericDatumReader produces them: Utf8/CharSequence for String, UUID and Enum (the symbol), Boolean for UInt8 and
     * Bool, Integer for Int8/Int16/Int32/UInt16, Long for UInt32/Int64/UInt64, ByteBuffer for Decimal, GenericFixed for
     * FixedString, Integer days for Date, Long milliseconds for DateTime and DateTime64 up to precision 3, Long
     * microseconds for DateTime64 of precision 4 to 9, a List for Array and a Map with CharSequence keys for Map.
     * Public so that tests can encode one value of any column type to RowBinary bytes.
     */
    public static ColumnWriter forType(ClickHouseType type) {
        return forField(naturalSchemaOf(type), type);
    }

    /**
     * The writer for values of an Avro field type (a union of null and one type for a nullable field) into a column type.
     *
     * @throws IncompatibleTypeException when no value of the field type could be written to the column
     */
    public static ColumnWriter forField(Schema field, ClickHouseType column) {
        if (field.getType() == Schema.Type.UNION) {
            Schema value = nonNullBranch(field);
            if (value == null) {
                throw new IncompatibleTypeException(
                        "Avro type " + field + " is a union that is not of null and one other type");
            }
            if (!column.nullable()) {
                throw new IncompatibleTypeException("a nullable field needs a Nullable column");
            }
            return nullable(valueWriter(value, column.withoutNullable()));
        }
        if (column.nullable()) {
            return nullable(valueWriter(field, column.withoutNullable()));
        }
        return notNull(valueWriter(field, column));
    }

    /** The Avro type {@code --create-table} maps to the column type (strings for enums, whose symbols need not be Avro names). */
    static Schema naturalSchemaOf(ClickHouseType type) {
        Schema plain = switch (type.base()) {
            case STRING -> Schema.create(Schema.Type.STRING);
            case INT8, INT16, INT32, UINT16 -> Schema.create(Schema.Type.INT);
            case UINT32, INT64, UINT64 -> Schema.create(Schema.Type.LONG);
            case UINT8, BOOL -> Schema.create(Schema.Type.BOOLEAN);
            case FLOAT32 -> Schema.create(Schema.Type.FLOAT);
            case FLOAT64 -> Schema.create(Schema.Type.DOUBLE);
            case DECIMAL ->
                LogicalTypes.decimal(type.precision(), type.scale()).addToSchema(Schema.create(Schema.Type.BYTES));
            case DATE -> LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
            case DATETIME -> LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
            case DATETIME64 ->
                (type.precision() <= 3 ? LogicalTypes.timestampMillis() : LogicalTypes.timestampMicros())
                        .addToSchema(Schema.create(Schema.Type.LONG));
            case UUID -> LogicalTypes.uuid().addToSchema(Schema.create(Schema.Type.STRING));
            case FIXED_STRING -> Schema.createFixed("fixed_" + type.length(), null, null, type.length());
            case ENUM8, ENUM16 -> Schema.create(Schema.Type.STRING);
            case ARRAY -> Schema.createArray(naturalSchemaOf(type.element()));
            case MAP -> Schema.createMap(naturalSchemaOf(type.mapValue()));
        };
        return type.nullable() ? Schema.createUnion(Schema.create(Schema.Type.NULL), plain) : plain;
    }

    private static Schema nonNullBranch(Schema union) {
        List<Schema> branches = union.getTypes();
        if (branches.size() != 2) {
            return null;
        }
        Schema first = branches.get(0);
        Schema second = branches.get(1);
        if (first.getType() == Schema.Type.NULL && second.getType() != Schema.Type.NULL) {
            return second;
        }
        return second.getType() == Schema.Type.NULL && first.getType() != Schema.Type.NULL ? first : null;
    }

    /** The writer for a field type that is no union into a column type that is not Nullable. */
    private static ColumnWriter valueWriter(Schema field, ClickHouseType column) {
        ClickHouseType type = column.withoutLowCardinality();
        LogicalType logical = field.getLogicalType();
        Schema.Type avro = field.getType();
        switch (type.base()) {
            case STRING:
                if (avro == Schema.Type.STRING || avro == Schema.Type.ENUM) {
                    return ColumnWriters::writeString;
                }
                if ((avro == Schema.Type.BYTES || avro == Schema.Type.FIXED) && logical == null) {
                    return ColumnWriters::writeBinaryString;
                }
                break;
            case FIXED_STRING:
                return fixedStringWriter(field, type.length());
            case UUID:
                if (avro == Schema.Type.STRING) {
                    return ColumnWriters::writeUuid;
                }
                break;
            case ENUM8:
            case ENUM16:
                if (avro == Schema.Type.ENUM || avro == Schema.Type.STRING) {
                    return enumWriter(type);
                }
                break;
            case INT8:
            case INT16:
            case INT32:
            case INT64:
            case UINT8:
            case UINT16:
            case UINT32:
            case UINT64:
                return integerWriter(field, type);
            case BOOL:
                if (avro == Schema.Type.BOOLEAN) {
                    return (value, out) -> out.writeUInt8(expect(value, Boolean.class, "Bool") ? 1 : 0);
                }
                break;
            case FLOAT32:
                if (avro == Schema.Type.FLOAT) {
                    return (value, out) -> out.writeFloat32(expect(value, Float.class, "Float32"));
                }
                break;
            case FLOAT64:
                if (avro == Schema.Type.DOUBLE) {
                    return (value, out) -> out.writeFloat64(expect(value, Double.class, "Float64"));
                }
                if (avro == Schema.Type.FLOAT) {
                    return (value, out) -> out.writeFloat64(expect(value, Float.class, "Float64"));
                }
                break;
            case DECIMAL:
                if (logical instanceof LogicalTypes.Decimal decimal) {
                    if (decimal.getScale() != type.scale() || decimal.getPrecision() > type.precision()) {
                        throw new IncompatibleTypeException("decimal(" + decimal.getPrecision() + ", "
                                + decimal.getScale() + ") needs the same scale and at least the precision");
                    }
                    return decimalWriter(type.precision());
                }
                break;
            case DATE:
                if (avro == Schema.Type.INT && logical instanceof LogicalTypes.Date) {
                    return ColumnWriters::writeDate;
                }
                break;
            case DATETIME:
                if (logical instanceof LogicalTypes.TimestampMillis) {
                    return (value, out) -> writeDateTime(value, out, 1_000L, "ms");
                }
                if (logical instanceof LogicalTypes.TimestampMicros) {
                    return (value, out) -> writeDateTime(value, out, 1_000_000L, "us");
                }
                break;
            case DATETIME64:
                if (logical instanceof LogicalTypes.TimestampMillis) {
                    return dateTime64Writer(3, type.precision());
                }
                if (logical instanceof LogicalTypes.TimestampMicros) {
                    return dateTime64Writer(6, type.precision());
                }
                break;
            case ARRAY:
                if (avro == Schema.Type.ARRAY) {
                    return arrayWriter(forField(field.getElementType(), type.element()));
                }
                break;
            case MAP:
                if (avro == Schema.Type.MAP) {
                    if (type.mapKey().withoutLowCardinality().base() != ClickHouseBaseType.STRING
                            || type.mapKey().nullable()) {
                        throw new IncompatibleTypeException(
                                "Avro map keys are strings and need a Map(String, ...) column");
                    }
                    return mapWriter(forField(field.getValueType(), type.mapValue()));
                }
                break;
            default:
                break;
        }
        throw new IncompatibleTypeException(
                "Avro type " + field + " cannot be written to a " + column.sql() + " column");
    }

    private static ColumnWriter integerWriter(Schema field, ClickHouseType type) {
        ClickHouseBaseType base = type.base();
        LogicalType logical = field.getLogicalType();
        if (field.getType() == Schema.Type.BOOLEAN && base == ClickHouseBaseType.UINT8) {
            return (value, out) -> out.writeUInt8(expect(value, Boolean.class, "UInt8") ? 1 : 0);
        }
        boolean fromInt =
                field.getType() == Schema.Type.INT && (logical == null || logical instanceof LogicalTypes.TimeMillis);
        boolean fromLong =
                field.getType() == Schema.Type.LONG && (logical == null || logical instanceof LogicalTypes.TimeMicros);
        if (!fromInt && !fromLong) {
            throw new IncompatibleTypeException(
                    "Avro type " + field + " cannot be written to a " + type.sql() + " column");
        }
        long min = switch (base) {
            case INT8 -> Byte.MIN_VALUE;
            case INT16 -> Short.MIN_VALUE;
            case INT32 -> Integer.MIN_VALUE;
            case INT64 -> Long.MIN_VALUE;
            default -> 0;
        };
        long max = switch (base) {
            case INT8 -> Byte.MAX_VALUE;
            case INT16 -> Short.MAX_VALUE;
            case INT32 -> Integer.MAX_VALUE;
            case UINT8 -> 0xFFL;
            case UINT16 -> 0xFFFFL;
            case UINT32 -> 0xFFFF_FFFFL;
            default -> Long.MAX_VALUE;
        };
        int width = switch (base) {
            case INT8, UINT8 -> 1;
            case INT16, UINT16 -> 2;
            case INT32, UINT32 -> 4;
            default -> 8;
        };
        String name = type.sql();
        return (value, out) -> {
            long number = fromInt ? expect(value, Integer.class, name) : expect(value, Long.class, name);
            if (number < min || number > max) {
                throw new ValueEncodingException(
                        "value " + number + " is outside " + name + "'s range " + min + ".." + max);
            }
            switch (width) {
                case 1 -> out.writeUInt8((int) number);
                case 2 -> out.writeUInt16((int) number);
                case 4 -> out.writeInt32((int) number);
                default -> out.writeInt64(number);
            }
        };
    }

    private static ColumnWriter enumWriter(ClickHouseType type) {
        Map<String, Integer> values = new HashMap<>(type.enumValues());
        boolean wide = type.base() == ClickHouseBaseType.ENUM16;
        return (value, out) -> {
            if (!(value instanceof CharSequence) && !(value instanceof GenericEnumSymbol<?>)) {
                throw unexpected(value, type.sql());
            }
            String symbol = value.toString();
            Integer number = values.get(symbol);
            if (number == null) {
                throw new ValueEncodingException("enum symbol '" + symbol + "' is not one of the column's symbols "
                        + type.enumValues().keySet());
            }
            if (wide) {
                out.writeUInt16(number);
            } else {
                out.writeUInt8(number);
            }
        };
    }

    private static ColumnWriter fixedStringWriter(Schema field, int length) {
        Schema.Type avro = field.getType();
        if (field.getLogicalType() == null && avro == Schema.Type.FIXED) {
            if (field.getFixedSize() > length) {
                throw new IncompatibleTypeException(
                        "fixed of " + field.getFixedSize() + " bytes does not fit a FixedString(" + length + ")");
            }
        } else if (!(field.getLogicalType() == null && avro == Schema.Type.BYTES) && avro != Schema.Type.STRING) {
            throw new IncompatibleTypeException(
                    "Avro type " + field + " cannot be written to a FixedString(" + length + ") column");
        }
        return (value, out) -> {
            byte[] bytes;
            int size;
            if (value instanceof GenericFixed fixed) {
                bytes = fixed.bytes();
                size = bytes.length;
            } else if (value instanceof ByteBuffer buffer) {
                bytes = new byte[buffer.remaining()];
                buffer.duplicate().get(bytes);
                size = bytes.length;
            } else if (value instanceof Utf8 utf8) {
                bytes = utf8.getBytes();
                size = utf8.getByteLength();
            } else if (value instanceof CharSequence text) {
                bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                size = bytes.length;
            } else {
                throw unexpected(value, "FixedString(" + length + ")");
            }
            if (size > length) {
                throw new ValueEncodingException(
                        "value of " + size + " bytes is longer than FixedString(" + length + ")");
            }
            out.writeBytes(bytes, 0, size);
            for (int i = size; i < length; i++) {
                out.writeUInt8(0);
            }
        };
    }

    private static ColumnWriter arrayWriter(ColumnWriter element) {
        return (value, out) -> {
            if (!(value instanceof Collection<?> items)) {
                throw unexpected(value, "Array");
            }
            out.writeVarUInt(items.size());
            int index = 0;
            for (Object item : items) {
                try {
                    element.write(item, out);
                } catch (ValueEncodingException e) {
                    throw new ValueEncodingException("element " + index + ": " + e.getMessage());
                }
                index++;
            }
        };
    }

    private static ColumnWriter mapWriter(ColumnWriter valueWriter) {
        return (value, out) -> {
            if (!(value instanceof Map<?, ?> entries)) {
                throw unexpected(value, "Map");
            }
            out.writeVarUInt(entries.size());
            for (Map.Entry<?, ?> entry : entries.entrySet()) {
                writeString(entry.getKey(), out);
                try {
                    valueWriter.write(entry.getValue(), out);
                } catch (ValueEncodingException e) {
                    throw new ValueEncodingException("key '" + entry.getKey() + "': " + e.getMessage());
                }
            }
        };
    }

    private static ColumnWriter nullable(ColumnWriter base) {
        return (value, out) -> {
            if (value == null) {
                out.writeUInt8(1);
            } else {
                out.writeUInt8(0);
                base.write(value, out);
            }
        };
    }

    private static ColumnWriter notNull(ColumnWriter base) {
        return (value, out) -> {
            if (value == null) {
                throw new ValueEncodingException("null value for a column that is not Nullable");
            }
            base.write(value, out);
        };
    }

    private static void writeString(Object value, RowBinaryWriter out) {
        if (value instanceof Utf8 utf8) {
            out.writeString(utf8.getBytes(), 0, utf8.getByteLength());
        } else if (value instanceof CharSequence || value instanceof GenericEnumSymbol<?>) {
            out.writeString(value.toString());
        } else {
            throw unexpected(value, "String");
        }
    }

    private static void writeBinaryString(Object value, RowBinaryWriter out) {
        if (value instanceof ByteBuffer buffer) {
            ByteBuffer view = buffer.duplicate();
            byte[] bytes = new byte[view.remaining()];
            view.get(bytes);
            out.writeString(bytes, 0, bytes.length);
        } else if (value instanceof GenericFixed fixed) {
            out.writeString(fixed.bytes(), 0, fixed.bytes().length);
        } else {
            throw unexpected(value, "String");
        }
    }

    /** A UUID in its canonical 8-4-4-4-12 hex form, written as RowBinary's two little-endian halves. */
    private static void writeUuid(Object value, RowBinaryWriter out) {
        if (value instanceof UUID uuid) {
            out.writeInt64(uuid.getMostSignificantBits());
            out.writeInt64(uuid.getLeastSignificantBits());
            return;
        }
        if (!(value instanceof CharSequence text)) {
            throw unexpected(value, "UUID");
        }
        String canonical = text.toString();
        UUID uuid = null;
        if (canonical.length() == 36
                && canonical.charAt(8) == '-'
                && canonical.charAt(13) == '-'
                && canonical.charAt(18) == '-'
                && canonical.charAt(23) == '-') {
            try {
                uuid = UUID.fromString(canonical);
            } catch (IllegalArgumentException e) {
                uuid = null;
            }
        }
        if (uuid == null) {
            throw new ValueEncodingException(
                    "'" + (canonical.length() > 64 ? canonical.substring(0, 64) + "..." : canonical)
                            + "' is not a UUID in the form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx");
        }
        out.writeInt64(uuid.getMostSignificantBits());
        out.writeInt64(uuid.getLeastSignificantBits());
    }

    private static void writeDate(Object value, RowBinaryWriter out) {
        int days = expect(value, Integer.class, "Date");
        if (days < 0 || days > MAX_DATE_DAYS) {
            throw new ValueEncodingException("date of " + days
                    + " days since 1970-01-01 is outside ClickHouse Date's range 0.." + MAX_DATE_DAYS);
        }
        out.writeUInt16(days);
    }

    /** Seconds from a timestamp in 1/unitsPerSecond units, the fraction dropped (rounded towards the past). */
    private static void writeDateTime(Object value, RowBinaryWriter out, long unitsPerSecond, String unit) {
        long ticks = expect(value, Long.class, "DateTime");
        long seconds = Math.floorDiv(ticks, unitsPerSecond);
        if (seconds < 0 || seconds > MAX_DATETIME_SECONDS) {
            throw new ValueEncodingException(
                    "timestamp of " + ticks + " " + unit + " since the epoch is outside ClickHouse DateTime's range"
                            + " of 0.." + MAX_DATETIME_SECONDS + " seconds");
        }
        out.writeUInt32(seconds);
    }

    /** Int64 ticks of 10^-precision seconds from a timestamp of 10^-sourceDigits seconds, finer digits dropped towards the past. */
    private static ColumnWriter dateTime64Writer(int sourceDigits, int precision) {
        long unitsPerSecond = POWERS_OF_TEN[sourceDigits];
        String unit = sourceDigits == 3 ? "ms" : "us";
        String name = "DateTime64(" + precision + ")";
        return (value, out) -> {
            long ticks = expect(value, Long.class, name);
            long seconds = Math.floorDiv(ticks, unitsPerSecond);
            if (seconds < MIN_DATETIME64_SECONDS || seconds > MAX_DATETIME64_SECONDS) {
                throw new ValueEncodingException("timestamp of " + ticks + " " + unit
                        + " since the epoch is outside ClickHouse " + name + "'s range of 1900-01-01 to 2299-12-31");
            }
            long scaled;
            try {
                scaled = precision >= sourceDigits
                        ? Math.multiplyExact(ticks, POWERS_OF_TEN[precision - sourceDigits])
                        : Math.floorDiv(ticks, POWERS_OF_TEN[sourceDigits - precision]);
            } catch (ArithmeticException e) {
                throw new ValueEncodingException(
                        "timestamp of " + ticks + " " + unit + " since the epoch overflows " + name);
            }
            out.writeInt64(scaled);
        };
    }

    private static ColumnWriter decimalWriter(int precision) {
        int width = precision <= DECIMAL32_MAX_PRECISION ? 4 : precision <= DECIMAL64_MAX_PRECISION ? 8 : 16;
        BigInteger limit = BigInteger.TEN.pow(precision);
        return (value, out) -> {
            byte[] bigEndian = unscaledBytes(value);
            if (width == 16) {
                writeInt128(bigEndian, precision, limit, out);
                return;
            }
            long unscaled = toLong(bigEndian, precision);
            long bound = POWERS_OF_TEN[precision];
            if (unscaled <= -bound || unscaled >= bound) {
                throw decimalOverflow(BigInteger.valueOf(unscaled), precision);
            }
            if (width == 4) {
                out.writeInt32((int) unscaled);
            } else {
                out.writeInt64(unscaled);
            }
        };
    }

    private static byte[] unscaledBytes(Object value) {
        if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return bytes;
        }
        if (value instanceof GenericFixed fixed) {
            return fixed.bytes();
        }
        throw unexpected(value, "Decimal");
    }

    /** Reads big-endian two's complement into a long; more than 8 significant bytes cannot fit a precision of 18 or less. */
    private static long toLong(byte[] bigEndian, int precision) {
        if (bigEndian.length == 0) {
            return 0;
        }
        if (bigEndian.length > 8 && !isSignExtension(bigEndian, bigEndian.length - 8)) {
            throw decimalOverflow(new BigInteger(bigEndian), precision);
        }
        long result = bigEndian[0] < 0 ? -1L : 0L;
        for (int i = Math.max(0, bigEndian.length - 8); i < bigEndian.length; i++) {
            result = (result << 8) | (bigEndian[i] & 0xFF);
        }
        return result;
    }

    private static void writeInt128(byte[] bigEndian, int precision, BigInteger limit, RowBinaryWriter out) {
        BigInteger unscaled = bigEndian.length == 0 ? BigInteger.ZERO : new BigInteger(bigEndian);
        if (unscaled.abs().compareTo(limit) >= 0) {
            throw decimalOverflow(unscaled, precision);
        }
        byte[] minimal = unscaled.toByteArray();
        byte sign = (byte) (unscaled.signum() < 0 ? 0xFF : 0x00);
        for (int i = 0; i < 16; i++) {
            int index = minimal.length - 1 - i;
            out.writeUInt8(index >= 0 ? minimal[index] : sign);
        }
    }

    /** True when bytes [0, count) only repeat the sign of byte {@code count}. */
    private static boolean isSignExtension(byte[] bigEndian, int count) {
        byte sign = (byte) (bigEndian[count] < 0 ? 0xFF : 0x00);
        for (int i = 0; i < count; i++) {
            if (bigEndian[i] != sign) {
                return false;
            }
        }
        return true;
    }

    private static ValueEncodingException decimalOverflow(BigInteger unscaled, int precision) {
        return new ValueEncodingException(
                "unscaled decimal value " + unscaled + " has more than the column's " + precision + " digits");
    }

    private static <T> T expect(Object value, Class<T> type, String columnType) {
        if (!type.isInstance(value)) {
            throw unexpected(value, columnType);
        }
        return type.cast(value);
    }

    private static ValueEncodingException unexpected(Object value, String columnType) {
        return new ValueEncodingException(
                "a " + value.getClass().getName() + " value cannot be written to a " + columnType + " column");
    }

    private static long[] powersOfTen() {
        long[] powers = new long[DECIMAL64_MAX_PRECISION + 1];
        powers[0] = 1;
        for (int i = 1; i < powers.length; i++) {
            powers[i] = powers[i - 1] * 10;
        }
        return powers;
    }
}
