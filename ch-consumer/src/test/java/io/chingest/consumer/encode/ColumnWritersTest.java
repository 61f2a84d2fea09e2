package io.chingest.consumer.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chingest.common.mapping.ClickHouseBaseType;
import io.chingest.common.mapping.ClickHouseType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

/** Exact RowBinary bytes of every column type, Nullable, Decimal32/64/128 with negatives, Date and DateTime. */
class ColumnWritersTest {

    private static ClickHouseType type(ClickHouseBaseType base) {
        return new ClickHouseType(base, false, 0, 0);
    }

    private static ClickHouseType nullable(ClickHouseBaseType base) {
        return new ClickHouseType(base, true, 0, 0);
    }

    private static ClickHouseType decimal(int precision, int scale, boolean nullable) {
        return new ClickHouseType(ClickHouseBaseType.DECIMAL, nullable, precision, scale);
    }

    private static String encoded(ClickHouseType type, Object value) {
        RowBinaryWriter out = new RowBinaryWriter(1024);
        ColumnWriters.forType(type).write(value, out);
        return HexBytes.of(out.toByteArray());
    }

    /** The unscaled value as Avro's decimal conversion writes it: minimal big-endian two's complement. */
    private static ByteBuffer unscaled(String decimal) {
        return ByteBuffer.wrap(new BigDecimal(decimal).unscaledValue().toByteArray());
    }

    @Test
    void string() {
        assertThat(encoded(type(ClickHouseBaseType.STRING), new Utf8("héllo ✓")))
                .isEqualTo("0A 68 C3 A9 6C 6C 6F 20 E2 9C 93");
        assertThat(encoded(type(ClickHouseBaseType.STRING), "日本")).isEqualTo("06 E6 97 A5 E6 9C AC");
        assertThat(encoded(type(ClickHouseBaseType.STRING), new Utf8(""))).isEqualTo("00");
    }

    @Test
    void utf8WithABackingArrayLongerThanItsValue() {
        Utf8 reused = new Utf8("a much longer earlier value");
        reused.set("ok");
        assertThat(encoded(type(ClickHouseBaseType.STRING), reused)).isEqualTo("02 6F 6B");
    }

    @Test
    void integersAndFloats() {
        assertThat(encoded(type(ClickHouseBaseType.INT32), -2)).isEqualTo("FE FF FF FF");
        assertThat(encoded(type(ClickHouseBaseType.INT32), Integer.MIN_VALUE)).isEqualTo("00 00 00 80");
        assertThat(encoded(type(ClickHouseBaseType.INT64), -987654321012345678L))
                .isEqualTo("B2 F4 2D BB A0 25 4B F2");
        assertThat(encoded(type(ClickHouseBaseType.FLOAT32), 1.5f)).isEqualTo("00 00 C0 3F");
        assertThat(encoded(type(ClickHouseBaseType.FLOAT64), -2.0)).isEqualTo("00 00 00 00 00 00 00 C0");
    }

    @Test
    void booleanAsUInt8() {
        assertThat(encoded(type(ClickHouseBaseType.UINT8), true)).isEqualTo("01");
        assertThat(encoded(type(ClickHouseBaseType.UINT8), false)).isEqualTo("00");
    }

    @Test
    void decimal32FromNegativeValue() {
        assertThat(encoded(decimal(9, 2, false), unscaled("-1.23"))).isEqualTo("85 FF FF FF");
        assertThat(encoded(decimal(9, 2, false), unscaled("9999999.99"))).isEqualTo("FF C9 9A 3B");
    }

    @Test
    void decimal64() {
        assertThat(encoded(decimal(18, 4, false), unscaled("123456789012.3456")))
                .isEqualTo("C0 BA 8A 3C D5 62 04 00");
        assertThat(encoded(decimal(18, 0, false), unscaled("-987654321012345678")))
                .isEqualTo("B2 F4 2D BB A0 25 4B F2");
    }

    @Test
    void decimal128WithNegativeAndPositiveValues() {
        assertThat(encoded(decimal(38, 10, false), unscaled("-12345678901234567890.1234567890")))
                .isEqualTo("2E F5 C0 B1 11 1F 8C 3C 09 F0 16 71 FE FF FF FF");
        assertThat(encoded(decimal(38, 0, false), unscaled("98765432109876543210987654321")))
                .isEqualTo("B1 0C C7 E1 38 9D F8 FF C2 D9 20 3F 01 00 00 00");
    }

    @Test
    void decimalFromSignExtendedFixed() {
        Schema fixedSchema = Schema.createFixed("amount", null, null, 16);
        byte[] bytes = new byte[16];
        Arrays.fill(bytes, (byte) 0xFF);
        bytes[15] = (byte) 0x85;
        GenericData.Fixed fixed = new GenericData.Fixed(fixedSchema, bytes);
        assertThat(encoded(decimal(9, 2, false), fixed)).isEqualTo("85 FF FF FF");
        assertThat(encoded(decimal(20, 2, false), fixed)).isEqualTo("85 FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF");
    }

    @Test
    void decimalZeroFromEmptyOrSingleByte() {
        assertThat(encoded(decimal(9, 2, false), ByteBuffer.wrap(new byte[0]))).isEqualTo("00 00 00 00");
        assertThat(encoded(decimal(18, 2, false), unscaled("0.00"))).isEqualTo("00 00 00 00 00 00 00 00");
    }

    @Test
    void decimalReadsFromTheBufferPositionWithoutConsumingIt() {
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] {0x11, (byte) 0x85});
        buffer.position(1);
        assertThat(encoded(decimal(9, 2, false), buffer)).isEqualTo("85 FF FF FF");
        assertThat(buffer.position()).isEqualTo(1);
    }

    @Test
    void decimalWithMoreDigitsThanThePrecisionIsRefused() {
        assertThatThrownBy(() -> encoded(decimal(9, 2, false), unscaled("10000000.00")))
                .isInstanceOf(ValueEncodingException.class)
                .hasMessage("unscaled decimal value 1000000000 has more than the column's 9 digits");
        assertThatThrownBy(() -> encoded(
                        decimal(18, 0, false),
                        ByteBuffer.wrap(BigInteger.TEN.pow(20).negate().toByteArray())))
                .isInstanceOf(ValueEncodingException.class)
                .hasMessageContaining("-100000000000000000000 has more than the column's 18 digits");
        assertThatThrownBy(() -> encoded(
                        decimal(38, 0, false),
                        ByteBuffer.wrap(BigInteger.TEN.pow(38).toByteArray())))
                .isInstanceOf(ValueEncodingException.class)
                .hasMessageContaining("has more than the column's 38 digits");
    }

    @Test
    void dateAsUInt16Days() {
        assertThat(encoded(type(ClickHouseBaseType.DATE), 19000)).isEqualTo("38 4A");
        assertThat(encoded(type(ClickHouseBaseType.DATE), 0)).isEqualTo("00 00");
        assertThatThrownBy(() -> encoded(type(ClickHouseBaseType.DATE), -1))
                .isInstanceOf(ValueEncodingException.class)
                .hasMessage("date of -1 days since 1970-01-01 is outside ClickHouse Date's range 0..65535");
        assertThatThrownBy(() -> encoded(type(ClickHouseBaseType.DATE), 65536))
                .isInstanceOf(ValueEncodingException.class);
    }

    @Test
    void dateTimeAsUInt32SecondsDroppingMilliseconds() {
        assertThat(encoded(type(ClickHouseBaseType.DATETIME), 1_700_000_000_999L))
                .isEqualTo("00 F1 53 65");
        assertThat(encoded(type(ClickHouseBaseType.DATETIME), 1_700_000_000_000L))
                .isEqualTo("00 F1 53 65");
        assertThat(encoded(type(ClickHouseBaseType.DATETIME), 4_294_967_295_999L))
                .isEqualTo("FF FF FF FF");
    }

    @Test
    void dateTimeBeforeTheEpochOrAfter2106IsRefused() {
        assertThatThrownBy(() -> encoded(type(ClickHouseBaseType.DATETIME), -1L))
                .isInstanceOf(ValueEncodingException.class)
                .hasMessage(
                        "timestamp of -1 ms since the epoch is outside ClickHouse DateTime's range of 0..4294967295 seconds");
        assertThatThrownBy(() -> encoded(type(ClickHouseBaseType.DATETIME), 4_294_967_296_000L))
                .isInstanceOf(ValueEncodingException.class);
    }

    @Test
    void nullableWritesMarkerThenValue() {
        assertThat(encoded(nullable(ClickHouseBaseType.STRING), null)).isEqualTo("01");
        assertThat(encoded(nullable(ClickHouseBaseType.STRING), new Utf8("a"))).isEqualTo("00 01 61");
        assertThat(encoded(nullable(ClickHouseBaseType.INT64), 1L)).isEqualTo("00 01 00 00 00 00 00 00 00");
        assertThat(encoded(decimal(9, 2, true), unscaled("-1.23"))).isEqualTo("00 85 FF FF FF");
        assertThat(encoded(decimal(9, 2, true), null)).isEqualTo("01");
        assertThat(encoded(nullable(ClickHouseBaseType.DATE), 19000)).isEqualTo("00 38 4A");
        assertThat(encoded(nullable(ClickHouseBaseType.DATETIME), null)).isEqualTo("01");
    }

    @Test
    void nullForAColumnThatIsNotNullableIsRefused() {
        assertThatThrownBy(() -> encoded(type(ClickHouseBaseType.INT32), null))
                .isInstanceOf(ValueEncodingException.class)
                .hasMessage("null value for a column that is not Nullable");
    }

    @Test
    void valueOfTheWrongJavaTypeIsRefused() {
        assertThatThrownBy(() -> encoded(type(ClickHouseBaseType.INT64), 5))
                .isInstanceOf(ValueEncodingException.class)
                .hasMessage("a java.lang.Integer value cannot be written to a Int64 column");
    }
}
