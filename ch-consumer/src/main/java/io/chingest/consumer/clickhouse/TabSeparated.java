package io.chingest.consumer.clickhouse;

import java.util.ArrayList;
import java.util.List;

/** Splits ClickHouse {@code FORMAT TabSeparated} output into rows of unescaped fields. Stateless. */
public final class TabSeparated {

    private TabSeparated() {}

    public static List<List<String>> rows(String text) {
        List<List<String>> rows = new ArrayList<>();
        if (text.isEmpty()) {
            return rows;
        }
        for (String line : text.split("\n", -1)) {
            if (!line.isEmpty()) {
                rows.add(fields(line));
            }
        }
        return rows;
    }

    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\t') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\\' && i + 1 < line.length()) {
                field.append(unescape(line.charAt(++i)));
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    private static char unescape(char c) {
        return switch (c) {
            case 't' -> '\t';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case '0' -> '\0';
            default -> c;
        };
    }
}
