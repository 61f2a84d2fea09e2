package io.chingest.producer.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chingest.common.mapping.ClickHouseBaseType;
import io.chingest.common.mapping.ClickHouseType;
import java.nio.ByteBuffer;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericFixed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
    @CsvSource({"42, 42", "-7, -7", "+7, 7", "0, 0", "2147483647, 2147483647", "-2147483648, -2147483648", "007, 7"})
    void intAcceptsWholeNumbersInRange(String text, int expected) {
        assertThat(INT.convert(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "2147483648|out of range for int",
                "-2147483649|out of range for int",
                "99999999999999999999|out of range for int",
                "4.0|not an int",
                "' 1'|not an int",
                "'1 '|not an int",
                "-|not an int",
                "1e3|not an int",
                "\u0661|not an int",
                "0x10|not an int"
            })
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
    @CsvSource({
        "true, true",
        "TRUE, true",
        "1, true",
        "yes, true",
        "Yes, true",
        "false, false",
        "False, false",
        "0, false",
        "no, false",
        "NO, false"
    })
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
        assertRejected(
                DECIMAL_BYTES, "-100000000.5", "too large for decimal(10, 2) (at most 8 digits before the point)");
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
    void dateFollowsTheProlepticCalendarAndIsoYearSigns() {
        assertThat(DATE.convert("2000-02-29")).isEqualTo(11016);
        assertThat(DATE.convert("-0001-12-31")).isEqualTo(-719529);
        // 10,000 years after 2024-01-02 (19724): 25 cycles of 146,097 days.
        assertThat(DATE.convert("+12024-01-02")).isEqualTo(19724 + 25 * 146_097);
        assertThat(DATE.convert("+5881580-07-11")).isEqualTo(Integer.MAX_VALUE);
        String form = "not a date (yyyy-MM-dd)";
        assertRejected(DATE, "1900-02-29", form);
        assertRejected(DATE, "2100-02-29", form);
        assertRejected(DATE, "2024-04-31", form);
        // Days since the epoch must fit an int.
        assertRejected(DATE, "+5881580-07-12", form);
        // A '+' only before more than four digits, more than four digits only after a sign, no minus zero.
        assertRejected(DATE, "+2024-01-02", form);
        assertRejected(DATE, "12024-01-02", form);
        assertRejected(DATE, "-0000-01-02", form);
    }

    @Test
    void timestampReadsInstantsAsIsoInstantDoes() {
        assertThat(TIMESTAMP.convert("2024-01-02T24:00:00Z")).isEqualTo(1704240000000L);
        assertThat(TIMESTAMP.convert("2024-06-30T23:59:60Z")).isEqualTo(1719791999000L);
        assertThat(TIMESTAMP.convert("2024-01-02T03:04:05.Z")).isEqualTo(1704164645000L);
        assertThat(TIMESTAMP.convert("2024-01-02T03:04:05.123z")).isEqualTo(1704164645123L);
        assertThat(TIMESTAMP.convert("2024-01-02T03:04:05+01:00")).isEqualTo(1704161045000L);
        assertThat(TIMESTAMP.convert("+292278994-08-17T07:12:55.807Z")).isEqualTo(Long.MAX_VALUE);
        assertRejected(TIMESTAMP, "+292278994-08-17T07:12:55.808Z", "out of range for timestamp-millis");
        String form = "not a timestamp (2024-01-02T03:04:05.123Z, or 2024-01-02 03:04:05[.123] in UTC)";
        assertRejected(TIMESTAMP, "2024-02-30T00:00:00Z", form);
        assertRejected(TIMESTAMP, "2024-01-02T24:00:01Z", form);
        // The space-separated form is resolved strictly: no 24:00, no leap second, a point needs a digit.
        assertRejected(TIMESTAMP, "2024-01-02 24:00:00", form);
        assertRejected(TIMESTAMP, "2024-06-30 23:59:60", form);
        assertRejected(TIMESTAMP, "2024-01-02 03:04:05.", form);
        assertRejected(TIMESTAMP, "2024-01-02 03:04:05.1234567890", form);
    }

    @Test
    void floatRangeIsDecidedOnTheRoundedValue() {
        assertThat(FLOAT.convert("3.40282356e38")).isEqualTo(Float.MAX_VALUE);
        assertRejected(FLOAT, "3.4028236e38", "out of range for float");
        assertThat(FLOAT.convert("1E+5")).isEqualTo(100_000f);
        assertThat(DOUBLE.convert("1e-400")).isEqualTo(0.0d);
        assertThat(DOUBLE.convert("-0")).isEqualTo(-0.0d);
        assertThat(DOUBLE.convert("9007199254740993")).isEqualTo(9007199254740992d);
        assertRejected(DOUBLE, "1e", "not a double");
        assertRejected(DOUBLE, "infinite", "not a double");
    }

    @Test
    void decimalOfThirtyEightDigitsTakesSixteenBytes() {
        FieldConverter widest = FieldConverter.of(
                new ClickHouseType(ClickHouseBaseType.DECIMAL, false, 38, 0),
                LogicalTypes.decimal(38, 0).addToSchema(Schema.create(Schema.Type.BYTES)));
        String nines = "9".repeat(38);

        assertThat(widest.convert(nines)).isEqualTo(ByteBuffer.wrap(new java.math.BigInteger(nines).toByteArray()));
        assertThat(widest.convert("-" + nines))
                .isEqualTo(ByteBuffer.wrap(new java.math.BigInteger("-" + nines).toByteArray()));
        assertThat(((ByteBuffer) widest.convert(nines)).remaining()).isEqualTo(16);
        assertRejected(
                widest, "1" + "0".repeat(38), "too large for decimal(38, 0) (at most 38 digits before the point)");
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
