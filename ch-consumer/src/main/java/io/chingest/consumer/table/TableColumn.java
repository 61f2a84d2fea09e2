package io.chingest.consumer.table;

import io.chingest.common.mapping.ClickHouseType;
import io.chingest.consumer.clickhouse.ColumnTypeParser;
import java.util.Optional;

/**
 * One insertable column of the target table as DESCRIBE TABLE reports it: its name, its type text and that type
 * parsed, when ch-consumer can encode it. Immutable.
 */
public record TableColumn(String name, String typeSql, Optional<ClickHouseType> type) {

    public static TableColumn of(String name, String typeSql) {
        return new TableColumn(name, typeSql, ColumnTypeParser.parse(typeSql));
    }
}
