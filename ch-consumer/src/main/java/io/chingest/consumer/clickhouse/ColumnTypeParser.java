package io.chingest.consumer.clickhouse;

import io.chingest.common.mapping.ClickHouseBaseType;
import io.chingest.common.mapping.ClickHouseType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the column type text ClickHouse reports (e.g. {@code Nullable(Decimal(18, 4))}, {@code DateTime('UTC')},
 * {@code Enum8('a' = 1, 'b' = 2)}, {@code Array(Nullable(Int32))}, {@code LowCardinality(String)},
 * {@code Map(String, Int64)}, {@code DateTime64(3, 'UTC')}) into the types ch-consumer can encode; anything else, and
 * any text that is not a well-formed type, is empty. Time zones are dropped: RowBinary carries epoch values either way.
 * Stateless.
 */
public final class ColumnTypeParser {

    private ColumnTypeParser() {}

    public static Optional<ClickHouseType> parse(String typeSql) {
        Cursor cursor = new Cursor(typeSql);
        try {
            ClickHouseType type = cursor.type();
            cursor.skipSpaces();
            return cursor.atEnd() ? Optional.of(type) : Optional.empty();
        } catch (IllegalArgumentException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    /** A recursive-descent reader over one type text; throws IllegalArgumentException where the text is not a known type. */
    private static final class Cursor {
        private final String text;
        private int at;

        Cursor(String text) {
            this.text = text;
        }

        ClickHouseType type() {
            skipSpaces();
            String name = identifier();
            switch (name) {
                case "Nullable" -> {
                    ClickHouseType inner = single();
                    if (inner.nullable() || inner.lowCardinality()) {
                        throw new IllegalArgumentException("nested Nullable/LowCardinality");
                    }
                    return inner.asNullable();
                }
                case "LowCardinality" -> {
                    ClickHouseType inner = single();
                    if (inner.lowCardinality()) {
                        throw new IllegalArgumentException("nested LowCardinality");
                    }
                    return inner.asLowCardinality();
                }
                case "Array" -> {
                    return ClickHouseType.array(single());
                }
                case "Map" -> {
                    expect('(');
                    ClickHouseType key = type();
                    expect(',');
                    ClickHouseType value = type();
                    expect(')');
                    return ClickHouseType.map(key, value);
                }
                case "Decimal" -> {
                    expect('(');
                    int precision = number();
                    expect(',');
                    int scale = number();
                    expect(')');
                    return ClickHouseType.decimal(precision, scale);
                }
                case "DateTime" -> {
                    if (peek('(')) {
                        expect('(');
                        quoted();
                        expect(')');
                    }
                    return ClickHouseType.of(ClickHouseBaseType.DATETIME);
                }
                case "DateTime64" -> {
                    expect('(');
                    int precision = number();
                    if (peek(',')) {
                        expect(',');
                        quoted();
                    }
                    expect(')');
                    return ClickHouseType.dateTime64(precision);
                }
                case "FixedString" -> {
                    expect('(');
                    int length = number();
                    expect(')');
                    return ClickHouseType.fixedString(length);
                }
                case "Enum8", "Enum16" -> {
                    Map<String, Integer> values = enumValues();
                    return name.equals("Enum8") ? ClickHouseType.enum8(values) : ClickHouseType.enum16(values);
                }
                default -> {
                    return ClickHouseType.of(simple(name));
                }
            }
        }

        private static ClickHouseBaseType simple(String name) {
            return switch (name) {
                case "String" -> ClickHouseBaseType.STRING;
                case "Int8" -> ClickHouseBaseType.INT8;
                case "Int16" -> ClickHouseBaseType.INT16;
                case "Int32" -> ClickHouseBaseType.INT32;
                case "Int64" -> ClickHouseBaseType.INT64;
                case "UInt8" -> ClickHouseBaseType.UINT8;
                case "UInt16" -> ClickHouseBaseType.UINT16;
                case "UInt32" -> ClickHouseBaseType.UINT32;
                case "UInt64" -> ClickHouseBaseType.UINT64;
                case "Float32" -> ClickHouseBaseType.FLOAT32;
                case "Float64" -> ClickHouseBaseType.FLOAT64;
                case "Bool" -> ClickHouseBaseType.BOOL;
                case "Date" -> ClickHouseBaseType.DATE;
                case "UUID" -> ClickHouseBaseType.UUID;
                default -> throw new IllegalArgumentException("unknown type " + name);
            };
        }

        private ClickHouseType single() {
            expect('(');
            ClickHouseType inner = type();
            expect(')');
            return inner;
        }

        private Map<String, Integer> enumValues() {
            Map<String, Integer> values = new LinkedHashMap<>();
            expect('(');
            do {
                skipSpaces();
                String symbol = quoted();
                expect('=');
                skipSpaces();
                boolean negative = peek('-');
                if (negative) {
                    at++;
                }
                int value = number();
                if (values.put(symbol, negative ? -value : value) != null) {
                    throw new IllegalArgumentException("repeated enum symbol");
                }
            } while (tryConsume(','));
            expect(')');
            return values;
        }

        /** A single-quoted literal with backslash escapes, as ClickHouse writes enum symbols and time zones. */
        private String quoted() {
            skipSpaces();
            if (at >= text.length() || text.charAt(at) != '\'') {
                throw new IllegalArgumentException("expected a quote at " + at);
            }
            at++;
            StringBuilder value = new StringBuilder();
            while (at < text.length()) {
                char c = text.charAt(at++);
                if (c == '\'') {
                    return value.toString();
                }
                if (c == '\\' && at < text.length()) {
                    char escaped = text.charAt(at++);
                    value.append(
                            switch (escaped) {
                                case 'n' -> '\n';
                                case 't' -> '\t';
                                case 'r' -> '\r';
                                case '0' -> '\0';
                                case 'b' -> '\b';
                                case 'f' -> '\f';
                                default -> escaped;
                            });
                } else {
                    value.append(c);
                }
            }
            throw new IllegalArgumentException("unterminated quote");
        }

        private int number() {
            skipSpaces();
            int start = at;
            while (at < text.length() && Character.isDigit(text.charAt(at)) && at - start < 6) {
                at++;
            }
            if (at == start || (at < text.length() && Character.isDigit(text.charAt(at)))) {
                throw new IllegalArgumentException("expected a small number at " + start);
            }
            return Integer.parseInt(text.substring(start, at));
        }

        private String identifier() {
            int start = at;
            while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
                at++;
            }
            if (at == start) {
                throw new IllegalArgumentException("expected a type name at " + start);
            }
            return text.substring(start, at);
        }

        private boolean peek(char wanted) {
            skipSpaces();
            return at < text.length() && text.charAt(at) == wanted;
        }

        private boolean tryConsume(char wanted) {
            if (peek(wanted)) {
                at++;
                return true;
            }
            return false;
        }

        private void expect(char wanted) {
            if (!tryConsume(wanted)) {
                throw new IllegalArgumentException("expected '" + wanted + "' at " + at);
            }
        }

        void skipSpaces() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        boolean atEnd() {
            return at == text.length();
        }
    }
}
