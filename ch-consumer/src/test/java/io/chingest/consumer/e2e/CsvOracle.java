package io.chingest.consumer.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A deliberately small RFC 4180 reader, independent of the producer's parser, that the end-to-end
 * test uses as its oracle. It keeps the one distinction that matters for NULLs: an unquoted empty
 * field reads as {@code null}, a quoted empty field as {@code ""}. Not thread-safe; test use only.
 */
final class CsvOracle {
    private CsvOracle() {}

    /** Reads the whole file: the header first, then one list of fields per record. */
    static List<List<String>> read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<List<String>> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean inQuotes = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inQuotes) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    inQuotes = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                inQuotes = true;
                quoted = true;
            } else if (c == ',' || c == '\n') {
                fields.add(field.length() == 0 && !quoted ? null : field.toString());
                field.setLength(0);
                quoted = false;
                if (c == '\n') {
                    records.add(fields);
                    fields = new ArrayList<>();
                }
            } else if (c != '\r') {
                field.append(c);
            }
        }
        if (!fields.isEmpty() || field.length() > 0) {
            fields.add(field.length() == 0 && !quoted ? null : field.toString());
            records.add(fields);
        }
        return records;
    }
}
