package io.chingest.producer.map;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses decimal or scientific notation (and NaN, Infinity, inf) into Float or Double; a finite number too large for
 * the type is rejected instead of becoming infinity. Stateless.
 */
final class FloatConverter implements FieldConverter {
    static final FloatConverter FLOAT = new FloatConverter(true);
    static final FloatConverter DOUBLE = new FloatConverter(false);

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private final boolean single;

    private FloatConverter(boolean single) {
        this.single = single;
    }

    @Override
    public Object convert(String text) {
        double value;
        if (NUMBER.matcher(text).matches()) {
            value = Double.parseDouble(text);
            if (Double.isInfinite(value) || (single && Float.isInfinite((float) value))) {
                throw new ValueRejectedException("out of range for " + typeName());
            }
            return single ? (Object) Float.parseFloat(text) : (Object) value;
        }
        value = special(text);
        return single ? (Object) (float) value : (Object) value;
    }

    private double special(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "nan", "+nan", "-nan":
                return Double.NaN;
            case "inf", "+inf", "infinity", "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf", "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                throw new ValueRejectedException("not a " + typeName());
        }
    }

    @Override
    public String typeName() {
        return single ? "float" : "double";
    }
}
