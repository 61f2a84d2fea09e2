package io.chingest.consumer.table;

import io.chingest.common.mapping.ClickHouseType;
import io.chingest.consumer.clickhouse.ColumnTypeParser;
import java.util.Optional;

/**
 * One column of the target table as DESCRIBE TABLE reports it: its name, its type text, that type parsed (when
 * ch-consumer can encode it) and its default kind ({@code ""}, {@code DEFAULT}, {@code MATERIALIZED}, {@code ALIAS},
 * or {@code EPHEMERAL} on newer servers). Immutable.
 */
public record TableColumn(String name, String typeSql, Optional<ClickHouseType> type, String defaultKind) {
    private static final String MATERIALIZED = "MATERIALIZED";
    private static final String ALIAS = "ALIAS";

    /** A column without a default expression. */
    public static TableColumn of(String name, String typeSql) {
        return of(name, typeSql, "");
    }

    public static TableColumn of(String name, String typeSql, String defaultKind) {
        return new TableColumn(name, typeSql, ColumnTypeParser.parse(typeSql), defaultKind);
    }

    /** False for MATERIALIZED and ALIAS columns, which ClickHouse computes and refuses in an INSERT. */
    public boolean insertable() {
        return !defaultKind.equals(MATERIALIZED) && !defaultKind.equals(ALIAS);
    }

    /**
     * True when ClickHouse fills the column of an INSERT that leaves it out with NULL: a Nullable column without a
     * default expression. Writing NULL for it then stores exactly what leaving it out would.
     */
    public boolean defaultsToNull() {
        return defaultKind.isEmpty() && typeSql.startsWith("Nullable(");
    }
}
