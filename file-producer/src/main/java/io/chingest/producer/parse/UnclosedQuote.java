package io.chingest.producer.parse;

/**
 * Finds a quoted value left open in the text of one CSV record. univocity reads an unclosed quote to the end of the
 * input and returns the rest of the file as that value, so the record looks like one with too few columns; this tells
 * it apart and says where the quote opened. Stateless.
 */
final class UnclosedQuote {

    /**
     * The opening quote of the value left open.
     *
     * @param index  its index in the record's text
     * @param column the 1-based column whose value it opens
     */
    record Opening(int index, int column) {}

    private UnclosedQuote() {}

    /**
     * The quote that opens a value and is not closed by the end of {@code record}, or null when every quoted value is
     * closed. A quote opens a value only at the start of the value; inside one, two quotes stand for one.
     */
    static Opening in(CharSequence record, char delimiter, char quote) {
        int column = 1;
        boolean valueStart = true;
        int open = -1;
        for (int i = 0; i < record.length(); i++) {
            char c = record.charAt(i);
            if (open >= 0) {
                if (c == quote) {
                    if (i + 1 < record.length() && record.charAt(i + 1) == quote) {
                        i++; // an escaped quote
                    } else {
                        open = -1;
                    }
                }
            } else if (c == delimiter) {
                column++;
                valueStart = true;
            } else if (c == '\n' || c == '\r') {
                valueStart = true;
            } else {
                if (valueStart && c == quote) {
                    open = i;
                }
                valueStart = false;
            }
        }
        return open < 0 ? null : new Opening(open, column);
    }
}
