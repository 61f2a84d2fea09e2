package io.chingest.consumer.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chingest.common.mapping.ClickHouseBaseType;
import io.chingest.common.mapping.ClickHouseType;
import io.chingest.common.mapping.ColumnMapping;
import io.chingest.common.mapping.UnsupportedAvroTypeException;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The DDL of --create-table: quoted names (any name an insert accepts), provenance columns, sorted by them. */
class CreateTableStatementTest {
    private static final List<ColumnMapping> FIELDS = List.of(
            new ColumnMapping("id", new ClickHouseType(ClickHouseBaseType.INT64, false, 0, 0)),
            new ColumnMapping("name", new ClickHouseType(ClickHouseBaseType.STRING, true, 0, 0)),
            new ColumnMapping("amount", new ClickHouseType(ClickHouseBaseType.DECIMAL, false, 18, 4)));

    @Test
    void addsTheProvenanceColumnsAndSortsByThem() {
        assertThat(CreateTableStatement.sql(TableName.parse("db.t"), FIELDS))
                .isEqualTo("CREATE TABLE IF NOT EXISTS db.t (`id` Int64,"
                        + " `name` Nullable(String), `amount` Decimal(18, 4), _kafka_topic String, _kafka_partition Int32, _kafka_offset Int64)"
                        + " ENGINE = MergeTree ORDER BY (_kafka_topic, _kafka_partition, _kafka_offset)");
    }

    @Test
    void quotesNamesThatAreNotPlainIdentifiersTheSameWayInsertsDo() {
        String sql = CreateTableStatement.sql(
                TableName.parse("sales-2024.orders-2024"),
                List.of(new ColumnMapping("a`b\\c", new ClickHouseType(ClickHouseBaseType.UINT8, false, 0, 0))));
        assertThat(sql)
                .startsWith(
                        "CREATE TABLE IF NOT EXISTS `sales-2024`.`orders-2024` (`a\\`b\\\\c` UInt8, _kafka_topic String");
    }

    @Test
    void refusesARecordWithoutFieldsAndAFieldNamedLikeAProvenanceColumn() {
        assertThatThrownBy(() -> CreateTableStatement.sql(TableName.parse("db.t"), List.of()))
                .hasMessage("table db.t needs at least one column");
        assertThatThrownBy(() -> CreateTableStatement.sql(
                        TableName.parse("db.t"),
                        List.of(new ColumnMapping(
                                "_kafka_offset", new ClickHouseType(ClickHouseBaseType.INT64, false, 0, 0)))))
                .hasMessageStartingWith("record field _kafka_offset has the name of a column ch-consumer fills itself");
    }

    private static final Schema WIDE = new Schema.Parser().parse("""
            {"type": "record", "name": "Wide", "namespace": "io.test", "fields": [
              {"name": "color", "type": {"type": "enum", "name": "Color", "symbols": ["RED", "GREEN"]}},
              {"name": "id", "type": {"type": "string", "logicalType": "uuid"}},
              {"name": "blob", "type": "bytes"},
              {"name": "hash", "type": {"type": "fixed", "name": "Hash", "size": 16}},
              {"name": "at_ms", "type": {"type": "long", "logicalType": "timestamp-millis"}},
              {"name": "at_us", "type": ["null", {"type": "long", "logicalType": "timestamp-micros"}], "default": null},
              {"name": "time", "type": {"type": "int", "logicalType": "time-millis"}},
              {"name": "ok", "type": "boolean"},
              {"name": "tags", "type": {"type": "array", "items": ["null", "string"]}}
            ]}""");
    private static final String WIDE_1816 =
            "CREATE TABLE IF NOT EXISTS db.t (`color` Enum8('RED' = 0, 'GREEN' = 1), `id` UUID,"
                    + " `blob` String, `hash` FixedString(16), `at_ms` DateTime, `at_us` Nullable(DateTime), `time` Int32, `ok` UInt8,"
                    + " `tags` Array(Nullable(String)), _kafka_topic String, _kafka_partition Int32, _kafka_offset Int64)"
                    + " ENGINE = MergeTree ORDER BY (_kafka_topic, _kafka_partition, _kafka_offset)";

    @Test
    void onAnOldServerTimestampsAreDateTimeAndBooleansUInt8() {
        assertThat(CreateTableStatement.sql(TableName.parse("db.t"), WIDE, ServerVersion.parse("18.16.1")))
                .isEqualTo(WIDE_1816);
        assertThat(CreateTableStatement.sql(TableName.parse("db.t"), WIDE, ServerVersion.parse("19.17.4.11")))
                .isEqualTo(WIDE_1816);
    }

    @Test
    void onACurrentServerTimestampsAreDateTime64AndBooleansBool() {
        assertThat(CreateTableStatement.sql(TableName.parse("db.t"), WIDE, ServerVersion.parse("24.8.4.13")))
                .isEqualTo(
                        "CREATE TABLE IF NOT EXISTS db.t (`color` Enum8('RED' = 0, 'GREEN' = 1), `id` UUID, `blob` String,"
                                + " `hash` FixedString(16), `at_ms` DateTime64(3), `at_us` Nullable(DateTime64(6)), `time` Int32, `ok` Bool,"
                                + " `tags` Array(Nullable(String)), _kafka_topic LowCardinality(String), _kafka_partition Int32,"
                                + " _kafka_offset Int64) ENGINE = MergeTree ORDER BY (_kafka_topic, _kafka_partition, _kafka_offset)");
        assertThat(CreateTableStatement.sql(TableName.parse("db.t"), WIDE, ServerVersion.parse("21.3.20.1")))
                .contains("`at_ms` DateTime64(3)")
                .contains("`ok` UInt8")
                .contains("_kafka_topic LowCardinality(String)");
        assertThat(CreateTableStatement.sql(TableName.parse("db.t"), WIDE, ServerVersion.parse("19.17.4.11")))
                .contains("_kafka_topic String,");
    }

    @Test
    void mapFieldsBecomeMapColumnsOnServersWithMapAndAreRefusedNamingTheFieldOnOthers() {
        Schema withMap = new Schema.Parser().parse("""
                {"type": "record", "name": "M", "fields": [{"name": "attrs", "type": {"type": "map", "values": "long"}}]}""");
        assertThat(CreateTableStatement.sql(TableName.parse("db.t"), withMap, ServerVersion.parse("23.8.1")))
                .startsWith(
                        "CREATE TABLE IF NOT EXISTS db.t (`attrs` Map(String, Int64), _kafka_topic LowCardinality(String)");
        assertThatThrownBy(() ->
                        CreateTableStatement.sql(TableName.parse("db.t"), withMap, ServerVersion.parse("18.16.1")))
                .isInstanceOf(UnsupportedAvroTypeException.class)
                .hasMessageStartingWith(
                        "field 'attrs' of record M has Avro type {\"type\":\"map\",\"values\":\"long\"}, which is not"
                                + " supported: this ClickHouse server has no Map type");
        assertThatThrownBy(
                        () -> CreateTableStatement.sql(TableName.parse("db.t"), withMap, ServerVersion.parse("21.7.1")))
                .isInstanceOf(UnsupportedAvroTypeException.class);
    }
}
