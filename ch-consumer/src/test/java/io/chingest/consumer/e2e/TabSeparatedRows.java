package io.chingest.consumer.e2e;

import java.util.ArrayList;
import java.util.List;

/** Splits ClickHouse's TabSeparated output into rows of unescaped fields ({@code \N} becomes {@code null}). */
final class TabSeparatedRows {
    private TabSeparatedRows() {}

    static List<List<String>> parse(String body) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : body.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            List<String> fields = new ArrayList<>();
            for (String field : line.split("\t", -1)) {
                fields.add(field.equals("\\N") ? null : unescape(field));
            }
            rows.add(fields);
        }
        return rows;
    }

    private static String unescape(String field) {
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c != '\\' || i + 1 == field.length()) {
                out.append(c);
                continue;
            }
            char next = field.charAt(++i);
            out.append(
                    switch (next) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        case 'r' -> '\r';
                        case '0' -> '\0';
                        case 'b' -> '\b';
                        case 'f' -> '\f';
                        default -> next;
                    });
        }
        return out.toString();
    }
}
