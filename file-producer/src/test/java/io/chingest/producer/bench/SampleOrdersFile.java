package io.chingest.producer.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;

/**
 * Writes CSV files shaped like docker/sample/orders.csv (same columns in the same order, same value kinds: quoted
 * commas, quotes and line breaks, non-ASCII text, null and empty values, wide decimals) with any number of rows.
 * The rows depend only on their count, so every run measures the same bytes. Stateless.
 */
final class SampleOrdersFile {
    /** The header of docker/sample/orders.csv: not the schema's field order, so the producer maps by name. */
    static final List<String> HEADER = List.of(
            "order_id",
            "order_date",
            "customer",
            "quantity",
            "weight_kg",
            "unit_price",
            "express",
            "total",
            "ledger_balance",
            "created_at",
            "note",
            "rating",
            "discount",
            "shipped_at");

    private static final long SEED = 20261126L;
    private static final Instant BASE = Instant.parse("2024-01-01T00:00:00Z");
    private static final long THREE_YEARS_MILLIS = 3L * 365 * 86_400_000L;
    private static final BigInteger LEDGER_BOUND = BigInteger.TEN.pow(25);
    private static final DateTimeFormatter CREATED_AT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SHIPPED_AT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
    private static final String[] NAMES = {
        "Anna Schmidt",
        "José Álvarez",
        "Zoë Ünal",
        "Мария Иванова",
        "李小龙",
        "Søren Kierkegaard",
        "O'Brien, Patrick",
        "Dwayne \"The Rock\" Johnson",
        "Ålesund Fisk AS",
        "Café Zürich 🍰"
    };
    private static final String[] NOTES = {
        "leave at the door",
        "fragile, handle with care",
        "customer said \"urgent\"",
        "line one\nline two",
        "call before delivery;\nback entrance",
        "tab\there",
        "back\\slash",
        "naïve façade",
        "≥ 3 pallets",
        "日本語のメモ"
    };

    private SampleOrdersFile() {}

    /** Writes the header and rows 1 to {@code rows} to {@code file}, UTF-8; returns the file's size in bytes. */
    static long write(Path file, long rows) throws IOException {
        Random random = new Random(SEED);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(String.join(",", HEADER));
            out.write('\n');
            StringBuilder line = new StringBuilder(512);
            for (long i = 1; i <= rows; i++) {
                line.setLength(0);
                appendRow(line, i, random);
                out.append(line);
            }
        }
        return Files.size(file);
    }

    private static void appendRow(StringBuilder line, long i, Random random) {
        Instant created = BASE.plusMillis(random.nextLong(THREE_YEARS_MILLIS));
        String ledgerBalance =
                new BigInteger(85, random).mod(LEDGER_BOUND.shiftLeft(1)).subtract(LEDGER_BOUND) + "."
                        + String.format("%04d", random.nextInt(10_000));
        String[] values = {
            Long.toString(10_000_000_000L + i),
            DATE.format(created),
            NAMES[random.nextInt(NAMES.length)] + " #" + i,
            Integer.toString(random.nextInt(-5, 100_000)),
            Double.toString(random.nextInt(40_000) / 4.0),
            Double.toString(BigDecimal.valueOf(random.nextDouble(0.01, 99_999.0))
                    .setScale(random.nextInt(7), RoundingMode.HALF_EVEN)
                    .doubleValue()),
            Boolean.toString(random.nextBoolean()),
            BigDecimal.valueOf(random.nextLong(-100_000_00L, 9_999_999_999_99L), 2)
                    .toPlainString(),
            ledgerBalance,
            CREATED_AT.format(created),
            i % 3 == 0 ? null : i % 7 == 0 ? "" : NOTES[random.nextInt(NOTES.length)],
            i % 4 == 0 ? null : Integer.toString(random.nextInt(1, 6)),
            i % 5 == 0 ? null : BigDecimal.valueOf(random.nextInt(99_999), 2).toPlainString(),
            i % 6 == 0 ? null : SHIPPED_AT.format(created.plusSeconds(3600L * random.nextInt(1, 240))),
        };
        for (int column = 0; column < values.length; column++) {
            if (column > 0) {
                line.append(',');
            }
            appendQuoted(line, values[column]);
        }
        line.append('\n');
    }

    /** RFC 4180: null is an unquoted empty value, the empty string a quoted one. */
    private static void appendQuoted(StringBuilder line, String value) {
        if (value == null) {
            return;
        }
        boolean quote = value.isEmpty()
                || !value.strip().equals(value)
                || value.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
        if (quote) {
            line.append('"').append(value.replace("\"", "\"\"")).append('"');
        } else {
            line.append(value);
        }
    }
}
