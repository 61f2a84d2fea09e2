package io.chingest.consumer.clickhouse;

import java.util.regex.Pattern;

/**
 * A ClickHouse table as {@code database.table}; an unqualified name lives in database {@code default}.
 * Immutable.
 */
public record TableName(String database, String table) {
    private static final String DEFAULT_DATABASE = "default";
    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public TableName {
        if (database == null || database.isEmpty() || table == null || table.isEmpty()) {
            throw new IllegalArgumentException("database and table names must not be empty");
        }
    }

    /** Parses {@code TABLE} or {@code DB.TABLE}; the first dot separates database from table. */
    public static TableName parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a table name is required, as TABLE or DB.TABLE");
        }
        int dot = text.indexOf('.');
        if (dot < 0) {
            return new TableName(DEFAULT_DATABASE, text);
        }
        String database = text.substring(0, dot);
        String table = text.substring(dot + 1);
        if (database.isEmpty() || table.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' is not a table name of the form TABLE or DB.TABLE");
        }
        return new TableName(database, table);
    }

    /** The name for SQL, each part back-quoted when it is not a plain identifier. */
    public String sql() {
        return identifier(database) + "." + identifier(table);
    }

    /** Back-quotes an identifier unless it is a plain one, escaping back-quotes and backslashes. */
    public static String identifier(String name) {
        if (PLAIN_IDENTIFIER.matcher(name).matches()) {
            return name;
        }
        return quoted(name);
    }

    /** Always back-quotes, for column lists. */
    public static String quoted(String name) {
        return "`" + name.replace("\\", "\\\\").replace("`", "\\`") + "`";
    }

    /** Single-quoted SQL string literal. */
    public static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    @Override
    public String toString() {
        return database + "." + table;
    }
}
