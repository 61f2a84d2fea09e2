package io.chingest.producer.map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.util.regex.Pattern;

/**
 * Reads plain decimal text into the unscaled big-endian two's-complement bytes of an Avro decimal(p, s), as a
 * ByteBuffer (bytes) or GenericFixed (fixed). Never rounds: a value that needs more fraction digits than s (trailing
 * zeros aside) or more than p digits is rejected. Immutable.
 */
final class DecimalConverter implements FieldConverter {

    private static final Pattern PLAIN_DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");

    private final int precision;
    private final int scale;
    private final Schema fixedSchema;

    /** @param valueSchema bytes or fixed with logicalType decimal */
    DecimalConverter(int precision, int scale, Schema valueSchema) {
        this.precision = precision;
        this.scale = scale;
        this.fixedSchema = valueSchema.getType() == Schema.Type.FIXED ? valueSchema : null;
    }

    @Override
    public Object convert(String text) {
        if (!PLAIN_DECIMAL.matcher(text).matches()) {
            throw new ValueRejectedException("not a decimal number");
        }
        BigDecimal scaled;
        try {
            scaled = new BigDecimal(text).setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new ValueRejectedException("more than " + scale + " fraction digits for " + typeName());
        }
        BigInteger unscaled = scaled.unscaledValue();
        if (unscaled.abs().toString().length() > precision) {
            throw new ValueRejectedException("too large for " + typeName() + " (at most " + (precision - scale)
                    + " digits before the point)");
        }
        byte[] bytes = unscaled.toByteArray();
        if (fixedSchema == null) {
            return ByteBuffer.wrap(bytes);
        }
        return new GenericData.Fixed(fixedSchema, signExtended(bytes, fixedSchema.getFixedSize()));
    }

    private byte[] signExtended(byte[] bytes, int size) {
        if (bytes.length > size) {
            throw new ValueRejectedException("too large for " + typeName() + " in " + size + " bytes");
        }
        byte[] fixed = new byte[size];
        byte pad = bytes[0] < 0 ? (byte) 0xFF : 0;
        for (int i = 0; i < size - bytes.length; i++) {
            fixed[i] = pad;
        }
        System.arraycopy(bytes, 0, fixed, size - bytes.length, bytes.length);
        return fixed;
    }

    @Override
    public String typeName() {
        return "decimal(" + precision + ", " + scale + ")";
    }
}
