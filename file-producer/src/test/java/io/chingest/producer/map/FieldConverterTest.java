package io.chingest.producer.map;

import io.chingest.common.mapping.ClickHouseBaseType;
import io.chingest.common.mapping.ClickHouseType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericFixed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldConverterTest {

    private static final FieldConverter INT = converter(ClickHouseBaseType.INT32);
    private static final FieldConverter LONG = converter(ClickHouseBaseType.INT64);
    private static final FieldConverter FLOAT = converter(ClickHouseBaseType.FLOAT32);
    private static final FieldConverter DOUBLE = converter(ClickHouseBaseType.FLOAT64);
    private static final FieldConverter BOOLEAN = converter(ClickHouseBaseType.UINT8);
    private static final FieldConverter DATE = converter(ClickHouseBaseType.DATE);
    private static final FieldConverter TIMESTAMP = converter(ClickHouseBaseType.DATETIME);
    private static final FieldConverter DECIMAL_BYTES = FieldConverter.of(
            new ClickHouseType(ClickHouseBaseType.DECIMAL, false, 10, 2),
            LogicalTypes.decimal(10, 2).addToSchema(Schema.create(Schema.Type.BYTES)));
    private static final FieldConverter DECIMAL_FIXED = FieldConverter.of(
            new ClickHouseType(ClickHouseBaseType.DECIMAL, false, 9, 0),
            LogicalTypes.decimal(9, 0).addToSchema(Schema.createFixed("Code", null, "test", 4)));

    @ParameterizedTest
    @CsvSource({"42, 42", "-7, -7", "+7, 7", "0, 0", "2147483647, 2147483647", "-2147483648, -2147483648",
            "007, 7"})
    void intAcceptsWholeNumbersInRange(String text, int expected) {
        assertThat(INT.convert(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2147483648|out of range for int",
            "-2147483649|out of range for int",
            "99999999999999999999|out of range for int",
            "4.0|not an int",
            "' 1'|not an int",
            "'1 '|not an int",
            "-|not an int",
            "1e3|not an int",
            "\u0661|not an int",
            "0x10|not an int"})
    void intRejectsEverythingElse(String text, String reason) {
        assertRejected(INT, text, reason);
    }

    @Test
    void longCoversTheWholeLongRange() {
        assertThat(LONG.convert("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(LONG.convert("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertRejected(LONG, "9223372036854775808", "out of range for long");
        assertRejected(LONG, "12abc", "not a long");
    }

    @Test
    void floatAndDoubleAcceptDecimalScientificAndSpecialValues() {
        assertThat(FLOAT.convert("1.5")).isEqualTo(1.5f);
        assertThat(FLOAT.convert("-2e3")).isEqualTo(-2000f);
        assertThat(FLOAT.convert(".25")).isEqualTo(0.25f);
        assertThat(FLOAT.convert("NaN")).isEqualTo(Float.NaN);
        assertThat(FLOAT.convert("-inf")).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(DOUBLE.convert("0.1")).isEqualTo(0.1d);
        assertThat(DOUBLE.convert("1e308")).isEqualTo(1e308d);
        assertThat(DOUBLE.convert("Infinity")).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void floatAndDoubleRejectOverflowAndOtherSyntax() {
        assertRejected(FLOAT, "1e39", "out of range for float");
        assertRejected(DOUBLE, "1e309", "out of range for double");
        assertRejected(FLOAT, "1,5", "not a float");
        assertRejected(DOUBLE, "0x1p3", "not a double");
        assertRejected(DOUBLE, "1d", "not a double");
        assertRejected(DOUBLE, " 1", "not a double");
    }

    @ParameterizedTest
    @CsvSource({"true, true", "TRUE, true", "1, true", "yes, true", "Yes, true",
            "false, false", "False, false", "0, false", "no, false", "NO, false"})
    void booleanAcceptsTrueFalseOneZeroYesNoInAnyCase(String text, boolean expected) {
        assertThat(BOOLEAN.convert(text)).isEqualTo(expected);
    }

    @Test
    void booleanRejectsOtherWords() {
        assertRejected(BOOLEAN, "t", "not a boolean (true/false, 1/0, yes/no)");
        assertRejected(BOOLEAN, "2", "not a boolean (true/false, 1/0, yes/no)");
    }

    @Test
    void decimalBecomesTheUnscaledBigEndianTwosComplementBytes() {
        assertThat(DECIMAL_BYTES.convert("12.34")).isEqualTo(ByteBuffer.wrap(new byte[] {0x04, (byte) 0xD2}));
        assertThat(DECIMAL_BYTES.convert("12.3")).isEqualTo(ByteBuffer.wrap(new byte[] {0x04, (byte) 0xCE}));
        assertThat(DECIMAL_BYTES.convert("-0.5")).isEqualTo(ByteBuffer.wrap(new byte[] {(byte) 0xCE}));
        assertThat(DECIMAL_BYTES.convert("+1")).isEqualTo(ByteBuffer.wrap(new byte[] {0x64}));
        assertThat(DECIMAL_BYTES.convert("99999999.99"))
                .isEqualTo(ByteBuffer.wrap(new java.math.BigInteger("9999999999").toByteArray()));
        // Trailing zeros beyond the scale do not change the value, so nothing is rounded.
        assertThat(DECIMAL_BYTES.convert("12.3400")).isEqualTo(ByteBuffer.wrap(new byte[] {0x04, (byte) 0xD2}));
    }

    @Test
    void decimalIntoFixedIsSignExtendedToTheFixedSize() {
        assertThat(((GenericFixed) DECIMAL_FIXED.convert("255")).bytes()).containsExactly(0, 0, 0, 0xFF);
        assertThat(((GenericFixed) DECIMAL_FIXED.convert("-1")).bytes()).containsExactly(0xFF, 0xFF, 0xFF, 0xFF);
        assertThat(((GenericFixed) DECIMAL_FIXED.convert("-999999999")).bytes())
                .containsExactly(0xC4, 0x65, 0x36, 0x01);
    }

    @Test
    void decimalNeverRounds() {
        assertRejected(DECIMAL_BYTES, "12.345", "more than 2 fraction digits for decimal(10, 2)");
        assertRejected(DECIMAL_BYTES, "0.001", "more than 2 fraction digits for decimal(10, 2)");
        assertRejected(DECIMAL_BYTES, "123456789", "too large for decimal(10, 2) (at most 8 digits before the point)");
        assertRejected(DECIMAL_BYTES, "-100000000.5",
                "too large for decimal(10, 2) (at most 8 digits before the point)");
        assertRejected(DECIMAL_FIXED, "1000000000", "too large for decimal(9, 0) (at most 9 digits before the point)");
        assertRejected(DECIMAL_FIXED, "1.5", "more than 0 fraction digits for decimal(9, 0)");
    }

    @Test
    void decimalAcceptsOnlyPlainNotation() {
        assertRejected(DECIMAL_BYTES, "1e3", "not a decimal number");
        assertRejected(DECIMAL_BYTES, "1,50", "not a decimal number");
        assertRejected(DECIMAL_BYTES, "$5", "not a decimal number");
        assertRejected(DECIMAL_BYTES, ".", "not a decimal number");
    }

    @Test
    void dateIsDaysSinceTheEpoch() {
        assertThat(DATE.convert("2024-01-02")).isEqualTo(19724);
        assertThat(DATE.convert("1970-01-01")).isEqualTo(0);
        assertThat(DATE.convert("1969-12-31")).isEqualTo(-1);
        assertThat(DATE.convert("2024-02-29")).isEqualTo(19782);
        assertRejected(DATE, "2023-02-29", "not a date (yyyy-MM-dd)");
        assertRejected(DATE, "2024-1-2", "not a date (yyyy-MM-dd)");
        assertRejected(DATE, "02.01.2024", "not a date (yyyy-MM-dd)");
        assertRejected(DATE, "2024-01-02T00:00:00Z", "not a date (yyyy-MM-dd)");
    }

    @Test
    void timestampIsMillisSinceTheEpochFromAnInstantOrUtcDateTime() {
        assertThat(TIMESTAMP.convert("2024-01-02T03:04:05.123Z")).isEqualTo(1704164645123L);
        assertThat(TIMESTAMP.convert("2024-01-02T03:04:05Z")).isEqualTo(1704164645000L);
        assertThat(TIMESTAMP.convert("2024-01-02 03:04:05")).isEqualTo(1704164645000L);
        assertThat(TIMESTAMP.convert("2024-01-02 03:04:05.123")).isEqualTo(1704164645123L);
        assertThat(TIMESTAMP.convert("2024-01-02 03:04:05.5")).isEqualTo(1704164645500L);
        assertThat(TIMESTAMP.convert("1969-12-31 23:59:59.999")).isEqualTo(-1L);
    }

    @Test
    void timestampRejectsOtherFormsAndSubMillisecondPrecision() {
        String form = "not a timestamp (2024-01-02T03:04:05.123Z, or 2024-01-02 03:04:05[.123] in UTC)";
        assertRejected(TIMESTAMP, "yesterday", form);
        assertRejected(TIMESTAMP, "2024-01-02", form);
        assertRejected(TIMESTAMP, "2024-01-02T03:04:05", form);
        assertRejected(TIMESTAMP, "2024-01-02 25:00:00", form);
        assertRejected(TIMESTAMP, "2024-01-02 03:04:05.1234", "more precise than milliseconds");
        assertRejected(TIMESTAMP, "2024-01-02T03:04:05.000001Z", "more precise than milliseconds");
    }

    @Test
    void stringKeepsTheTextAsItIs() {
        assertThat(converter(ClickHouseBaseType.STRING).convert(" x ")).isEqualTo(" x ");
    }

    private static FieldConverter converter(ClickHouseBaseType base) {
        return FieldConverter.of(new ClickHouseType(base, false, 0, 0), Schema.create(Schema.Type.NULL));
    }

    private static void assertRejected(FieldConverter converter, String text, String reason) {
        assertThatThrownBy(() -> converter.convert(text))
                .as("%s of \"%s\"", converter.typeName(), text)
                .isInstanceOf(ValueRejectedException.class)
                .hasMessage(reason);
    }
}
