package io.chingest.producer.map;

/** Strict whole-number syntax shared by the int and long converters: [+-]digits, ASCII only, no spaces. Stateless. */
final class WholeNumberSyntax {

    private WholeNumberSyntax() {
    }

    /** @param typeName named in the rejection reasons */
    static long parse(String text, String typeName) {
        int start = text.startsWith("+") || text.startsWith("-") ? 1 : 0;
        if (start == text.length()) {
            throw new ValueRejectedException("not " + article(typeName) + " " + typeName);
        }
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new ValueRejectedException("not " + article(typeName) + " " + typeName);
            }
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ValueRejectedException("out of range for " + typeName);
        }
    }

    private static String article(String typeName) {
        return typeName.startsWith("i") ? "an" : "a";
    }
}
