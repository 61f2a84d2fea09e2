package io.chingest.producer.map;

/**
 * Parses decimal or scientific notation (and NaN, Infinity, inf) into Float or Double; a finite number too large for
 * the type is rejected instead of becoming infinity. Stateless.
 *
 * <p>The syntax is checked by hand: {@code [+-]?(digits[.digits?]|.digits)([eE][+-]?digits)?}, ASCII digits. A number
 * whose digits make an integer of at most 2^53 (2^24 for float) and whose decimal exponent is at most 22 (10) either
 * way is one correctly rounded multiplication or division of two exactly represented values, so it is the value
 * {@link Double#parseDouble} and {@link Float#parseFloat} return (they take the same path themselves); any other
 * number goes through them.
 */
final class FloatConverter implements FieldConverter {
    static final FloatConverter FLOAT = new FloatConverter(true);
    static final FloatConverter DOUBLE = new FloatConverter(false);

    /** Every integer up to 2^53 is a double and every power of ten up to 10^22 is one. */
    private static final long MAX_EXACT_DOUBLE_MANTISSA = 1L << 53;

    private static final double[] DOUBLE_POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22
    };
    /** Every integer up to 2^24 is a float and every power of ten up to 10^10 is one. */
    private static final long MAX_EXACT_FLOAT_MANTISSA = 1L << 24;

    private static final float[] FLOAT_POWERS_OF_TEN = {
        1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f, 1e10f
    };
    /** More significant digits than a long holds exactly: the general parser decides. */
    private static final int MAX_MANTISSA_DIGITS = 18;
    /** An exponent beyond this is far outside every fast path; accumulating stops so it cannot overflow. */
    private static final int EXPONENT_CAP = 100_000;

    private final boolean single;
    private final String typeName;
    private final String notA;
    private final String outOfRange;

    private FloatConverter(boolean single) {
        this.single = single;
        this.typeName = single ? "float" : "double";
        this.notA = "not a " + typeName;
        this.outOfRange = "out of range for " + typeName;
    }

    @Override
    public Object convert(String text) {
        int length = text.length();
        int i = 0;
        boolean negative = false;
        if (length > 0 && (text.charAt(0) == '+' || text.charAt(0) == '-')) {
            negative = text.charAt(0) == '-';
            i = 1;
        }
        long mantissa = 0;
        int mantissaDigits = 0;
        boolean inexact = false;
        int exponent = 0;
        int integerDigits = 0;
        for (; i < length; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                break;
            }
            integerDigits++;
            if (mantissaDigits < MAX_MANTISSA_DIGITS) {
                mantissa = mantissa * 10 + digit;
                mantissaDigits += mantissa == 0 ? 0 : 1;
            } else {
                inexact = true;
            }
        }
        int fractionDigits = 0;
        if (i < length && text.charAt(i) == '.') {
            for (i++; i < length; i++) {
                int digit = text.charAt(i) - '0';
                if (digit < 0 || digit > 9) {
                    break;
                }
                fractionDigits++;
                if (mantissaDigits < MAX_MANTISSA_DIGITS) {
                    mantissa = mantissa * 10 + digit;
                    mantissaDigits += mantissa == 0 ? 0 : 1;
                    exponent--;
                } else {
                    inexact = true;
                }
            }
        }
        if (integerDigits == 0 && fractionDigits == 0) {
            return special(text);
        }
        if (i < length && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < length && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                negativeExponent = text.charAt(i) == '-';
                i++;
            }
            int explicit = 0;
            int exponentDigits = 0;
            for (; i < length; i++) {
                int digit = text.charAt(i) - '0';
                if (digit < 0 || digit > 9) {
                    break;
                }
                exponentDigits++;
                if (explicit < EXPONENT_CAP) {
                    explicit = explicit * 10 + digit;
                }
            }
            if (exponentDigits == 0) {
                return special(text);
            }
            exponent += negativeExponent ? -explicit : explicit;
        }
        if (i != length) {
            return special(text);
        }
        if (!inexact) {
            if (mantissa == 0) {
                return single ? (Object) (negative ? -0.0f : 0.0f) : (Object) (negative ? -0.0d : 0.0d);
            }
            if (single) {
                if (mantissa <= MAX_EXACT_FLOAT_MANTISSA && exponent >= -10 && exponent <= 10) {
                    float value = exponent >= 0
                            ? (float) mantissa * FLOAT_POWERS_OF_TEN[exponent]
                            : (float) mantissa / FLOAT_POWERS_OF_TEN[-exponent];
                    return negative ? -value : value;
                }
            } else if (mantissa <= MAX_EXACT_DOUBLE_MANTISSA && exponent >= -22 && exponent <= 22) {
                double value = exponent >= 0
                        ? (double) mantissa * DOUBLE_POWERS_OF_TEN[exponent]
                        : (double) mantissa / DOUBLE_POWERS_OF_TEN[-exponent];
                return negative ? -value : value;
            }
        }
        double value = Double.parseDouble(text);
        if (Double.isInfinite(value) || (single && Float.isInfinite((float) value))) {
            throw new ValueRejectedException(outOfRange);
        }
        return single ? (Object) Float.parseFloat(text) : (Object) value;
    }

    private Object special(String text) {
        double value;
        int unsigned = text.startsWith("+") || text.startsWith("-") ? 1 : 0;
        boolean minus = unsigned == 1 && text.charAt(0) == '-';
        if (AsciiCase.equalsLowercase(text, unsigned, "nan")) {
            value = Double.NaN;
        } else if (AsciiCase.equalsLowercase(text, unsigned, "inf")
                || AsciiCase.equalsLowercase(text, unsigned, "infinity")) {
            value = minus ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        } else {
            throw new ValueRejectedException(notA);
        }
        return single ? (Object) (float) value : (Object) value;
    }

    @Override
    public String typeName() {
        return typeName;
    }
}
