package io.chingest.consumer.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.chingest.common.mapping.ClickHouseBaseType;
import io.chingest.common.mapping.ClickHouseType;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** ClickHouse column type text to encodable types. */
class ColumnTypeParserTest {

    @Test
    void readsEveryEncodableType() {
        assertThat(ColumnTypeParser.parse("String"))
                .contains(new ClickHouseType(ClickHouseBaseType.STRING, false, 0, 0));
        assertThat(ColumnTypeParser.parse("Int32")).contains(new ClickHouseType(ClickHouseBaseType.INT32, false, 0, 0));
        assertThat(ColumnTypeParser.parse("Int64")).contains(new ClickHouseType(ClickHouseBaseType.INT64, false, 0, 0));
        assertThat(ColumnTypeParser.parse("Float32"))
                .contains(new ClickHouseType(ClickHouseBaseType.FLOAT32, false, 0, 0));
        assertThat(ColumnTypeParser.parse("Float64"))
                .contains(new ClickHouseType(ClickHouseBaseType.FLOAT64, false, 0, 0));
        assertThat(ColumnTypeParser.parse("UInt8")).contains(new ClickHouseType(ClickHouseBaseType.UINT8, false, 0, 0));
        assertThat(ColumnTypeParser.parse("Date")).contains(new ClickHouseType(ClickHouseBaseType.DATE, false, 0, 0));
        assertThat(ColumnTypeParser.parse("DateTime"))
                .contains(new ClickHouseType(ClickHouseBaseType.DATETIME, false, 0, 0));
        assertThat(ColumnTypeParser.parse("Decimal(18, 4)"))
                .contains(new ClickHouseType(ClickHouseBaseType.DECIMAL, false, 18, 4));
    }

    @Test
    void readsNullableAndTimeZonedForms() {
        assertThat(ColumnTypeParser.parse("Nullable(Decimal(38, 10))"))
                .contains(new ClickHouseType(ClickHouseBaseType.DECIMAL, true, 38, 10));
        assertThat(ColumnTypeParser.parse("Nullable(String)"))
                .contains(new ClickHouseType(ClickHouseBaseType.STRING, true, 0, 0));
        assertThat(ColumnTypeParser.parse("DateTime('UTC')"))
                .contains(new ClickHouseType(ClickHouseBaseType.DATETIME, false, 0, 0));
        assertThat(ColumnTypeParser.parse("Nullable(DateTime('Europe/Berlin'))"))
                .contains(new ClickHouseType(ClickHouseBaseType.DATETIME, true, 0, 0));
    }

    @Test
    void otherTypesAreNotEncodable() {
        assertThat(ColumnTypeParser.parse("Tuple(Int32, String)")).isEqualTo(Optional.empty());
        assertThat(ColumnTypeParser.parse("Nested(a Int32)")).isEmpty();
        assertThat(ColumnTypeParser.parse("Int128")).isEmpty();
        assertThat(ColumnTypeParser.parse("Nullable(Array(Int32))")).isEmpty();
        assertThat(ColumnTypeParser.parse("Nullable(LowCardinality(String))")).isEmpty();
        assertThat(ColumnTypeParser.parse("Nullable(Nullable(String))")).isEmpty();
        assertThat(ColumnTypeParser.parse("Array(String")).isEmpty();
        assertThat(ColumnTypeParser.parse("String)")).isEmpty();
        assertThat(ColumnTypeParser.parse("Enum8('a' = 1, 'a' = 2)")).isEmpty();
        assertThat(ColumnTypeParser.parse("Enum8('a' = 128)")).isEmpty();
        assertThat(ColumnTypeParser.parse("Enum8('a = 1)")).isEmpty();
        assertThat(ColumnTypeParser.parse("FixedString(0)")).isEmpty();
        assertThat(ColumnTypeParser.parse("DateTime64(10)")).isEmpty();
        assertThat(ColumnTypeParser.parse("")).isEmpty();
        assertThat(ColumnTypeParser.parse("Decimal(39, 2)")).isEmpty();
        assertThat(ColumnTypeParser.parse("Decimal(5, 6)")).isEmpty();
        assertThat(ColumnTypeParser.parse("Decimal(99999999999, 2)")).isEmpty();
    }

    @Test
    void readsTheWiderTypes() {
        assertThat(ColumnTypeParser.parse("Int8")).contains(ClickHouseType.of(ClickHouseBaseType.INT8));
        assertThat(ColumnTypeParser.parse("Int16")).contains(ClickHouseType.of(ClickHouseBaseType.INT16));
        assertThat(ColumnTypeParser.parse("UInt16")).contains(ClickHouseType.of(ClickHouseBaseType.UINT16));
        assertThat(ColumnTypeParser.parse("UInt32")).contains(ClickHouseType.of(ClickHouseBaseType.UINT32));
        assertThat(ColumnTypeParser.parse("Nullable(UInt64)"))
                .contains(ClickHouseType.of(ClickHouseBaseType.UINT64).asNullable());
        assertThat(ColumnTypeParser.parse("Bool")).contains(ClickHouseType.of(ClickHouseBaseType.BOOL));
        assertThat(ColumnTypeParser.parse("UUID")).contains(ClickHouseType.of(ClickHouseBaseType.UUID));
        assertThat(ColumnTypeParser.parse("FixedString(16)")).contains(ClickHouseType.fixedString(16));
        assertThat(ColumnTypeParser.parse("DateTime64(3)")).contains(ClickHouseType.dateTime64(3));
        assertThat(ColumnTypeParser.parse("DateTime64(6, 'Europe/Berlin')")).contains(ClickHouseType.dateTime64(6));
        assertThat(ColumnTypeParser.parse("LowCardinality(String)"))
                .contains(ClickHouseType.of(ClickHouseBaseType.STRING).asLowCardinality());
        assertThat(ColumnTypeParser.parse("LowCardinality(Nullable(String))"))
                .contains(ClickHouseType.of(ClickHouseBaseType.STRING)
                        .asNullable()
                        .asLowCardinality());
        assertThat(ColumnTypeParser.parse("Array(Nullable(Int32))"))
                .contains(ClickHouseType.array(
                        ClickHouseType.of(ClickHouseBaseType.INT32).asNullable()));
        assertThat(ColumnTypeParser.parse("Array(Array(String))"))
                .contains(ClickHouseType.array(ClickHouseType.array(ClickHouseType.of(ClickHouseBaseType.STRING))));
        assertThat(ColumnTypeParser.parse("Map(String, Int64)"))
                .contains(ClickHouseType.map(
                        ClickHouseType.of(ClickHouseBaseType.STRING), ClickHouseType.of(ClickHouseBaseType.INT64)));
        assertThat(ColumnTypeParser.parse("Map(LowCardinality(String), Array(Nullable(DateTime64(3, 'UTC'))))"))
                .contains(ClickHouseType.map(
                        ClickHouseType.of(ClickHouseBaseType.STRING).asLowCardinality(),
                        ClickHouseType.array(ClickHouseType.dateTime64(3).asNullable())));
    }

    @Test
    void readsEnumsWithTheirValuesInDeclarationOrderAndEscapedSymbols() {
        ClickHouseType enum8 = ColumnTypeParser.parse(
                        "Enum8('b' = -128, 'a' = 1, 'it\\'s' = 127, 'x\\\\y' = 0, 'é' = 5)")
                .orElseThrow();
        assertThat(enum8.base()).isEqualTo(ClickHouseBaseType.ENUM8);
        assertThat(enum8.enumValues())
                .containsExactly(entry("b", -128), entry("a", 1), entry("it's", 127), entry("x\\y", 0), entry("é", 5));
        ClickHouseType enum16 = ColumnTypeParser.parse("Nullable(Enum16('low' = -32768,'high'=32767))")
                .orElseThrow();
        assertThat(enum16.base()).isEqualTo(ClickHouseBaseType.ENUM16);
        assertThat(enum16.nullable()).isTrue();
        assertThat(enum16.enumValues()).containsExactly(entry("low", -32768), entry("high", 32767));
        assertThat(ColumnTypeParser.parse(enum8.sql())).contains(enum8);
    }
}
