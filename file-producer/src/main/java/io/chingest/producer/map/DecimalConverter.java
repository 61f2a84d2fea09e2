package io.chingest.producer.map;

import io.chingest.common.mapping.ClickHouseType;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/**
 * Reads plain decimal text into the unscaled big-endian two's-complement bytes of an Avro decimal(p, s), as a
 * ByteBuffer (bytes) or GenericFixed (fixed). Never rounds: a value that needs more fraction digits than s (trailing
 * zeros aside) or more than p digits is rejected. Immutable.
 *
 * <p>The digits are read by hand into a 128-bit integer: a precision of at most 38 digits (ClickHouse's maximum)
 * always fits, so no BigDecimal, BigInteger or intermediate text is made per value; the bytes are those
 * {@link java.math.BigInteger#toByteArray()} gives for the unscaled value.
 */
final class DecimalConverter implements FieldConverter {
    /** Digits a long chunk takes at once without overflow. */
    private static final int CHUNK_DIGITS = 18;

    private static final long[] POWERS_OF_TEN = new long[CHUNK_DIGITS + 1];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private final int precision;
    private final int scale;
    private final Schema fixedSchema;
    private final String typeName;
    private final String tooManyFractionDigits;
    private final String tooManyDigits;

    /** @param valueSchema bytes or fixed with logicalType decimal */
    DecimalConverter(int precision, int scale, Schema valueSchema) {
        if (precision < 1 || precision > ClickHouseType.MAX_DECIMAL_PRECISION || scale < 0 || scale > precision) {
            throw new IllegalArgumentException(
                    "decimal(" + precision + ", " + scale + ") is outside decimal(1..38, " + "0..precision)");
        }
        this.precision = precision;
        this.scale = scale;
        this.fixedSchema = valueSchema.getType() == Schema.Type.FIXED ? valueSchema : null;
        this.typeName = "decimal(" + precision + ", " + scale + ")";
        this.tooManyFractionDigits = "more than " + scale + " fraction digits for " + typeName;
        this.tooManyDigits =
                "too large for " + typeName + " (at most " + (precision - scale) + " digits before the point)";
    }

    @Override
    public Object convert(String text) {
        // Syntax: [+-]?(digits(.digits?)?|.digits), ASCII digits.
        int length = text.length();
        int i = 0;
        boolean negative = false;
        if (length > 0 && (text.charAt(0) == '+' || text.charAt(0) == '-')) {
            negative = text.charAt(0) == '-';
            i = 1;
        }
        int integerStart = i;
        while (i < length && isDigit(text.charAt(i))) {
            i++;
        }
        int integerEnd = i;
        int fractionStart = i;
        if (i < length && text.charAt(i) == '.') {
            fractionStart = ++i;
            while (i < length && isDigit(text.charAt(i))) {
                i++;
            }
        }
        int fractionEnd = i;
        if (i != length || (integerEnd == integerStart && fractionEnd == fractionStart)) {
            throw new ValueRejectedException("not a decimal number");
        }
        // Fraction digits beyond the scale may only be zeros: nothing is rounded.
        int fractionUsed = Math.min(fractionEnd - fractionStart, scale);
        for (int j = fractionStart + fractionUsed; j < fractionEnd; j++) {
            if (text.charAt(j) != '0') {
                throw new ValueRejectedException(tooManyFractionDigits);
            }
        }
        // The unscaled value's digits: the integer digits, the fraction digits used, then zeros up to the scale.
        int first = integerStart;
        while (first < integerEnd && text.charAt(first) == '0') {
            first++;
        }
        int significant;
        if (first < integerEnd) {
            significant = integerEnd - first + scale;
        } else {
            first = fractionStart;
            while (first < fractionStart + fractionUsed && text.charAt(first) == '0') {
                first++;
            }
            significant = first < fractionStart + fractionUsed ? scale - (first - fractionStart) : 0;
        }
        if (significant > precision) {
            throw new ValueRejectedException(tooManyDigits);
        }
        // The magnitude in 128 bits, high:low, taking up to 18 digits at a time: value = value * 10^n + chunk.
        long high = 0;
        long low = 0;
        int integerFrom = Math.min(first, integerEnd);
        int integerDigits = integerEnd - integerFrom;
        int fractionFrom = first < integerEnd ? fractionStart : first;
        int fractionDigits = fractionStart + fractionUsed - fractionFrom;
        long chunk = 0;
        int chunkDigits = 0;
        for (int k = 0; k < significant; k++) {
            int digit = k < integerDigits
                    ? text.charAt(integerFrom + k) - '0'
                    : k < integerDigits + fractionDigits ? text.charAt(fractionFrom + k - integerDigits) - '0' : 0;
            chunk = chunk * 10 + digit;
            if (++chunkDigits == CHUNK_DIGITS || k == significant - 1) {
                long factor = POWERS_OF_TEN[chunkDigits];
                long multiplied = low * factor;
                high = high * factor + unsignedMultiplyHigh(low, factor);
                low = multiplied + chunk;
                if (Long.compareUnsigned(low, multiplied) < 0) {
                    high++;
                }
                chunk = 0;
                chunkDigits = 0;
            }
        }
        if (negative) {
            // Two's complement of the 128 bits; the magnitude is below 10^38 < 2^127, so the sign bit is free.
            low = -low;
            high = ~high + (low == 0 ? 1 : 0);
        }
        // As BigInteger.toByteArray: bitLength / 8 + 1 bytes, where bitLength leaves out the sign.
        long highMagnitude = high < 0 ? ~high : high;
        long lowMagnitude = high < 0 ? ~low : low;
        int bitLength = highMagnitude != 0
                ? 128 - Long.numberOfLeadingZeros(highMagnitude)
                : 64 - Long.numberOfLeadingZeros(lowMagnitude);
        int byteLength = bitLength / 8 + 1;
        if (fixedSchema == null) {
            byte[] bytes = new byte[byteLength];
            writeBigEndian(high, low, bytes, byteLength);
            return ByteBuffer.wrap(bytes);
        }
        int size = fixedSchema.getFixedSize();
        if (byteLength > size) {
            throw new ValueRejectedException("too large for " + typeName + " in " + size + " bytes");
        }
        byte[] fixed = new byte[size];
        writeBigEndian(high, low, fixed, size);
        return new GenericData.Fixed(fixedSchema, fixed);
    }

    /** The last {@code count} bytes of the sign-extended 128-bit value into the first {@code count} of {@code bytes}. */
    private static void writeBigEndian(long high, long low, byte[] bytes, int count) {
        int lowBytes = Math.min(count, 8);
        for (int k = 0; k < lowBytes; k++) {
            bytes[count - 1 - k] = (byte) (low >>> (k * 8));
        }
        int highBytes = Math.min(count, 16);
        for (int k = 8; k < highBytes; k++) {
            bytes[count - 1 - k] = (byte) (high >>> ((k - 8) * 8));
        }
        byte sign = (byte) (high >> 63);
        for (int k = 16; k < count; k++) {
            bytes[count - 1 - k] = sign;
        }
    }

    /** The high 64 bits of the unsigned 128-bit product of {@code value} and a non-negative {@code factor}. */
    private static long unsignedMultiplyHigh(long value, long factor) {
        return Math.multiplyHigh(value, factor) + ((value >> 63) & factor);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    @Override
    public String typeName() {
        return typeName;
    }
}
