package io.chingest.producer.map;

import static org.assertj.core.api.Assertions.assertThat;

import io.chingest.common.mapping.ClickHouseBaseType;
import io.chingest.common.mapping.ClickHouseType;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericFixed;
import org.junit.jupiter.api.Test;

/**
 * The hand-written converters against {@link ReferenceConverters} (regular expressions, java.time, BigDecimal) over
 * seeded random text, valid and invalid, and hand-picked edge cases: every input must give the same value of the same
 * class, or be rejected with the same reason.
 */
class ConverterDifferentialTest {

    private static final int RANDOM_INPUTS = 50_000;
    private static final int MISMATCHES_SHOWN = 20;
    private static final String DIGITS = "0123456789";

    @Test
    void wholeNumbersAgreeWithTheReference() {
        Random random = new Random(20261201L);
        List<String> inputs = new ArrayList<>(List.of(
                "0",
                "-0",
                "+0",
                "00",
                "+",
                "-",
                "",
                "+-1",
                "--1",
                "1-",
                " 1",
                "1 ",
                "1_000",
                "0x1F",
                "1e3",
                "1.0",
                "\u0661",
                "\uff11",
                "2147483647",
                "2147483648",
                "-2147483648",
                "-2147483649",
                "+2147483647",
                "0002147483647",
                "9223372036854775807",
                "9223372036854775808",
                "-9223372036854775808",
                "-9223372036854775809",
                "+9223372036854775807",
                "00009223372036854775807",
                "99999999999999999999",
                "99999999999999999999x",
                "-99999999999999999999",
                "18446744073709551616"));
        for (int n = 0; n < RANDOM_INPUTS; n++) {
            inputs.add(
                    switch (random.nextInt(5)) {
                        case 0 -> Long.toString(random.nextLong());
                        case 1 -> Integer.toString(random.nextInt());
                        case 2 ->
                            sign(random)
                                    + "0".repeat(random.nextInt(3))
                                    + new BigInteger(random.nextInt(70) + 1, random);
                        case 3 -> sign(random) + boundary(random);
                        default -> randomText(random, "0123456789+- .e\u0661", 0, 22);
                    });
        }
        assertAgree(inputs, IntConverter.INSTANCE::convert, ReferenceConverters::intValue);
        assertAgree(inputs, LongConverter.INSTANCE::convert, ReferenceConverters::longValue);
    }

    @Test
    void booleansAgreeWithTheReference() {
        Random random = new Random(20261202L);
        List<String> words = List.of("true", "false", "yes", "no", "1", "0");
        List<String> inputs = new ArrayList<>(List.of(
                "",
                "t",
                "f",
                "y",
                "n",
                "2",
                "01",
                "10",
                "-1",
                "on",
                "off",
                "tru",
                "truee",
                " true",
                "true ",
                "falſe",
                "yeſ",
                "\u0130",
                "TRUE\u0000",
                "nO",
                "No",
                "YeS",
                "FaLsE"));
        for (int n = 0; n < RANDOM_INPUTS; n++) {
            String word = words.get(random.nextInt(words.size()));
            inputs.add(
                    switch (random.nextInt(4)) {
                        case 0 -> randomCase(random, word);
                        case 1 -> replaceOneCharacter(random, randomCase(random, word), "ſSsİıKk\u212aeEoO@`{[ \u00e9");
                        case 2 -> randomCase(random, word) + randomText(random, "sxe 1", 1, 2);
                        default -> randomText(random, "trueTRUEfalsFALSyYnNoO10ſ", 1, 6);
                    });
        }
        assertAgree(inputs, BooleanConverter.INSTANCE::convert, ReferenceConverters::bool);
    }

    @Test
    void floatsAndDoublesAgreeWithTheReference() {
        Random random = new Random(20261203L);
        List<String> inputs = new ArrayList<>(List.of(
                "0",
                "-0",
                "+0",
                "0.0",
                "-0.0",
                "-.0",
                ".0",
                "0.",
                "-0e5",
                "0e999999999999",
                "1e-400",
                "-1e-400",
                "1e400",
                "-1e400",
                "1e39",
                "1e38",
                "3.4028235e38",
                "3.4028236e38",
                "3.40282356e38",
                "3.40282357e38",
                "-3.4028236e38",
                "1.7976931348623157e308",
                "1.7976931348623158e308",
                "1.7976931348623159e308",
                "4.9e-324",
                "2.4e-324",
                "2.5e-324",
                "1.4e-45",
                "7e-46",
                "9007199254740992",
                "9007199254740993",
                "9007199254740993e1",
                "16777216",
                "16777217",
                "16777217e1",
                "1e22",
                "1e23",
                "1e-22",
                "1e-23",
                "1e10",
                "1e11",
                "1e-10",
                "1e-11",
                "123456789012345678",
                "1234567890123456789",
                "0.000000000000000000000000001",
                "000000000000000000000000001.5",
                "1.",
                ".",
                "",
                "+",
                "-",
                "e5",
                ".e5",
                "1e",
                "1e+",
                "1e-",
                "1E5",
                "1e+5",
                "1e-5",
                "1e05",
                "1.5e0",
                "1..5",
                "1.5.",
                "1,5",
                "0x1p3",
                "1d",
                "1f",
                "1D",
                "1F",
                " 1",
                "1 ",
                "NaN",
                "nan",
                "NAN",
                "+NaN",
                "-nan",
                "inf",
                "Inf",
                "+inf",
                "-inf",
                "INFINITY",
                "+Infinity",
                "-infinity",
                "infinite",
                "in",
                "nann",
                "İnf",
                "ınf",
                "+-inf",
                "--1",
                "\u0661",
                "1\u0661",
                "١.٥"));
        for (int n = 0; n < RANDOM_INPUTS; n++) {
            inputs.add(
                    switch (random.nextInt(7)) {
                        case 0 -> Double.toString(Double.longBitsToDouble(random.nextLong()));
                        case 1 -> Float.toString(Float.intBitsToFloat(random.nextInt()));
                        case 2 -> Double.toString(random.nextInt(40_000) / 4.0);
                        case 3 -> plainNumber(random, 20, 20) + exponent(random);
                        case 4 ->
                            plainNumber(random, 8, 8) + (random.nextBoolean() ? "" : "e" + (random.nextInt(61) - 30));
                        case 5 ->
                            sign(random)
                                    + randomCase(
                                            random,
                                            List.of("nan", "inf", "infinity").get(random.nextInt(3)));
                        default -> randomText(random, "0123456789+-.eE xnaif", 0, 12);
                    });
        }
        assertAgree(inputs, FloatConverter.FLOAT::convert, text -> ReferenceConverters.floatingPoint(text, true));
        assertAgree(inputs, FloatConverter.DOUBLE::convert, text -> ReferenceConverters.floatingPoint(text, false));
    }

    @Test
    void decimalsAgreeWithTheReference() {
        Random random = new Random(20261204L);
        List<String> inputs = new ArrayList<>(List.of(
                "0",
                "-0",
                "+0",
                "0.0",
                "-0.000",
                "00000",
                ".0",
                "0.",
                ".",
                "",
                "+",
                "-",
                "1.",
                ".5",
                "-.5",
                "+.5",
                "1e3",
                "1,5",
                "$5",
                " 1",
                "1 ",
                "1..2",
                "1.2.3",
                "\u0661",
                "99999999999999999999999999999999999999",
                "-99999999999999999999999999999999999999",
                "100000000000000000000000000000000000000",
                "170141183460469231731687303715884105727",
                "170141183460469231731687303715884105728",
                "-170141183460469231731687303715884105728",
                "9223372036854775807",
                "9223372036854775808",
                "-9223372036854775808",
                "-9223372036854775809",
                "18446744073709551615",
                "18446744073709551616",
                "999999999999999999",
                "1000000000000000000",
                "0.00000000000000000000000000000000000001",
                "0.000000000000000000000000000000000000001",
                "0000000000000000000000000000000000000000000000001.5",
                "1.50000000000000000000000000000000000000000",
                "127",
                "128",
                "-128",
                "-129",
                "255",
                "256",
                "32767",
                "32768",
                "-32768",
                "-32769",
                "12.34",
                "12.3400",
                "12.345",
                "-0.5",
                "5788717746886702883558737.5653",
                "-5788717746886702883558737.5653"));
        // Fewer per type than elsewhere: every input runs through 10 decimal types in 4 encodings.
        for (int n = 0; n < RANDOM_INPUTS / 5; n++) {
            inputs.add(
                    switch (random.nextInt(5)) {
                        case 0 -> plainNumber(random, 40, 40);
                        case 1 -> plainNumber(random, 12, 6);
                        case 2 ->
                            sign(random)
                                    + boundary(random)
                                    + (random.nextBoolean() ? "" : "." + "0".repeat(random.nextInt(4)));
                        case 3 -> sign(random) + "9".repeat(random.nextInt(40)) + "." + "9".repeat(random.nextInt(40));
                        default -> randomText(random, "0123456789+-.e ", 0, 12);
                    });
        }
        int[][] precisionAndScale = {
            {1, 0}, {1, 1}, {5, 2}, {12, 2}, {18, 0}, {19, 4}, {30, 4}, {38, 0}, {38, 19}, {38, 38}
        };
        for (int[] ps : precisionAndScale) {
            int precision = ps[0];
            int scale = ps[1];
            Schema bytes = LogicalTypes.decimal(precision, scale).addToSchema(Schema.create(Schema.Type.BYTES));
            assertAgree(
                    inputs,
                    decimal(precision, scale, bytes)::convert,
                    text -> ReferenceConverters.decimal(text, precision, scale, bytes));
            for (int size : new int[] {1, 16, 17}) {
                // Only the size matters to the converter; too small a size for the precision is a rejection.
                Schema fixed = Schema.createFixed("D" + size, null, "test", size);
                assertAgree(
                        inputs,
                        decimal(precision, scale, fixed)::convert,
                        text -> ReferenceConverters.decimal(text, precision, scale, fixed));
            }
        }
    }

    @Test
    void datesAgreeWithTheReference() {
        Random random = new Random(20261205L);
        List<String> inputs = new ArrayList<>(List.of(
                "2024-02-29",
                "2023-02-29",
                "2000-02-29",
                "1900-02-29",
                "2100-02-29",
                "2400-02-29",
                "0000-02-29",
                "-0004-02-29",
                "-0100-02-29",
                "-0400-02-29",
                "-0001-02-29",
                "1970-01-01",
                "1969-12-31",
                "0000-01-01",
                "-0000-01-01",
                "+0000-01-01",
                "+00000-01-01",
                "-00000-01-01",
                "-0001-01-01",
                "+2024-01-01",
                "+12024-01-01",
                "12024-01-01",
                "0024-01-01",
                "024-01-01",
                "2024-1-01",
                "2024-01-1",
                "2024-00-10",
                "2024-13-10",
                "2024-01-00",
                "2024-01-32",
                "2024-04-31",
                "2024-06-30",
                "2024-+1-01",
                "2024-01--1",
                "2024/01/01",
                "2024-01-01 ",
                " 2024-01-01",
                "2024-01-01T00:00:00Z",
                "2024-01-01x",
                "\u0662024-01-01",
                "+5881580-07-11",
                "+5881580-07-12",
                "-5877641-06-23",
                "-5877641-06-22",
                "+999999999-12-31",
                "+1000000000-01-01",
                "-999999999-01-01",
                "-1000000000-01-01",
                "+9999999999-01-01",
                "+99999999999-01-01",
                "-0999999999-01-01",
                "+",
                "-",
                "",
                "2024",
                "2024-",
                "2024-01",
                "2024-01-"));
        for (int n = 0; n < RANDOM_INPUTS; n++) {
            inputs.add(
                    switch (random.nextInt(4)) {
                        case 0 ->
                            LocalDate.ofEpochDay(random.nextLong(-3_000_000, 3_000_000))
                                    .toString();
                        case 1 ->
                            LocalDate.ofEpochDay(
                                            random.nextLong(LocalDate.MIN.toEpochDay(), LocalDate.MAX.toEpochDay()))
                                    .toString();
                        case 2 -> datePart(random);
                        default -> mutate(random, datePart(random));
                    });
        }
        assertAgree(inputs, DateConverter.INSTANCE::convert, ReferenceConverters::date);
    }

    @Test
    void timestampsAgreeWithTheReference() {
        Random random = new Random(20261206L);
        List<String> inputs = new ArrayList<>(List.of(
                "2024-01-02T03:04:05.123Z",
                "2024-01-02T03:04:05Z",
                "2024-01-02T03:04:05.Z",
                "2024-01-02T03:04:05.000000000Z",
                "2024-01-02T03:04:05.0000000000Z",
                "2024-01-02T03:04:05.123456789Z",
                "2024-01-02T03:04:05.123000Z",
                "2024-01-02T03:04:05.1230001Z",
                "2024-01-02t03:04:05Z",
                "2024-01-02T03:04:05z",
                "2024-01-02T03:04:05",
                "2024-01-02T03:04Z",
                "2024-01-02T3:04:05Z",
                "2024-01-02T03:04:05ZZ",
                "2024-01-02T03:04:05Z ",
                "2024-01-02T24:00:00Z",
                "2024-12-31T24:00:00Z",
                "2024-01-02T24:00:00.000Z",
                "2024-01-02T24:00:00.001Z",
                "2024-01-02T24:00:01Z",
                "2024-01-02T25:00:00Z",
                "2024-01-02T23:60:00Z",
                "2024-06-30T23:59:60Z",
                "2024-06-30T23:59:60.5Z",
                "2024-06-30T22:59:60Z",
                "2024-06-30T23:58:60Z",
                "2024-02-29T00:00:00Z",
                "2023-02-29T00:00:00Z",
                "2024-01-02T03:04:05+01:00",
                "2024-01-02T03:04:05-01:30",
                "2024-01-02T03:04:05.123+00:00",
                "2024-01-02T03:04:05+01",
                "2024-01-02T03:04:05+0100",
                "2024-01-02T03:04:05+24:00",
                "2024-01-02T03:04:05+01:00:30",
                "2024-01-02T03:04:05-00:00",
                "2024-01-02T03:04:05.123456+01:00",
                "+1000000000-01-01T00:00:00Z",
                "+1000000000-12-31T23:59:59Z",
                "+1000000001-01-01T00:00:00Z",
                "-1000000000-01-01T00:00:00Z",
                "-1000000001-12-31T23:59:59Z",
                "+999999999-12-31T23:59:59.999Z",
                "+292278994-08-17T07:12:55.807Z",
                "+292278994-08-17T07:12:55.808Z",
                "-292275055-05-16T16:47:04.192Z",
                "-292275055-05-16T16:47:04.191Z",
                "+2147483647-01-01T00:00:00Z",
                "+2147483648-01-01T00:00:00Z",
                "+4294967296-01-01T00:00:00Z",
                "+9999999999-12-31T23:59:59Z",
                "-9999999999-01-01T00:00:00Z",
                "-0001-12-31T23:59:59.999Z",
                "0000-01-01T00:00:00Z",
                "-0000-01-01T00:00:00Z",
                "1969-12-31T23:59:59.999Z",
                "1969-12-31T23:59:59.9999Z",
                "2024-01-02 03:04:05",
                "2024-01-02 03:04:05.123",
                "2024-01-02 03:04:05.",
                "2024-01-02 03:04:05.1",
                "2024-01-02 03:04:05.123456789",
                "2024-01-02 03:04:05.1234567890",
                "2024-01-02 03:04:05.1234",
                "2024-01-02 03:04:05Z",
                "2024-01-02 03:04",
                "2024-01-02 24:00:00",
                "2024-01-02 23:59:60",
                "2024-01-02 25:00:00",
                "2024-01-02  03:04:05",
                "2024-01-02 03:04:05 ",
                "2024-01-02",
                "1969-12-31 23:59:59.999",
                "+999999999-12-31 23:59:59",
                "+1000000000-01-01 00:00:00",
                "-999999999-01-01 00:00:00",
                "+292278994-08-17 07:12:55.807",
                "+292278994-08-17 07:12:55.808",
                "-292275055-05-16 16:47:04.192",
                "-292275055-05-16 16:47:04.191",
                "yesterday",
                "",
                "T",
                " "));
        for (int n = 0; n < RANDOM_INPUTS; n++) {
            inputs.add(
                    switch (random.nextInt(6)) {
                        case 0 ->
                            Instant.ofEpochMilli(random.nextLong(-1L << 45, 1L << 45))
                                    .toString();
                        case 1 ->
                            Instant.ofEpochSecond(random.nextLong(-1L << 35, 1L << 35), random.nextInt(1_000_000_000))
                                    .toString();
                        case 2 ->
                            Instant.ofEpochMilli(random.nextLong(-1L << 45, 1L << 45))
                                    .atOffset(ZoneOffset.UTC)
                                    .toLocalDateTime()
                                    .toString()
                                    .replace('T', ' ');
                        case 3, 4 ->
                            datePart(random)
                                    + List.of("T", "T", "T", " ", " ", "t", "x").get(random.nextInt(7))
                                    + timePart(random);
                        default ->
                            mutate(random, datePart(random) + (random.nextBoolean() ? "T" : " ") + timePart(random));
                    });
        }
        assertAgree(inputs, TimestampMillisConverter.INSTANCE::convert, ReferenceConverters::timestampMillis);
    }

    private static void assertAgree(
            List<String> inputs, Function<String, Object> converter, Function<String, Object> reference) {
        List<String> mismatches = new ArrayList<>();
        for (String text : inputs) {
            Object expected = outcome(() -> reference.apply(text));
            Object actual = outcome(() -> converter.apply(text));
            if (!expected.equals(actual) && mismatches.size() < MISMATCHES_SHOWN) {
                mismatches.add("\"" + text + "\": expected " + described(expected) + ", got " + described(actual));
            }
        }
        assertThat(mismatches)
                .as("inputs where the converter and the reference disagree")
                .isEmpty();
    }

    /**
     * The value, or the rejection with its reason, or any other exception. Values compare as their classes do:
     * ByteBuffer and Fixed by content, Float and Double by bits (so -0.0 is not 0.0), and never across classes.
     */
    private static Object outcome(Supplier<Object> conversion) {
        try {
            return conversion.get();
        } catch (ValueRejectedException e) {
            return new Rejected(e.getMessage());
        } catch (RuntimeException e) {
            return new Threw(e.toString());
        }
    }

    private static String described(Object outcome) {
        if (outcome instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return "ByteBuffer " + HexFormat.of().formatHex(bytes);
        }
        if (outcome instanceof GenericFixed fixed) {
            return "Fixed " + fixed.getSchema().getFullName() + " "
                    + HexFormat.of().formatHex(fixed.bytes());
        }
        return outcome.getClass().getSimpleName() + " " + outcome;
    }

    private record Rejected(String reason) {}

    private record Threw(String exception) {}

    private static FieldConverter decimal(int precision, int scale, Schema valueSchema) {
        return FieldConverter.of(new ClickHouseType(ClickHouseBaseType.DECIMAL, false, precision, scale), valueSchema);
    }

    private static String sign(Random random) {
        return List.of("", "", "-", "+").get(random.nextInt(4));
    }

    /** A number at or next to a power of two or ten, where ranges and byte counts change. */
    private static String boundary(Random random) {
        BigInteger power =
                random.nextBoolean() ? BigInteger.TWO.pow(random.nextInt(130)) : BigInteger.TEN.pow(random.nextInt(40));
        return power.add(BigInteger.valueOf(random.nextInt(3) - 1))
                .max(BigInteger.ZERO)
                .toString();
    }

    /** [sign] up to {@code integerDigits} digits, then maybe '.' and up to {@code fractionDigits} digits. */
    private static String plainNumber(Random random, int integerDigits, int fractionDigits) {
        StringBuilder text = new StringBuilder(sign(random));
        text.append(digits(random, random.nextInt(integerDigits + 1)));
        if (random.nextInt(3) > 0) {
            text.append('.').append(digits(random, random.nextInt(fractionDigits + 1)));
        }
        return text.toString();
    }

    private static String exponent(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> "";
            case 1 -> "e" + (random.nextInt(90) - 45);
            case 2 -> (random.nextBoolean() ? "E" : "e") + sign(random) + digits(random, random.nextInt(4));
            default -> "e" + sign(random) + (random.nextInt(700) - 350);
        };
    }

    /** Digits biased to zeros and nines, where carries and trailing zeros matter. */
    private static String digits(Random random, int count) {
        StringBuilder text = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            int kind = random.nextInt(4);
            text.append(kind == 0 ? '0' : kind == 1 ? '9' : DIGITS.charAt(random.nextInt(10)));
        }
        return text.toString();
    }

    /** A date in ISO_LOCAL_DATE's shape with every part drawn from near and beyond its valid range. */
    private static String datePart(Random random) {
        String year = switch (random.nextInt(6)) {
            case 0, 1 -> String.format("%04d", 1900 + random.nextInt(250));
            case 2 -> String.format("%04d", random.nextInt(10_000));
            case 3 -> digits(random, 1 + random.nextInt(11));
            case 4 -> Long.toString(random.nextLong(1_000_000_000L));
            default -> String.format("%0" + (4 + random.nextInt(7)) + "d", random.nextInt(1000));
        };
        String month = random.nextInt(5) > 0 ? String.format("%02d", 1 + random.nextInt(12)) : digits(random, 2);
        String day = random.nextInt(5) > 0 ? String.format("%02d", 1 + random.nextInt(31)) : digits(random, 2);
        return sign(random) + year + "-" + month + "-" + day;
    }

    /** HH:mm:ss, maybe a fraction of 0 to 11 digits, maybe an offset. */
    private static String timePart(Random random) {
        StringBuilder text = new StringBuilder();
        for (int part = 0; part < 3; part++) {
            if (part > 0) {
                text.append(':');
            }
            int kind = random.nextInt(8);
            text.append(
                    kind == 0
                            ? digits(random, 2)
                            : kind == 1
                                    ? List.of("24", "23", "59", "60", "00").get(random.nextInt(5))
                                    : String.format("%02d", random.nextInt(part == 0 ? 24 : 60)));
        }
        if (random.nextBoolean()) {
            int fraction = random.nextInt(12);
            text.append('.')
                    .append(
                            random.nextBoolean()
                                    ? digits(random, fraction)
                                    : "123".substring(0, Math.min(3, fraction))
                                            + "0".repeat(Math.max(0, fraction - 3)));
        }
        text.append(
                switch (random.nextInt(8)) {
                    case 0, 1, 2 -> "Z";
                    case 3 -> "";
                    case 4 -> "z";
                    case 5 ->
                        (random.nextBoolean() ? "+" : "-")
                                + String.format("%02d:%02d", random.nextInt(26), random.nextInt(61));
                    case 6 -> "+" + digits(random, random.nextInt(5));
                    default -> randomText(random, "Z+-:0 ", 1, 3);
                });
        return text.toString();
    }

    /** The text with one character removed, doubled or replaced. */
    private static String mutate(Random random, String text) {
        if (text.isEmpty()) {
            return text;
        }
        int at = random.nextInt(text.length());
        return switch (random.nextInt(3)) {
            case 0 -> text.substring(0, at) + text.substring(at + 1);
            case 1 -> text.substring(0, at) + text.charAt(at) + text.substring(at);
            default -> replaceOneCharacter(random, text, "0123456789-+:.TZ tz\u0660");
        };
    }

    private static String replaceOneCharacter(Random random, String text, String alphabet) {
        int at = random.nextInt(text.length());
        return text.substring(0, at) + alphabet.charAt(random.nextInt(alphabet.length())) + text.substring(at + 1);
    }

    private static String randomCase(Random random, String word) {
        StringBuilder text = new StringBuilder(word.length());
        for (char c : word.toCharArray()) {
            text.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
        }
        return text.toString();
    }

    private static String randomText(Random random, String alphabet, int minLength, int maxLength) {
        int length = minLength + random.nextInt(maxLength - minLength + 1);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
