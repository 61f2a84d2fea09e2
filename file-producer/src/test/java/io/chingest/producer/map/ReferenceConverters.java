package io.chingest.producer.map;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/**
 * The value converters as they were when written on regular expressions, java.time and BigDecimal, kept with the
 * same logic as the reference the hand-written parsers are compared with: every input must give the same value or the
 * same reason. Stateless.
 */
final class ReferenceConverters {

    private static final Pattern PLAIN_DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final DateTimeFormatter SPACE_SEPARATED = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral(' ')
            .appendPattern("HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
            .optionalEnd()
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT)
            .withChronology(IsoChronology.INSTANCE);

    private ReferenceConverters() {}

    static Object bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> Boolean.TRUE;
            case "false", "0", "no" -> Boolean.FALSE;
            default -> throw new ValueRejectedException("not a boolean (true/false, 1/0, yes/no)");
        };
    }

    static Object date(String text) {
        try {
            return Math.toIntExact(
                    LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE).toEpochDay());
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new ValueRejectedException("not a date (yyyy-MM-dd)");
        }
    }

    static Object timestampMillis(String text) {
        Instant instant = instant(text);
        if (instant.getNano() % 1_000_000 != 0) {
            throw new ValueRejectedException("more precise than milliseconds");
        }
        try {
            return instant.toEpochMilli();
        } catch (ArithmeticException e) {
            throw new ValueRejectedException("out of range for timestamp-millis");
        }
    }

    private static Instant instant(String text) {
        try {
            if (text.indexOf('T') >= 0) {
                return DateTimeFormatter.ISO_INSTANT.parse(text, Instant::from);
            }
            return LocalDateTime.parse(text, SPACE_SEPARATED).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new ValueRejectedException(
                    "not a timestamp (2024-01-02T03:04:05.123Z, or 2024-01-02 03:04:05[.123] in UTC)");
        }
    }

    static Object intValue(String text) {
        long value = wholeNumber(text, "int");
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new ValueRejectedException("out of range for int");
        }
        return (int) value;
    }

    static Object longValue(String text) {
        return wholeNumber(text, "long");
    }

    private static long wholeNumber(String text, String typeName) {
        int start = text.startsWith("+") || text.startsWith("-") ? 1 : 0;
        String article = typeName.startsWith("i") ? "an" : "a";
        if (start == text.length()) {
            throw new ValueRejectedException("not " + article + " " + typeName);
        }
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new ValueRejectedException("not " + article + " " + typeName);
            }
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ValueRejectedException("out of range for " + typeName);
        }
    }

    static Object floatingPoint(String text, boolean single) {
        String typeName = single ? "float" : "double";
        double value;
        if (NUMBER.matcher(text).matches()) {
            value = Double.parseDouble(text);
            if (Double.isInfinite(value) || (single && Float.isInfinite((float) value))) {
                throw new ValueRejectedException("out of range for " + typeName);
            }
            return single ? (Object) Float.parseFloat(text) : (Object) value;
        }
        value = switch (text.toLowerCase(Locale.ROOT)) {
            case "nan", "+nan", "-nan" -> Double.NaN;
            case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> throw new ValueRejectedException("not a " + typeName);
        };
        return single ? (Object) (float) value : (Object) value;
    }

    /** @param valueSchema bytes or fixed with logicalType decimal */
    static Object decimal(String text, int precision, int scale, Schema valueSchema) {
        String typeName = "decimal(" + precision + ", " + scale + ")";
        if (!PLAIN_DECIMAL.matcher(text).matches()) {
            throw new ValueRejectedException("not a decimal number");
        }
        BigDecimal scaled;
        try {
            scaled = new BigDecimal(text).setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new ValueRejectedException("more than " + scale + " fraction digits for " + typeName);
        }
        BigInteger unscaled = scaled.unscaledValue();
        if (unscaled.abs().toString().length() > precision) {
            throw new ValueRejectedException(
                    "too large for " + typeName + " (at most " + (precision - scale) + " digits before the point)");
        }
        byte[] bytes = unscaled.toByteArray();
        if (valueSchema.getType() != Schema.Type.FIXED) {
            return ByteBuffer.wrap(bytes);
        }
        int size = valueSchema.getFixedSize();
        if (bytes.length > size) {
            throw new ValueRejectedException("too large for " + typeName + " in " + size + " bytes");
        }
        byte[] fixed = new byte[size];
        byte pad = bytes[0] < 0 ? (byte) 0xFF : 0;
        for (int i = 0; i < size - bytes.length; i++) {
            fixed[i] = pad;
        }
        System.arraycopy(bytes, 0, fixed, size - bytes.length, bytes.length);
        return new GenericData.Fixed(valueSchema, fixed);
    }
}
