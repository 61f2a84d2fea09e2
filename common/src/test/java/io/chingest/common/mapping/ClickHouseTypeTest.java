package io.chingest.common.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClickHouseTypeTest {

    @ParameterizedTest
    @CsvSource({
        "STRING, String",
        "INT32, Int32",
        "INT64, Int64",
        "FLOAT32, Float32",
        "FLOAT64, Float64",
        "UINT8, UInt8",
        "DATE, Date",
        "DATETIME, DateTime"
    })
    void sqlOfEveryPlainType(ClickHouseBaseType base, String sql) {
        assertThat(new ClickHouseType(base, false, 0, 0).sql()).isEqualTo(sql);
        assertThat(new ClickHouseType(base, true, 0, 0).sql()).isEqualTo("Nullable(" + sql + ")");
    }

    @Test
    void sqlOfDecimals() {
        assertThat(new ClickHouseType(ClickHouseBaseType.DECIMAL, false, 18, 4).sql())
                .isEqualTo("Decimal(18, 4)");
        assertThat(new ClickHouseType(ClickHouseBaseType.DECIMAL, true, 38, 38).sql())
                .isEqualTo("Nullable(Decimal(38, 38))");
        assertThat(new ClickHouseType(ClickHouseBaseType.DECIMAL, false, 1, 0).sql())
                .isEqualTo("Decimal(1, 0)");
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

    @Test
    void sqlOfTheParameterisedAndNestedTypes() {
        assertThat(ClickHouseType.dateTime64(3).sql()).isEqualTo("DateTime64(3)");
        assertThat(ClickHouseType.fixedString(16).asNullable().sql()).isEqualTo("Nullable(FixedString(16))");
        assertThat(ClickHouseType.of(ClickHouseBaseType.STRING)
                        .asLowCardinality()
                        .sql())
                .isEqualTo("LowCardinality(String)");
        assertThat(ClickHouseType.of(ClickHouseBaseType.STRING)
                        .asNullable()
                        .asLowCardinality()
                        .sql())
                .isEqualTo("LowCardinality(Nullable(String))");
        Map<String, Integer> values = new LinkedHashMap<>();
        values.put("it's", -128);
        values.put("a\\b", 127);
        assertThat(ClickHouseType.enum8(values).sql()).isEqualTo("Enum8('it\\'s' = -128, 'a\\\\b' = 127)");
        assertThat(ClickHouseType.array(
                                ClickHouseType.of(ClickHouseBaseType.INT32).asNullable())
                        .sql())
                .isEqualTo("Array(Nullable(Int32))");
        assertThat(ClickHouseType.map(
                                ClickHouseType.of(ClickHouseBaseType.STRING),
                                ClickHouseType.of(ClickHouseBaseType.UUID))
                        .sql())
                .isEqualTo("Map(String, UUID)");
        for (ClickHouseBaseType base : new ClickHouseBaseType[] {
            ClickHouseBaseType.INT8,
            ClickHouseBaseType.INT16,
            ClickHouseBaseType.UINT16,
            ClickHouseBaseType.UINT32,
            ClickHouseBaseType.UINT64,
            ClickHouseBaseType.BOOL,
            ClickHouseBaseType.UUID
        }) {
            String expected = switch (base) {
                case INT8 -> "Int8";
                case INT16 -> "Int16";
                case UINT16 -> "UInt16";
                case UINT32 -> "UInt32";
                case UINT64 -> "UInt64";
                case BOOL -> "Bool";
                default -> "UUID";
            };
            assertThat(ClickHouseType.of(base).sql()).isEqualTo(expected);
        }
    }

    @Test
    void parametersOutsideWhatClickHouseAcceptsAreRefused() {
        assertThatThrownBy(() -> ClickHouseType.dateTime64(10)).hasMessage("DateTime64 precision 10 is outside 0..9");
        assertThatThrownBy(() -> ClickHouseType.fixedString(0))
                .hasMessage("FixedString length must be positive, was 0");
        assertThatThrownBy(() -> ClickHouseType.enum8(Map.of("a", 128)))
                .hasMessage("ENUM8 value 128 of 'a' is outside -128..127");
        assertThatThrownBy(() -> ClickHouseType.enum16(Map.of("a", -32769)))
                .hasMessage("ENUM16 value -32769 of 'a' is outside -32768..32767");
        assertThatThrownBy(() -> ClickHouseType.enum8(Map.of())).hasMessage("ENUM8 needs at least one value");
        assertThatThrownBy(() -> ClickHouseType.array(ClickHouseType.of(ClickHouseBaseType.INT32))
                        .asNullable())
                .hasMessage("ClickHouse has no Nullable or LowCardinality ARRAY; put the wrapper on the elements");
    }
}
