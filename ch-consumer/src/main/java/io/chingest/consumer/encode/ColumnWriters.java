package io.chingest.consumer.encode;

import io.chingest.common.mapping.ClickHouseType;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.util.Utf8;

/**
 * Chooses the RowBinary {@link ColumnWriter} for a column type: little-endian numbers, UInt8 booleans,
 * Decimal as Int32/Int64/Int128 of the unscaled value, Date as UInt16 days, DateTime as UInt32 seconds,
 * Nullable as a 1-byte null marker before the value. Stateless.
 */
public final class ColumnWriters {
    private static final long MAX_DATE_DAYS = 0xFFFFL;
    private static final long MAX_DATETIME_SECONDS = 0xFFFF_FFFFL;
    private static final int DECIMAL32_MAX_PRECISION = 9;
    private static final int DECIMAL64_MAX_PRECISION = 18;
    private static final long[] POWERS_OF_TEN = powersOfTen();

    private ColumnWriters() {
    }

    public static ColumnWriter forType(ClickHouseType type) {
        ColumnWriter base = switch (type.base()) {
            case STRING -> ColumnWriters::writeString;
            case INT32 -> (value, out) -> out.writeInt32(expect(value, Integer.class, "Int32"));
            case INT64 -> (value, out) -> out.writeInt64(expect(value, Long.class, "Int64"));
            case FLOAT32 -> (value, out) -> out.writeFloat32(expect(value, Float.class, "Float32"));
            case FLOAT64 -> (value, out) -> out.writeFloat64(expect(value, Double.class, "Float64"));
            case UINT8 -> (value, out) -> out.writeUInt8(expect(value, Boolean.class, "UInt8") ? 1 : 0);
            case DATE -> ColumnWriters::writeDate;
            case DATETIME -> ColumnWriters::writeDateTime;
            case DECIMAL -> decimalWriter(type.precision());
        };
        return type.nullable() ? nullable(base) : notNull(base);
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
        } else if (value instanceof CharSequence text) {
            out.writeString(text.toString());
        } else {
            throw unexpected(value, "String");
        }
    }

    private static void writeDate(Object value, RowBinaryWriter out) {
        int days = expect(value, Integer.class, "Date");
        if (days < 0 || days > MAX_DATE_DAYS) {
            throw new ValueEncodingException("date of " + days + " days since 1970-01-01 is outside ClickHouse Date's range 0.." + MAX_DATE_DAYS);
        }
        out.writeUInt16(days);
    }

    private static void writeDateTime(Object value, RowBinaryWriter out) {
        long millis = expect(value, Long.class, "DateTime");
        long seconds = Math.floorDiv(millis, 1000L);
        if (seconds < 0 || seconds > MAX_DATETIME_SECONDS) {
            throw new ValueEncodingException("timestamp of " + millis + " ms since the epoch is outside ClickHouse DateTime's range of 0.."
                    + MAX_DATETIME_SECONDS + " seconds");
        }
        out.writeUInt32(seconds);
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
        return new ValueEncodingException("unscaled decimal value " + unscaled + " has more than the column's " + precision + " digits");
    }

    private static <T> T expect(Object value, Class<T> type, String columnType) {
        if (!type.isInstance(value)) {
            throw unexpected(value, columnType);
        }
        return type.cast(value);
    }

    private static ValueEncodingException unexpected(Object value, String columnType) {
        return new ValueEncodingException("a " + value.getClass().getName() + " value cannot be written to a " + columnType + " column");
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
