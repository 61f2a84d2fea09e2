package io.chingest.producer.parse;

import java.util.Set;

/**
 * Turns the values as the parser returns them into the values of a {@link ParsedRow}: the configured NULL texts
 * become {@code null}, and in TSV the backslash escapes are resolved only after that comparison, so an escaped
 * backslash followed by N ({@code \\N}) is the two characters {@code \N} while {@code \N} alone is NULL. Immutable
 * and thread-safe.
 */
final class RawValueDecoder {

    private final boolean tsv;
    /** Whether an empty value (in CSV an unquoted one, which the parser returns as null) is NULL. */
    private final boolean emptyIsNull;
    /** The non-empty NULL texts; usually none in CSV and one in TSV, so an array scan beats hashing. */
    private final String[] nullTexts;
    /** CSV whose only NULL is the empty value: the parser's values are already the row's (a tenth of parsing). */
    private final boolean changesNothing;

    RawValueDecoder(DelimitedFormat format, Set<String> nullValues) {
        this.tsv = format == DelimitedFormat.TSV;
        this.emptyIsNull = nullValues.contains("");
        this.nullTexts =
                nullValues.stream().filter(text -> !text.isEmpty()).sorted().toArray(String[]::new);
        this.changesNothing = !tsv && emptyIsNull && nullTexts.length == 0;
    }

    /** Decodes the values in place. */
    void decode(String[] values) {
        if (changesNothing) {
            return;
        }
        for (int i = 0; i < values.length; i++) {
            values[i] = decode(values[i]);
        }
    }

    private String decode(String raw) {
        if (raw == null) {
            return emptyIsNull ? null : "";
        }
        for (String nullText : nullTexts) {
            if (nullText.equals(raw)) {
                return null;
            }
        }
        return tsv && raw.indexOf('\\') >= 0 ? unescapeTsv(raw) : raw;
    }

    /**
     * Resolves ClickHouse's TSV escapes {@code \t \n \r \0 \b \f \' \\}; a backslash before any other character is
     * kept with it, as is a backslash at the end of the value.
     */
    static String unescapeTsv(String raw) {
        StringBuilder text = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '\\' || i + 1 == raw.length()) {
                text.append(c);
                continue;
            }
            char escaped = raw.charAt(++i);
            switch (escaped) {
                case 't' -> text.append('\t');
                case 'n' -> text.append('\n');
                case 'r' -> text.append('\r');
                case '0' -> text.append('\0');
                case 'b' -> text.append('\b');
                case 'f' -> text.append('\f');
                case '\'' -> text.append('\'');
                case '\\' -> text.append('\\');
                default -> text.append('\\').append(escaped);
            }
        }
        return text.toString();
    }
}
