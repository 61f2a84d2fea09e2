package io.chingest.common.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClickHouseTypeTest {

    @ParameterizedTest
    @CsvSource({
        "STRING, String", "INT32, Int32", "INT64, Int64", "FLOAT32, Float32", "FLOAT64, Float64",
        "UINT8, UInt8", "DATE, Date", "DATETIME, DateTime"
    })
    void sqlOfEveryPlainType(ClickHouseBaseType base, String sql) {
        assertThat(new ClickHouseType(base, false, 0, 0).sql()).isEqualTo(sql);
        assertThat(new ClickHouseType(base, true, 0, 0).sql()).isEqualTo("Nullable(" + sql + ")");
    }

    @Test
    void sqlOfDecimals() {
        assertThat(new ClickHouseType(ClickHouseBaseType.DECIMAL, false, 18, 4).sql()).isEqualTo("Decimal(18, 4)");
        assertThat(new ClickHouseType(ClickHouseBaseType.DECIMAL, true, 38, 38).sql()).isEqualTo("Nullable(Decimal(38, 38))");
        assertThat(new ClickHouseType(ClickHouseBaseType.DECIMAL, false, 1, 0).sql()).isEqualTo("Decimal(1, 0)");
    }

    @Test
    void decimalPrecisionMustBeOneToThirtyEight() {
        assertThatThrownBy(() -> new ClickHouseType(ClickHouseBaseType.DECIMAL, false, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Decimal precision 0 is outside 1..38");
        assertThatThrownBy(() -> new ClickHouseType(ClickHouseBaseType.DECIMAL, false, 39, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Decimal precision 39 is outside 1..38");
    }

    @Test
    void decimalScaleMustBeWithinThePrecision() {
        assertThatThrownBy(() -> new ClickHouseType(ClickHouseBaseType.DECIMAL, false, 10, 11))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Decimal scale 11 is outside 0..10 (the precision)");
        assertThatThrownBy(() -> new ClickHouseType(ClickHouseBaseType.DECIMAL, false, 10, -1))
                .hasMessage("Decimal scale -1 is outside 0..10 (the precision)");
    }

    @Test
    void otherTypesTakeNoPrecisionOrScale() {
        assertThatThrownBy(() -> new ClickHouseType(ClickHouseBaseType.INT32, false, 5, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("INT32 takes no precision or scale, got (5, 0)");
        assertThatThrownBy(() -> new ClickHouseType(null, false, 0, 0)).isInstanceOf(NullPointerException.class);
    }
}
