package io.chingest.consumer.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chingest.common.mapping.ClickHouseType;
import io.chingest.consumer.clickhouse.ColumnTypeParser;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

/**
 * Exact RowBinary bytes of each Avro field type written to each column type it fits, and the per-value range checks.
 * The UUID byte order and the Enum, FixedString, LowCardinality and Array(Nullable) bytes are the ones a ClickHouse
 * 18.16 server reads back as the same values (TypeMatrixIT); the DateTime64, Bool and Map bytes follow ClickHouse's
 * RowBinary format description for current servers.
 */
class ColumnPairWritersTest {
    private static final String COLOR =
            "{\"type\": \"enum\", \"name\": \"Color\", \"symbols\": [\"RED\", \"GREEN\", \"BLUE\", \"PURPLE\"]}";
    private static final Schema COLOR_SCHEMA = new Schema.Parser().parse(COLOR);
    private static final Schema FIXED4 = Schema.createFixed("F4", null, null, 4);

    private static Schema avro(String json) {
        return new Schema.Parser().parse(json);
    }

    private static ClickHouseType column(String sql) {
        return ColumnTypeParser.parse(sql).orElseThrow(() -> new AssertionError("not parsed: " + sql));
    }

    private static String encoded(String avroType, String columnType, Object value) {
        RowBinaryWriter out = new RowBinaryWriter(1024);
        ColumnWriters.forField(avro(avroType), column(columnType)).write(value, out);
        return HexBytes.of(out.toByteArray());
    }

    private static String natural(String columnType, Object value) {
        RowBinaryWriter out = new RowBinaryWriter(1024);
        ColumnWriters.forType(column(columnType)).write(value, out);
        return HexBytes.of(out.toByteArray());
    }

    private static GenericData.EnumSymbol color(String symbol) {
        return new GenericData.EnumSymbol(COLOR_SCHEMA, symbol);
    }

    private static GenericData.Fixed fixed(String hex) {
        return new GenericData.Fixed(FIXED4, HexBytes.of(hex));
    }

    private static List<Object> list(Object... items) {
        return new ArrayList<>(Arrays.asList(items));
    }

    @Test
    void enumToEnum8AndEnum16WritesTheColumnsValueForTheSymbol() {
        String enum8 = "Enum8('RED' = -128, 'GREEN' = 0, 'BLUE' = 127)";
        assertThat(encoded(COLOR, enum8, color("RED"))).isEqualTo("80");
        assertThat(encoded(COLOR, enum8, color("GREEN"))).isEqualTo("00");
        assertThat(encoded(COLOR, enum8, color("BLUE"))).isEqualTo("7F");
        String enum16 = "Enum16('RED' = -32768, 'GREEN' = 1000, 'BLUE' = 32767)";
        assertThat(encoded(COLOR, enum16, color("RED"))).isEqualTo("00 80");
        assertThat(encoded(COLOR, enum16, color("GREEN"))).isEqualTo("E8 03");
        assertThat(encoded(COLOR, enum16, color("BLUE"))).isEqualTo("FF 7F");
        assertThat(encoded("\"string\"", enum8, new Utf8("BLUE"))).isEqualTo("7F");
    }

    @Test
    void anEnumSymbolTheColumnLacksIsAnErrorOfThatValueOnly() {
        assertThatThrownBy(() -> encoded(COLOR, "Enum8('RED' = 1, 'GREEN' = 2, 'BLUE' = 3)", color("PURPLE")))
                .isInstanceOf(ValueEncodingException.class)
                .hasMessage("enum symbol 'PURPLE' is not one of the column's symbols [RED, GREEN, BLUE]");
        assertThatThrownBy(() -> encoded("\"string\"", "Enum16('a' = 1)", new Utf8("b")))
                .isInstanceOf(ValueEncodingException.class);
    }

    @Test
    void enumToStringAndLowCardinalityStringWritesTheSymbol() {
        assertThat(encoded(COLOR, "String", color("BLUE"))).isEqualTo("04 42 4C 55 45");
        assertThat(encoded(COLOR, "LowCardinality(String)", color("RED"))).isEqualTo("03 52 45 44");
        assertThat(encoded(COLOR, "Nullable(String)", color("RED"))).isEqualTo("00 03 52 45 44");
    }

    @Test
    void uuidAsTwoLittleEndianHalvesHighFirst() {
        String uuid = "{\"type\": \"string\", \"logicalType\": \"uuid\"}";
        assertThat(encoded(uuid, "UUID", new Utf8("01234567-89ab-cdef-0011-223344556677")))
                .isEqualTo("EF CD AB 89 67 45 23 01 77 66 55 44 33 22 11 00");
        assertThat(encoded("\"string\"", "UUID", "FFFFFFFF-0000-0000-0000-000000000001"))
                .isEqualTo("00 00 00 00 FF FF FF FF 01 00 00 00 00 00 00 00");
        assertThat(encoded(uuid, "String", new Utf8("01234567-89ab-cdef-0011-223344556677")))
                .startsWith("24 30 31 32 33");
        assertThatThrownBy(() -> encoded(uuid, "UUID", new Utf8("1-2-3-4-5")))
                .isInstanceOf(ValueEncodingException.class)
                .hasMessage("'1-2-3-4-5' is not a UUID in the form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx");
        assertThatThrownBy(() -> encoded(uuid, "UUID", new Utf8("0123456g-89ab-cdef-0011-223344556677")))
                .isInstanceOf(ValueEncodingException.class);
    }

    @Test
    void bytesAndFixedToStringAndFixedString() {
        assertThat(encoded("\"bytes\"", "String", ByteBuffer.wrap(HexBytes.of("00 FF"))))
                .isEqualTo("02 00 FF");
        assertThat(encoded("\"bytes\"", "String", ByteBuffer.allocate(0))).isEqualTo("00");
        String fixed4 = FIXED4.toString();
        assertThat(encoded(fixed4, "FixedString(4)", fixed("DE AD BE EF"))).isEqualTo("DE AD BE EF");
        assertThat(encoded(fixed4, "FixedString(6)", fixed("DE AD BE EF"))).isEqualTo("DE AD BE EF 00 00");
        assertThat(encoded(fixed4, "String", fixed("DE AD BE EF"))).isEqualTo("04 DE AD BE EF");
        assertThat(encoded("\"bytes\"", "FixedString(3)", ByteBuffer.wrap(HexBytes.of("61"))))
                .isEqualTo("61 00 00");
        assertThat(encoded("\"string\"", "FixedString(3)", new Utf8("é"))).isEqualTo("C3 A9 00");
        assertThatThrownBy(() -> encoded("\"bytes\"", "FixedString(3)", ByteBuffer.wrap(HexBytes.of("01 02 03 04"))))
                .isInstanceOf(ValueEncodingException.class)
                .hasMessage("value of 4 bytes is longer than FixedString(3)");
        assertThatThrownBy(() -> ColumnWriters.forField(FIXED4, column("FixedString(3)")))
                .isInstanceOf(IncompatibleTypeException.class)
                .hasMessage("fixed of 4 bytes does not fit a FixedString(3)");
    }

    @Test
    void timeMillisToInt32OrUInt32() {
        String time = "{\"type\": \"int\", \"logicalType\": \"time-millis\"}";
        assertThat(encoded(time, "Int32", 86_399_999)).isEqualTo("FF 5B 26 05");
        assertThat(encoded(time, "UInt32", 86_399_999)).isEqualTo("FF 5B 26 05");
        assertThat(encoded(time, "UInt32", 0)).isEqualTo("00 00 00 00");
        assertThatThrownBy(() -> encoded(time, "UInt32", -1))
                .isInstanceOf(ValueEncodingException.class)
                .hasMessage("value -1 is outside UInt32's range 0..4294967295");
    }

    @Test
    void timestampMicrosToDateTimeDropsTheFractionAndIsRangeChecked() {
        String micros = "{\"type\": \"long\", \"logicalType\": \"timestamp-micros\"}";
        assertThat(encoded(micros, "DateTime", 1_700_000_000_999_999L)).isEqualTo("00 F1 53 65");
        assertThat(encoded(micros, "DateTime('UTC')", 4_294_967_295_999_999L)).isEqualTo("FF FF FF FF");
        assertThatThrownBy(() -> encoded(micros, "DateTime", -1L))
                .isInstanceOf(ValueEncodingException.class)
                .hasMessage(
                        "timestamp of -1 us since the epoch is outside ClickHouse DateTime's range of 0..4294967295 seconds");
        assertThatThrownBy(() -> encoded(micros, "DateTime", 4_294_967_296_000_000L))
                .isInstanceOf(ValueEncodingException.class);
    }

    @Test
    void timestampsToDateTime64AsTicksOfTheColumnsPrecision() {
        String millis = "{\"type\": \"long\", \"logicalType\": \"timestamp-millis\"}";
        String micros = "{\"type\": \"long\", \"logicalType\": \"timestamp-micros\"}";
        assertThat(encoded(millis, "DateTime64(3)", 1_700_000_000_123L)).isEqualTo("7B 68 E5 CF 8B 01 00 00");
        assertThat(encoded(micros, "DateTime64(6)", 1_700_000_000_123_456L)).isEqualTo("40 22 20 18 24 0A 06 00");
        assertThat(encoded(millis, "DateTime64(6, 'UTC')", 1_700_000_000_123L)).isEqualTo("78 20 20 18 24 0A 06 00");
        assertThat(encoded(micros, "DateTime64(3)", 1_700_000_000_123_456L)).isEqualTo("7B 68 E5 CF 8B 01 00 00");
        assertThat(encoded(millis, "DateTime64(3)", -1L)).isEqualTo("FF FF FF FF FF FF FF FF");
        assertThat(encoded(micros, "DateTime64(3)", -1L)).isEqualTo("FF FF FF FF FF FF FF FF");
        assertThatThrownBy(() -> encoded(millis, "DateTime64(3)", 10_413_792_000_000L))
                .isInstanceOf(ValueEncodingException.class)
                .hasMessage(
                        "timestamp of 10413792000000 ms since the epoch is outside ClickHouse DateTime64(3)'s range of 1900-01-01 to 2299-12-31");
        assertThatThrownBy(() -> encoded(millis, "DateTime64(3)", -2_208_988_801_000L))
                .isInstanceOf(ValueEncodingException.class);
        assertThatThrownBy(() -> encoded(millis, "DateTime64(9)", 10_000_000_000_000L))
                .isInstanceOf(ValueEncodingException.class)
                .hasMessage("timestamp of 10000000000000 ms since the epoch overflows DateTime64(9)");
    }

    @Test
    void booleanToBoolAndUInt8() {
        assertThat(encoded("\"boolean\"", "Bool", true)).isEqualTo("01");
        assertThat(encoded("\"boolean\"", "Bool", false)).isEqualTo("00");
        assertThat(encoded("\"boolean\"", "UInt8", true)).isEqualTo("01");
        assertThat(encoded("\"boolean\"", "Nullable(Bool)", false)).isEqualTo("00 00");
    }

    @Test
    void intToEveryIntegerWidthAtItsBounds() {
        assertThat(encoded("\"int\"", "Int8", -128)).isEqualTo("80");
        assertThat(encoded("\"int\"", "Int8", 127)).isEqualTo("7F");
        assertThat(encoded("\"int\"", "Int16", -32768)).isEqualTo("00 80");
        assertThat(encoded("\"int\"", "Int16", 32767)).isEqualTo("FF 7F");
        assertThat(encoded("\"int\"", "UInt8", 255)).isEqualTo("FF");
        assertThat(encoded("\"int\"", "UInt16", 65535)).isEqualTo("FF FF");
        assertThat(encoded("\"int\"", "UInt32", Integer.MAX_VALUE)).isEqualTo("FF FF FF 7F");
        assertThat(encoded("\"int\"", "UInt64", Integer.MAX_VALUE)).isEqualTo("FF FF FF 7F 00 00 00 00");
        assertThat(encoded("\"int\"", "Int64", Integer.MIN_VALUE)).isEqualTo("00 00 00 80 FF FF FF FF");
        assertThat(encoded("\"int\"", "Nullable(Int32)", 5)).isEqualTo("00 05 00 00 00");
        assertThatThrownBy(() -> encoded("\"int\"", "Int8", 128))
                .isInstanceOf(ValueEncodingException.class)
                .hasMessage("value 128 is outside Int8's range -128..127");
        assertThatThrownBy(() -> encoded("\"int\"", "Int8", -129)).isInstanceOf(ValueEncodingException.class);
        assertThatThrownBy(() -> encoded("\"int\"", "Int16", 32768)).isInstanceOf(ValueEncodingException.class);
        assertThatThrownBy(() -> encoded("\"int\"", "UInt8", 256)).isInstanceOf(ValueEncodingException.class);
        assertThatThrownBy(() -> encoded("\"int\"", "UInt16", -1))
                .isInstanceOf(ValueEncodingException.class)
                .hasMessage("value -1 is outside UInt16's range 0..65535");
        assertThatThrownBy(() -> encoded("\"int\"", "UInt64", -1)).isInstanceOf(ValueEncodingException.class);
    }

    @Test
    void longToInt64UInt64AndUInt32AtTheirBounds() {
        assertThat(encoded("\"long\"", "UInt32", 4_294_967_295L)).isEqualTo("FF FF FF FF");
        assertThat(encoded("\"long\"", "UInt64", Long.MAX_VALUE)).isEqualTo("FF FF FF FF FF FF FF 7F");
        assertThat(encoded("\"long\"", "Int64", Long.MIN_VALUE)).isEqualTo("00 00 00 00 00 00 00 80");
        assertThat(encoded("\"long\"", "Int16", -2L)).isEqualTo("FE FF");
        assertThatThrownBy(() -> encoded("\"long\"", "UInt32", 4_294_967_296L))
                .isInstanceOf(ValueEncodingException.class)
                .hasMessage("value 4294967296 is outside UInt32's range 0..4294967295");
        assertThatThrownBy(() -> encoded("\"long\"", "UInt64", -1L))
                .isInstanceOf(ValueEncodingException.class)
                .hasMessage("value -1 is outside UInt64's range 0..9223372036854775807");
        assertThatThrownBy(() -> encoded("\"long\"", "Int32", 2_147_483_648L))
                .isInstanceOf(ValueEncodingException.class);
    }

    @Test
    void stringToLowCardinalityStringWithOrWithoutNullable() {
        assertThat(encoded("\"string\"", "LowCardinality(String)", new Utf8("ab")))
                .isEqualTo("02 61 62");
        assertThat(encoded("\"string\"", "LowCardinality(Nullable(String))", new Utf8("a")))
                .isEqualTo("00 01 61");
        assertThat(encoded("[\"null\", \"string\"]", "LowCardinality(Nullable(String))", null))
                .isEqualTo("01");
    }

    @Test
    void arraysWithALengthThenEachElementAndNullMarkersInsideNullableElements() {
        assertThat(encoded("{\"type\": \"array\", \"items\": \"int\"}", "Array(Int32)", list(1, -1)))
                .isEqualTo("02 01 00 00 00 FF FF FF FF");
        assertThat(encoded("{\"type\": \"array\", \"items\": \"int\"}", "Array(Int32)", list()))
                .isEqualTo("00");
        assertThat(encoded(
                        "{\"type\": \"array\", \"items\": [\"null\", \"int\"]}",
                        "Array(Nullable(Int32))",
                        list(1, null)))
                .isEqualTo("02 00 01 00 00 00 01");
        assertThat(encoded("{\"type\": \"array\", \"items\": \"int\"}", "Array(Nullable(Int32))", list(7)))
                .isEqualTo("01 00 07 00 00 00");
        assertThat(encoded(
                        "{\"type\": \"array\", \"items\": {\"type\": \"array\", \"items\": \"string\"}}",
                        "Array(Array(String))",
                        list(list(new Utf8("a")), list())))
                .isEqualTo("02 01 01 61 00");
        assertThat(encoded("{\"type\": \"array\", \"items\": \"int\"}", "Array(UInt8)", list(255)))
                .isEqualTo("01 FF");
        assertThatThrownBy(() -> encoded("{\"type\": \"array\", \"items\": \"int\"}", "Array(UInt8)", list(1, 300)))
                .isInstanceOf(ValueEncodingException.class)
                .hasMessage("element 1: value 300 is outside UInt8's range 0..255");
        assertThatThrownBy(() -> ColumnWriters.forField(
                        avro("{\"type\": \"array\", \"items\": [\"null\", \"int\"]}"), column("Array(Int32)")))
                .isInstanceOf(IncompatibleTypeException.class)
                .hasMessage("a nullable field needs a Nullable column");
    }

    @Test
    void mapsWithACountThenKeyAndValuePairs() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(new Utf8("a"), 1L);
        map.put(new Utf8("b"), null);
        assertThat(encoded(
                        "{\"type\": \"map\", \"values\": [\"null\", \"long\"]}", "Map(String, Nullable(Int64))", map))
                .isEqualTo("02 01 61 00 01 00 00 00 00 00 00 00 01 62 01");
        assertThat(encoded(
                        "{\"type\": \"map\", \"values\": \"int\"}",
                        "Map(LowCardinality(String), UInt8)",
                        Map.of(new Utf8("k"), 9)))
                .isEqualTo("01 01 6B 09");
        assertThat(encoded("{\"type\": \"map\", \"values\": \"int\"}", "Map(String, Int32)", Map.of()))
                .isEqualTo("00");
        assertThatThrownBy(() -> encoded(
                        "{\"type\": \"map\", \"values\": \"int\"}", "Map(String, UInt8)", Map.of(new Utf8("k"), -1)))
                .isInstanceOf(ValueEncodingException.class)
                .hasMessage("key 'k': value -1 is outside UInt8's range 0..255");
        assertThatThrownBy(() -> ColumnWriters.forField(
                        avro("{\"type\": \"map\", \"values\": \"int\"}"), column("Map(Int32, Int32)")))
                .isInstanceOf(IncompatibleTypeException.class)
                .hasMessage("Avro map keys are strings and need a Map(String, ...) column");
    }

    @Test
    void pairsThatCannotFitAreRefusedOnceNotPerValue() {
        assertThatThrownBy(() -> ColumnWriters.forField(avro("\"string\""), column("Int32")))
                .isInstanceOf(IncompatibleTypeException.class)
                .hasMessage("Avro type \"string\" cannot be written to a Int32 column");
        assertThatThrownBy(() ->
                        ColumnWriters.forField(avro("{\"type\": \"int\", \"logicalType\": \"date\"}"), column("Int32")))
                .isInstanceOf(IncompatibleTypeException.class);
        assertThatThrownBy(() -> ColumnWriters.forField(avro("\"double\""), column("Float32")))
                .isInstanceOf(IncompatibleTypeException.class);
        assertThatThrownBy(() -> ColumnWriters.forField(avro("\"long\""), column("UUID")))
                .isInstanceOf(IncompatibleTypeException.class);
        assertThatThrownBy(() -> ColumnWriters.forField(avro("[\"int\", \"string\"]"), column("Nullable(Int32)")))
                .isInstanceOf(IncompatibleTypeException.class);
        assertThat(encoded("\"float\"", "Float64", 1.5f)).isEqualTo("00 00 00 00 00 00 F8 3F");
    }

    @Test
    void forTypeTakesTheValuesOfTheAvroTypeTheColumnIsCreatedFor() {
        assertThat(natural("Enum8('a' = 1, 'b' = 2)", new Utf8("b"))).isEqualTo("02");
        assertThat(natural("UUID", "01234567-89ab-cdef-0011-223344556677"))
                .isEqualTo("EF CD AB 89 67 45 23 01 77 66 55 44 33 22 11 00");
        assertThat(natural("Bool", true)).isEqualTo("01");
        assertThat(natural("UInt32", 7L)).isEqualTo("07 00 00 00");
        assertThat(natural("Int8", -1)).isEqualTo("FF");
        assertThat(natural("DateTime64(3)", 1_700_000_000_123L)).isEqualTo("7B 68 E5 CF 8B 01 00 00");
        assertThat(natural("DateTime64(6)", 1_700_000_000_123_456L)).isEqualTo("40 22 20 18 24 0A 06 00");
        assertThat(natural(
                        "FixedString(2)",
                        new GenericData.Fixed(Schema.createFixed("x", null, null, 2), HexBytes.of("01 02"))))
                .isEqualTo("01 02");
        assertThat(natural("Array(Nullable(Int32))", list(null, 2))).isEqualTo("02 01 00 02 00 00 00");
        assertThat(natural("Map(String, Int64)", Map.of("k", 1L))).isEqualTo("01 01 6B 01 00 00 00 00 00 00 00");
        assertThat(natural("LowCardinality(String)", "x")).isEqualTo("01 78");
    }
}
