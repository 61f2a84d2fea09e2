package io.chingest.consumer.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.chingest.common.mapping.ClickHouseBaseType;
import io.chingest.common.mapping.ClickHouseType;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** ClickHouse column type text to encodable types. */
class ColumnTypeParserTest {

    @Test
    void readsEveryEncodableType() {
        assertThat(ColumnTypeParser.parse("String")).contains(new ClickHouseType(ClickHouseBaseType.STRING, false, 0, 0));
        assertThat(ColumnTypeParser.parse("Int32")).contains(new ClickHouseType(ClickHouseBaseType.INT32, false, 0, 0));
        assertThat(ColumnTypeParser.parse("Int64")).contains(new ClickHouseType(ClickHouseBaseType.INT64, false, 0, 0));
        assertThat(ColumnTypeParser.parse("Float32")).contains(new ClickHouseType(ClickHouseBaseType.FLOAT32, false, 0, 0));
        assertThat(ColumnTypeParser.parse("Float64")).contains(new ClickHouseType(ClickHouseBaseType.FLOAT64, false, 0, 0));
        assertThat(ColumnTypeParser.parse("UInt8")).contains(new ClickHouseType(ClickHouseBaseType.UINT8, false, 0, 0));
        assertThat(ColumnTypeParser.parse("Date")).contains(new ClickHouseType(ClickHouseBaseType.DATE, false, 0, 0));
        assertThat(ColumnTypeParser.parse("DateTime")).contains(new ClickHouseType(ClickHouseBaseType.DATETIME, false, 0, 0));
        assertThat(ColumnTypeParser.parse("Decimal(18, 4)")).contains(new ClickHouseType(ClickHouseBaseType.DECIMAL, false, 18, 4));
    }

    @Test
    void readsNullableAndTimeZonedForms() {
        assertThat(ColumnTypeParser.parse("Nullable(Decimal(38, 10))")).contains(new ClickHouseType(ClickHouseBaseType.DECIMAL, true, 38, 10));
        assertThat(ColumnTypeParser.parse("Nullable(String)")).contains(new ClickHouseType(ClickHouseBaseType.STRING, true, 0, 0));
        assertThat(ColumnTypeParser.parse("DateTime('UTC')")).contains(new ClickHouseType(ClickHouseBaseType.DATETIME, false, 0, 0));
        assertThat(ColumnTypeParser.parse("Nullable(DateTime('Europe/Berlin'))"))
                .contains(new ClickHouseType(ClickHouseBaseType.DATETIME, true, 0, 0));
    }

    @Test
    void otherTypesAreNotEncodable() {
        assertThat(ColumnTypeParser.parse("UInt32")).isEqualTo(Optional.empty());
        assertThat(ColumnTypeParser.parse("Array(String)")).isEmpty();
        assertThat(ColumnTypeParser.parse("LowCardinality(String)")).isEmpty();
        assertThat(ColumnTypeParser.parse("Nullable(UInt64)")).isEmpty();
        assertThat(ColumnTypeParser.parse("Decimal(39, 2)")).isEmpty();
        assertThat(ColumnTypeParser.parse("Decimal(5, 6)")).isEmpty();
        assertThat(ColumnTypeParser.parse("Decimal(99999999999, 2)")).isEmpty();
    }
}
