package io.chingest.producer.map;

/**
 * Reads yyyy-MM-dd (a real calendar date) into Integer days since 1970-01-01. Stateless.
 *
 * <p>Accepts what {@code LocalDate.parse(text, ISO_LOCAL_DATE)} accepts (see {@link IsoDateSyntax}; years from
 * -999,999,999 to 999,999,999 in its strict resolver) when the day count fits an int, parsed by hand without the
 * formatter's field maps.
 */
final class DateConverter implements FieldConverter {
    static final DateConverter INSTANCE = new DateConverter();

    /** java.time's year range, {@code Year.MIN_VALUE} to {@code Year.MAX_VALUE}. */
    static final long MIN_YEAR = -999_999_999;

    static final long MAX_YEAR = 999_999_999;

    private DateConverter() {}

    @Override
    public Object convert(String text) {
        int end = IsoDateSyntax.dateEnd(text);
        if (end == text.length()) {
            long year = IsoDateSyntax.year(text, end);
            int month = IsoDateSyntax.month(text, end);
            int day = IsoDateSyntax.day(text, end);
            if (year >= MIN_YEAR && year <= MAX_YEAR && IsoDateSyntax.isValidDate(year, month, day)) {
                long epochDay = IsoDateSyntax.epochDay(year, month, day);
                if (epochDay == (int) epochDay) {
                    return (int) epochDay;
                }
            }
        }
        throw new ValueRejectedException("not a date (yyyy-MM-dd)");
    }

    @Override
    public String typeName() {
        return "date";
    }
}
