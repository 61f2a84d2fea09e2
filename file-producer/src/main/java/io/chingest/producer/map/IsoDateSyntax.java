package io.chingest.producer.map;

/**
 * The date syntax of java.time's {@code ISO_LOCAL_DATE} as its strict parser reads it, and proleptic Gregorian
 * arithmetic on it, for the date and timestamp converters. Stateless.
 *
 * <p>The year has 4 to 10 ASCII digits: an unsigned year has at most 4, a year of more digits needs a '+', a '-' goes
 * with any of them except an all-zero year. Month and day are two ASCII digits each, without sign. Which values are
 * real dates is for the caller to check with {@link #isValidDate}, as each converter ranges the year differently.
 */
final class IsoDateSyntax {
    /** What {@link #dateEnd} returns for text that does not start with a date. */
    static final int NO_DATE = -1;

    private static final int MIN_YEAR_DIGITS = 4;
    private static final int MAX_YEAR_DIGITS = 10;
    /** "-MM-dd" after the year. */
    private static final int MONTH_AND_DAY_CHARS = 6;

    private static final long DAYS_0000_TO_1970 = 719_528;

    private IsoDateSyntax() {}

    /** The index after the date at the start of {@code text}, or {@link #NO_DATE}. */
    static int dateEnd(String text) {
        int length = text.length();
        if (length == 0) {
            return NO_DATE;
        }
        char sign = text.charAt(0);
        int yearStart = sign == '+' || sign == '-' ? 1 : 0;
        int yearEnd = yearStart;
        boolean allZero = true;
        while (yearEnd < length && yearEnd - yearStart < MAX_YEAR_DIGITS && isDigit(text.charAt(yearEnd))) {
            allZero &= text.charAt(yearEnd) == '0';
            yearEnd++;
        }
        int yearDigits = yearEnd - yearStart;
        if (yearDigits < MIN_YEAR_DIGITS
                || (sign == '-' && allZero)
                || (sign == '+' && yearDigits == MIN_YEAR_DIGITS)
                || (yearStart == 0 && yearDigits > MIN_YEAR_DIGITS)) {
            return NO_DATE;
        }
        int end = yearEnd + MONTH_AND_DAY_CHARS;
        if (end > length
                || text.charAt(yearEnd) != '-'
                || twoDigits(text, yearEnd + 1) < 0
                || text.charAt(yearEnd + 3) != '-'
                || twoDigits(text, yearEnd + 4) < 0) {
            return NO_DATE;
        }
        return end;
    }

    /** The year of the date that ends at {@code dateEnd}, as {@link #dateEnd} found it. */
    static long year(String text, int dateEnd) {
        boolean negative = text.charAt(0) == '-';
        int i = negative || text.charAt(0) == '+' ? 1 : 0;
        long year = 0;
        for (int yearEnd = dateEnd - MONTH_AND_DAY_CHARS; i < yearEnd; i++) {
            year = year * 10 + (text.charAt(i) - '0');
        }
        return negative ? -year : year;
    }

    static int month(String text, int dateEnd) {
        return twoDigits(text, dateEnd - 5);
    }

    static int day(String text, int dateEnd) {
        return twoDigits(text, dateEnd - 2);
    }

    /** The two ASCII digits at {@code index} as 0 to 99, or -1 when either is something else. */
    static int twoDigits(String text, int index) {
        int tens = text.charAt(index) - '0';
        int ones = text.charAt(index + 1) - '0';
        if (tens < 0 || tens > 9 || ones < 0 || ones > 9) {
            return -1;
        }
        return tens * 10 + ones;
    }

    /** Whether month and day make a date of the proleptic Gregorian year {@code year}. */
    static boolean isValidDate(long year, int month, int day) {
        if (month < 1 || month > 12 || day < 1) {
            return false;
        }
        int monthLength = switch (month) {
            case 2 -> isLeapYear(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
        return day <= monthLength;
    }

    static boolean isLeapYear(long year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    /** Days from 1970-01-01 to a valid date, as {@link java.time.LocalDate#toEpochDay()} counts them. */
    static long epochDay(long year, int month, int day) {
        long total = 365 * year;
        if (year >= 0) {
            total += (year + 3) / 4 - (year + 99) / 100 + (year + 399) / 400;
        } else {
            total -= year / -4 - year / -100 + year / -400;
        }
        total += (367 * month - 362) / 12;
        total += day - 1;
        if (month > 2) {
            total -= isLeapYear(year) ? 1 : 2;
        }
        return total - DAYS_0000_TO_1970;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
