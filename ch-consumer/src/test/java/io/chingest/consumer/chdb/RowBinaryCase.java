package io.chingest.consumer.chdb;

import io.chingest.common.mapping.ClickHouseBaseType;
import io.chingest.common.mapping.ClickHouseType;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.util.Utf8;

/**
 * One value the consumer's RowBinary encoder writes, as the Avro decoder hands it over, and the text a current ClickHouse
 * prints for it ({@code FORMAT TabSeparated}, escapes included). {@link #ALL} is the list the current-engine test checks:
 * a new column type is one more line there. Immutable.
 */
record RowBinaryCase(ClickHouseType type, Object avroValue, String expectedText) {

    static final List<RowBinaryCase> ALL = List.of(
            of(plain(ClickHouseBaseType.STRING), new Utf8("plain"), "plain"),
            of(plain(ClickHouseBaseType.STRING), "", ""),
            of(
                    plain(ClickHouseBaseType.STRING),
                    new Utf8("tab\there, new\nline, back\\slash"),
                    "tab\\there, new\\nline, back\\\\slash"),
            of(plain(ClickHouseBaseType.STRING), "Grüße, 東京 ✓", "Grüße, 東京 ✓"),
            of(plain(ClickHouseBaseType.INT32), Integer.MIN_VALUE, "-2147483648"),
            of(plain(ClickHouseBaseType.INT32), Integer.MAX_VALUE, "2147483647"),
            of(plain(ClickHouseBaseType.INT64), Long.MIN_VALUE, "-9223372036854775808"),
            of(plain(ClickHouseBaseType.INT64), 1L << 40, "1099511627776"),
            of(plain(ClickHouseBaseType.FLOAT32), 1.5f, "1.5"),
            of(plain(ClickHouseBaseType.FLOAT32), -0.1f, "-0.1"),
            of(plain(ClickHouseBaseType.FLOAT32), Float.NaN, "nan"),
            of(plain(ClickHouseBaseType.FLOAT64), 0.1, "0.1"),
            of(plain(ClickHouseBaseType.FLOAT64), -1e300, "-1e300"),
            of(plain(ClickHouseBaseType.FLOAT64), Double.NEGATIVE_INFINITY, "-inf"),
            of(plain(ClickHouseBaseType.UINT8), true, "1"),
            of(plain(ClickHouseBaseType.UINT8), false, "0"),
            of(plain(ClickHouseBaseType.DATE), 0, "1970-01-01"),
            of(plain(ClickHouseBaseType.DATE), 19_724, "2024-01-02"),
            of(plain(ClickHouseBaseType.DATE), 65_535, "2149-06-06"),
            of(plain(ClickHouseBaseType.DATETIME), 1_704_164_645_123L, "2024-01-02 03:04:05"),
            of(plain(ClickHouseBaseType.DATETIME), 4_294_967_295_999L, "2106-02-07 06:28:15"),
            of(decimal(9, 2), unscaled("12345"), "123.45"),
            of(decimal(9, 2), unscaled("-999999999"), "-9999999.99"),
            of(decimal(18, 4), unscaled("123456789012345678"), "12345678901234.5678"),
            of(decimal(18, 4), unscaled("-1"), "-0.0001"),
            of(
                    decimal(38, 10),
                    unscaled("99999999999999999999999999999999999999"),
                    "9999999999999999999999999999.9999999999"),
            of(decimal(38, 10), fixed16("-12345678901234567890123"), "-1234567890123.4567890123"),
            of(nullable(ClickHouseBaseType.STRING), null, "\\N"),
            of(nullable(ClickHouseBaseType.STRING), new Utf8("x"), "x"),
            of(nullable(ClickHouseBaseType.INT32), 7, "7"),
            of(nullable(ClickHouseBaseType.INT64), null, "\\N"),
            of(nullable(ClickHouseBaseType.FLOAT64), 2.25, "2.25"),
            of(nullable(ClickHouseBaseType.UINT8), null, "\\N"),
            of(nullable(ClickHouseBaseType.DATE), 1, "1970-01-02"),
            of(nullable(ClickHouseBaseType.DATETIME), null, "\\N"),
            of(new ClickHouseType(ClickHouseBaseType.DECIMAL, true, 18, 4), unscaled("5"), "0.0005"),
            of(new ClickHouseType(ClickHouseBaseType.DECIMAL, true, 18, 4), null, "\\N"),
            of(plain(ClickHouseBaseType.INT8), -128, "-128"),
            of(plain(ClickHouseBaseType.INT16), 32_767, "32767"),
            of(plain(ClickHouseBaseType.UINT16), 65_535, "65535"),
            of(plain(ClickHouseBaseType.UINT32), 4_294_967_295L, "4294967295"),
            of(plain(ClickHouseBaseType.UINT64), Long.MAX_VALUE, "9223372036854775807"),
            of(plain(ClickHouseBaseType.BOOL), true, "true"),
            of(plain(ClickHouseBaseType.BOOL), false, "false"),
            of(
                    plain(ClickHouseBaseType.UUID),
                    new Utf8("61f0c404-5cb3-11e7-907b-a6006ad3dba0"),
                    "61f0c404-5cb3-11e7-907b-a6006ad3dba0"),
            of(ClickHouseType.fixedString(4), fixed("abcd"), "abcd"),
            of(ClickHouseType.enum8(Map.of("a", 1, "b", -2)), new Utf8("b"), "b"),
            of(ClickHouseType.enum16(Map.of("low", -300, "high", 300)), new Utf8("high"), "high"),
            of(ClickHouseType.dateTime64(3), 1_704_164_645_123L, "2024-01-02 03:04:05.123"),
            of(ClickHouseType.dateTime64(6), 1_704_164_645_123_456L, "2024-01-02 03:04:05.123456"),
            of(ClickHouseType.array(plain(ClickHouseBaseType.INT32)), List.of(1, -2, 3), "[1,-2,3]"),
            of(ClickHouseType.array(plain(ClickHouseBaseType.STRING)), List.of(), "[]"),
            of(ClickHouseType.array(nullable(ClickHouseBaseType.INT64)), Arrays.asList(5L, null), "[5,NULL]"),
            of(
                    ClickHouseType.map(plain(ClickHouseBaseType.STRING), plain(ClickHouseBaseType.INT64)),
                    Map.of(new Utf8("k"), 5L),
                    "{'k':5}"));

    static RowBinaryCase of(ClickHouseType type, Object avroValue, String expectedText) {
        return new RowBinaryCase(type, avroValue, expectedText);
    }

    static ClickHouseType plain(ClickHouseBaseType base) {
        return new ClickHouseType(base, false, 0, 0);
    }

    static ClickHouseType nullable(ClickHouseBaseType base) {
        return new ClickHouseType(base, true, 0, 0);
    }

    static ClickHouseType decimal(int precision, int scale) {
        return new ClickHouseType(ClickHouseBaseType.DECIMAL, false, precision, scale);
    }

    /** An Avro {@code bytes} decimal: the unscaled value, big-endian two's complement. */
    static ByteBuffer unscaled(String digits) {
        return ByteBuffer.wrap(new BigInteger(digits).toByteArray());
    }

    /** An Avro {@code fixed} of the text's bytes, as {@code --create-table}'s FixedString(N) field. */
    static GenericData.Fixed fixed(String text) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return new GenericData.Fixed(Schema.createFixed("fixed_" + bytes.length, null, null, bytes.length), bytes);
    }

    /** An Avro {@code fixed(16)} decimal, sign-extended to its size. */
    static GenericData.Fixed fixed16(String digits) {
        byte[] minimal = new BigInteger(digits).toByteArray();
        byte[] bytes = new byte[16];
        byte sign = (byte) (minimal[0] < 0 ? 0xFF : 0x00);
        for (int i = 0; i < 16; i++) {
            int index = minimal.length - 16 + i;
            bytes[i] = index >= 0 ? minimal[index] : sign;
        }
        return new GenericData.Fixed(Schema.createFixed("amount", null, "test", 16), bytes);
    }
}
