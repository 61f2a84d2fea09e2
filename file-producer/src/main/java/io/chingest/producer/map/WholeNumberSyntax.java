package io.chingest.producer.map;

/**
 * Strict whole-number syntax shared by the int and long converters: [+-]digits, ASCII only, no spaces. Parses in one
 * pass without a copy or an exception on the accepted path. Stateless.
 */
final class WholeNumberSyntax {
    private static final long MIN_DIVIDED_BY_TEN = Long.MIN_VALUE / 10;

    private WholeNumberSyntax() {}

    /** @param typeName named in the rejection reasons */
    static long parse(String text, String typeName) {
        int length = text.length();
        int start = 0;
        boolean negative = false;
        if (length > 0) {
            char first = text.charAt(0);
            negative = first == '-';
            start = negative || first == '+' ? 1 : 0;
        }
        if (start == length) {
            throw notA(typeName);
        }
        // Accumulated as a negative number: Long.MIN_VALUE has no positive counterpart.
        long value = 0;
        boolean overflow = false;
        for (int i = start; i < length; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                throw notA(typeName);
            }
            if (value < MIN_DIVIDED_BY_TEN || (value == MIN_DIVIDED_BY_TEN && digit > 8)) {
                // Out of range, but a later character that is no digit still makes the text "not a number".
                overflow = true;
            } else if (!overflow) {
                value = value * 10 - digit;
            }
        }
        if (overflow || (!negative && value == Long.MIN_VALUE)) {
            throw new ValueRejectedException("out of range for " + typeName);
        }
        return negative ? value : -value;
    }

    private static ValueRejectedException notA(String typeName) {
        return new ValueRejectedException("not " + (typeName.startsWith("i") ? "an" : "a") + " " + typeName);
    }
}
