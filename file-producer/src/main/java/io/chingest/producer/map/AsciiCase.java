package io.chingest.producer.map;

/**
 * Compares text with a lower-case ASCII word, ignoring the case of ASCII letters only. Unlike
 * {@link String#equalsIgnoreCase}, no other character matches a letter (the long s 'ſ' is not an 's'), which is what
 * {@code toLowerCase(Locale.ROOT)} followed by {@code equals} decided before, without a copy of the text. Stateless.
 */
final class AsciiCase {

    private AsciiCase() {}

    /** Whether {@code text} from {@code from} to its end is {@code lowercaseWord} in any case of its ASCII letters. */
    static boolean equalsLowercase(String text, int from, String lowercaseWord) {
        int length = lowercaseWord.length();
        if (text.length() - from != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char expected = lowercaseWord.charAt(i);
            char actual = text.charAt(from + i);
            // Setting bit 0x20 lower-cases an ASCII upper-case letter and maps nothing else onto a lower-case letter.
            if (actual != expected && (expected < 'a' || expected > 'z' || (actual | 0x20) != expected)) {
                return false;
            }
        }
        return true;
    }
}
