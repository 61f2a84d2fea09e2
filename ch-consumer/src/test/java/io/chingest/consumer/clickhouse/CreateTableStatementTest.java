package io.chingest.consumer.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chingest.common.mapping.ClickHouseBaseType;
import io.chingest.common.mapping.ClickHouseType;
import io.chingest.common.mapping.ColumnMapping;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The DDL of --create-table: quoted names (any name an insert accepts), provenance columns, sorted by them. */
class CreateTableStatementTest {
    private static final List<ColumnMapping> FIELDS = List.of(
            new ColumnMapping("id", new ClickHouseType(ClickHouseBaseType.INT64, false, 0, 0)),
            new ColumnMapping("name", new ClickHouseType(ClickHouseBaseType.STRING, true, 0, 0)),
            new ColumnMapping("amount", new ClickHouseType(ClickHouseBaseType.DECIMAL, false, 18, 4)));

    @Test
    void addsTheProvenanceColumnsAndSortsByThem() {
        assertThat(CreateTableStatement.sql(TableName.parse("db.t"), FIELDS)).isEqualTo("CREATE TABLE IF NOT EXISTS db.t (`id` Int64,"
                + " `name` Nullable(String), `amount` Decimal(18, 4), _kafka_topic String, _kafka_partition Int32, _kafka_offset Int64)"
                + " ENGINE = MergeTree ORDER BY (_kafka_topic, _kafka_partition, _kafka_offset)");
    }

    @Test
    void quotesNamesThatAreNotPlainIdentifiersTheSameWayInsertsDo() {
        String sql = CreateTableStatement.sql(TableName.parse("sales-2024.orders-2024"),
                List.of(new ColumnMapping("a`b\\c", new ClickHouseType(ClickHouseBaseType.UINT8, false, 0, 0))));
        assertThat(sql).startsWith("CREATE TABLE IF NOT EXISTS `sales-2024`.`orders-2024` (`a\\`b\\\\c` UInt8, _kafka_topic String");
    }

    @Test
    void refusesARecordWithoutFieldsAndAFieldNamedLikeAProvenanceColumn() {
        assertThatThrownBy(() -> CreateTableStatement.sql(TableName.parse("db.t"), List.of()))
                .hasMessage("table db.t needs at least one column");
        assertThatThrownBy(() -> CreateTableStatement.sql(TableName.parse("db.t"),
                List.of(new ColumnMapping("_kafka_offset", new ClickHouseType(ClickHouseBaseType.INT64, false, 0, 0)))))
                .hasMessageStartingWith("record field _kafka_offset has the name of a column ch-consumer fills itself");
    }
}
