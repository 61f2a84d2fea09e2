package io.chingest.producer.map;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads an ISO-8601 instant (2024-01-02T03:04:05.123Z) or "yyyy-MM-dd HH:mm:ss[.SSS]" taken as UTC into Long
 * milliseconds since the epoch; a value more precise than milliseconds is rejected rather than truncated. Stateless.
 *
 * <p>Parsed by hand, accepting and rejecting what java.time did before: text with a 'T' as
 * {@code DateTimeFormatter.ISO_INSTANT} reads it (any year {@link IsoDateSyntax} reads within Instant's range, 0 to 9
 * fraction digits, 24:00:00 as the next midnight, 23:59:60 as 23:59:59, 'Z' in either case), other text as
 * {@code yyyy-MM-dd HH:mm:ss[.f to .fffffffff]} in the strict resolver (years within +-999,999,999, no 24:00, no leap
 * second). An instant with a numeric offset (+01:00) goes through {@code ISO_INSTANT} itself: rare in ingest files,
 * and its offset grammar is wide.
 */
final class TimestampMillisConverter implements FieldConverter {
    static final TimestampMillisConverter INSTANCE = new TimestampMillisConverter();

    private static final String NOT_A_TIMESTAMP =
            "not a timestamp (2024-01-02T03:04:05.123Z, or 2024-01-02 03:04:05[.123] in UTC)";
    /** " HH:mm:ss" or "THH:mm:ss" after the date. */
    private static final int TIME_CHARS = 9;

    private static final int MAX_FRACTION_DIGITS = 9;
    private static final int[] NANOS_PER_FRACTION_DIGIT = {
        1_000_000_000, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1
    };
    private static final long SECONDS_PER_DAY = 86_400;
    /** As ISO_INSTANT computes years beyond four digits: in whole 10,000-year cycles of 146,097 * 25 days. */
    private static final long SECONDS_PER_10000_YEARS = 146_097L * 25 * SECONDS_PER_DAY;

    private static final long MIN_INSTANT_SECOND = Instant.MIN.getEpochSecond();
    private static final long MAX_INSTANT_SECOND = Instant.MAX.getEpochSecond();

    private TimestampMillisConverter() {}

    @Override
    public Object convert(String text) {
        return text.indexOf('T') >= 0 ? instant(text) : spaceSeparated(text);
    }

    /** ISO_INSTANT: date 'T' HH:mm:ss, then '.' and 0 to 9 digits optionally, then the offset. */
    private static Object instant(String text) {
        int length = text.length();
        int dateEnd = IsoDateSyntax.dateEnd(text);
        if (dateEnd == IsoDateSyntax.NO_DATE || dateEnd + TIME_CHARS > length) {
            throw new ValueRejectedException(NOT_A_TIMESTAMP);
        }
        char separator = text.charAt(dateEnd);
        // ISO_INSTANT parses case-insensitively.
        if (separator != 'T' && separator != 't') {
            throw new ValueRejectedException(NOT_A_TIMESTAMP);
        }
        int hour = IsoDateSyntax.twoDigits(text, dateEnd + 1);
        int minute = text.charAt(dateEnd + 3) == ':' ? IsoDateSyntax.twoDigits(text, dateEnd + 4) : -1;
        int second = text.charAt(dateEnd + 6) == ':' ? IsoDateSyntax.twoDigits(text, dateEnd + 7) : -1;
        if (hour < 0 || minute < 0 || second < 0) {
            throw new ValueRejectedException(NOT_A_TIMESTAMP);
        }
        int i = dateEnd + TIME_CHARS;
        int nano = 0;
        if (i < length && text.charAt(i) == '.') {
            // Zero digits are allowed here: "05.Z" is five seconds.
            int fractionStart = ++i;
            while (i < length && i - fractionStart < MAX_FRACTION_DIGITS && isDigit(text.charAt(i))) {
                nano = nano * 10 + (text.charAt(i++) - '0');
            }
            nano *= NANOS_PER_FRACTION_DIGIT[i - fractionStart];
        }
        if (i == length) {
            throw new ValueRejectedException(NOT_A_TIMESTAMP);
        }
        char offset = text.charAt(i);
        if (offset == '+' || offset == '-') {
            return withNumericOffset(text);
        }
        if ((offset != 'Z' && offset != 'z') || i + 1 != length) {
            throw new ValueRejectedException(NOT_A_TIMESTAMP);
        }
        // The arithmetic of ISO_INSTANT's parser: 24:00 is the next day, a leap second is :59, and the year is taken
        // as its last four digits plus whole 10,000-year cycles (an int cast first, as there).
        long yearParsed = IsoDateSyntax.year(text, dateEnd);
        int days = 0;
        if (hour == 24 && minute == 0 && second == 0 && nano == 0) {
            hour = 0;
            days = 1;
        } else if (hour == 23 && minute == 59 && second == 60) {
            second = 59;
        }
        int year = (int) yearParsed % 10_000;
        int month = IsoDateSyntax.month(text, dateEnd);
        int day = IsoDateSyntax.day(text, dateEnd);
        if (hour > 23 || minute > 59 || second > 59 || !IsoDateSyntax.isValidDate(year, month, day)) {
            throw new ValueRejectedException(NOT_A_TIMESTAMP);
        }
        long epochSecond = (IsoDateSyntax.epochDay(year, month, day) + days) * SECONDS_PER_DAY
                + hour * 3600
                + minute * 60
                + second
                + yearParsed / 10_000L * SECONDS_PER_10000_YEARS;
        if (epochSecond < MIN_INSTANT_SECOND || epochSecond > MAX_INSTANT_SECOND) {
            throw new ValueRejectedException(NOT_A_TIMESTAMP);
        }
        return millis(epochSecond, nano);
    }

    /** Date ' ' HH:mm:ss, then '.' and 1 to 9 digits optionally, in the strict resolver. */
    private static Object spaceSeparated(String text) {
        int length = text.length();
        int dateEnd = IsoDateSyntax.dateEnd(text);
        if (dateEnd == IsoDateSyntax.NO_DATE || dateEnd + TIME_CHARS > length || text.charAt(dateEnd) != ' ') {
            throw new ValueRejectedException(NOT_A_TIMESTAMP);
        }
        int hour = IsoDateSyntax.twoDigits(text, dateEnd + 1);
        int minute = text.charAt(dateEnd + 3) == ':' ? IsoDateSyntax.twoDigits(text, dateEnd + 4) : -1;
        int second = text.charAt(dateEnd + 6) == ':' ? IsoDateSyntax.twoDigits(text, dateEnd + 7) : -1;
        int i = dateEnd + TIME_CHARS;
        int nano = 0;
        if (i < length) {
            if (text.charAt(i) != '.') {
                throw new ValueRejectedException(NOT_A_TIMESTAMP);
            }
            int fractionStart = ++i;
            while (i < length && i - fractionStart < MAX_FRACTION_DIGITS && isDigit(text.charAt(i))) {
                nano = nano * 10 + (text.charAt(i++) - '0');
            }
            if (i == fractionStart || i != length) {
                throw new ValueRejectedException(NOT_A_TIMESTAMP);
            }
            nano *= NANOS_PER_FRACTION_DIGIT[i - fractionStart];
        }
        long year = IsoDateSyntax.year(text, dateEnd);
        int month = IsoDateSyntax.month(text, dateEnd);
        int day = IsoDateSyntax.day(text, dateEnd);
        if (hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59
                || year < DateConverter.MIN_YEAR
                || year > DateConverter.MAX_YEAR
                || !IsoDateSyntax.isValidDate(year, month, day)) {
            throw new ValueRejectedException(NOT_A_TIMESTAMP);
        }
        long epochSecond =
                IsoDateSyntax.epochDay(year, month, day) * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second;
        return millis(epochSecond, nano);
    }

    /** As {@code Instant.ofEpochSecond(epochSecond, nano).toEpochMilli()}, after the precision check. */
    private static Object millis(long epochSecond, int nano) {
        if (nano % 1_000_000 != 0) {
            throw new ValueRejectedException("more precise than milliseconds");
        }
        try {
            if (epochSecond < 0 && nano > 0) {
                return Math.addExact(Math.multiplyExact(epochSecond + 1, 1000), nano / 1_000_000 - 1000);
            }
            return Math.addExact(Math.multiplyExact(epochSecond, 1000), nano / 1_000_000);
        } catch (ArithmeticException e) {
            throw new ValueRejectedException("out of range for timestamp-millis");
        }
    }

    /** The instant through java.time itself, for the offsets other than Z. */
    private static Object withNumericOffset(String text) {
        Instant instant;
        try {
            instant = DateTimeFormatter.ISO_INSTANT.parse(text, Instant::from);
        } catch (DateTimeParseException e) {
            throw new ValueRejectedException(NOT_A_TIMESTAMP);
        }
        return millis(instant.getEpochSecond(), instant.getNano());
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    @Override
    public String typeName() {
        return "timestamp-millis";
    }
}
