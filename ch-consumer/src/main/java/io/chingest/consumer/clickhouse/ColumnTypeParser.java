package io.chingest.consumer.clickhouse;

import io.chingest.common.mapping.ClickHouseBaseType;
import io.chingest.common.mapping.ClickHouseType;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the column type text ClickHouse reports (e.g. {@code Nullable(Decimal(18, 4))}, {@code DateTime('UTC')})
 * into the types ch-consumer can encode; anything else is empty. Stateless.
 */
public final class ColumnTypeParser {
    private static final Pattern NULLABLE = Pattern.compile("Nullable\\((.*)\\)");
    private static final Pattern DECIMAL = Pattern.compile("Decimal\\(\\s*(\\d{1,3})\\s*,\\s*(\\d{1,3})\\s*\\)");
    private static final Pattern DATETIME_WITH_ZONE = Pattern.compile("DateTime\\(\\s*'[^']*'\\s*\\)");
    private static final int MAX_DECIMAL_PRECISION = 38;

    private ColumnTypeParser() {
    }

    public static Optional<ClickHouseType> parse(String typeSql) {
        String text = typeSql.strip();
        Matcher nullable = NULLABLE.matcher(text);
        if (nullable.matches()) {
            return parseBase(nullable.group(1).strip(), true);
        }
        return parseBase(text, false);
    }

    private static Optional<ClickHouseType> parseBase(String text, boolean nullable) {
        ClickHouseBaseType simple = switch (text) {
            case "String" -> ClickHouseBaseType.STRING;
            case "Int32" -> ClickHouseBaseType.INT32;
            case "Int64" -> ClickHouseBaseType.INT64;
            case "Float32" -> ClickHouseBaseType.FLOAT32;
            case "Float64" -> ClickHouseBaseType.FLOAT64;
            case "UInt8" -> ClickHouseBaseType.UINT8;
            case "Date" -> ClickHouseBaseType.DATE;
            case "DateTime" -> ClickHouseBaseType.DATETIME;
            default -> null;
        };
        if (simple != null) {
            return Optional.of(new ClickHouseType(simple, nullable, 0, 0));
        }
        if (DATETIME_WITH_ZONE.matcher(text).matches()) {
            return Optional.of(new ClickHouseType(ClickHouseBaseType.DATETIME, nullable, 0, 0));
        }
        Matcher decimal = DECIMAL.matcher(text);
        if (decimal.matches()) {
            int precision = Integer.parseInt(decimal.group(1));
            int scale = Integer.parseInt(decimal.group(2));
            if (precision < 1 || precision > MAX_DECIMAL_PRECISION || scale > precision) {
                return Optional.empty();
            }
            return Optional.of(new ClickHouseType(ClickHouseBaseType.DECIMAL, nullable, precision, scale));
        }
        return Optional.empty();
    }
}
