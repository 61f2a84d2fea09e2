package io.chingest.consumer.e2e;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.function.Function;

/**
 * One column of the sample table as the end-to-end test compares it: the SQL that reads it back
 * from ClickHouse and one canonical text form that both the file's value and ClickHouse's value
 * are reduced to. Immutable.
 */
enum ExpectedColumn {
    ORDER_ID("order_id", Canonical.INTEGER),
    CUSTOMER("customer", Canonical.TEXT),
    QUANTITY("quantity", Canonical.INTEGER),
    WEIGHT_KG("weight_kg", Canonical.FLOAT32),
    UNIT_PRICE("unit_price", Canonical.FLOAT64),
    EXPRESS("express", Canonical.BOOLEAN),
    TOTAL("total", Canonical.DECIMAL),
    LEDGER_BALANCE("ledger_balance", Canonical.DECIMAL),
    ORDER_DATE("order_date", Canonical.TEXT),
    CREATED_AT("created_at", Canonical.EPOCH_SECONDS),
    NOTE("note", Canonical.TEXT),
    RATING("rating", Canonical.INTEGER),
    DISCOUNT("discount", Canonical.DECIMAL),
    SHIPPED_AT("shipped_at", Canonical.EPOCH_SECONDS);

    final String column;
    private final Canonical canonical;

    ExpectedColumn(String column, Canonical canonical) {
        this.column = column;
        this.canonical = canonical;
    }

    /** The select-list expression: DateTime is read as epoch seconds so the server's time zone cannot matter. */
    String selectExpression() {
        return canonical == Canonical.EPOCH_SECONDS ? "toUnixTimestamp(`" + column + "`)" : "`" + column + "`";
    }

    /** The canonical form of a value as written in the CSV file ({@code null} for an unquoted empty field). */
    String fromFile(String value) {
        if (value == null) {
            return "NULL";
        }
        return canonical == Canonical.EPOCH_SECONDS ? Long.toString(epochSeconds(value)) : canonical.form.apply(value);
    }

    /** The canonical form of a value as ClickHouse prints it in TabSeparated ({@code null} for \N). */
    String fromClickHouse(String value) {
        if (value == null) {
            return "NULL";
        }
        if (canonical == Canonical.BOOLEAN) {
            return value;
        }
        return canonical == Canonical.EPOCH_SECONDS ? value : canonical.form.apply(value);
    }

    private static long epochSeconds(String text) {
        if (text.endsWith("Z")) {
            return Instant.parse(text).getEpochSecond();
        }
        return LocalDateTime.parse(text.replace(' ', 'T')).toEpochSecond(ZoneOffset.UTC);
    }

    private enum Canonical {
        TEXT(Function.identity()),
        INTEGER(text -> Long.toString(Long.parseLong(text))),
        FLOAT32(text -> Float.toString(Float.parseFloat(text))),
        FLOAT64(text -> Double.toString(Double.parseDouble(text))),
        BOOLEAN(text -> switch (text) {
            case "true" -> "1";
            case "false" -> "0";
            default -> throw new IllegalArgumentException("not a sample boolean: " + text);
        }),
        DECIMAL(text -> new BigDecimal(text).stripTrailingZeros().toPlainString()),
        EPOCH_SECONDS(Function.identity());

        private final Function<String, String> form;

        Canonical(Function<String, String> form) {
            this.form = form;
        }
    }
}
