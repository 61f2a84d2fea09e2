package io.chingest.producer.map;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads yyyy-MM-dd (a real calendar date) into Integer days since 1970-01-01. Stateless. */
final class DateConverter implements FieldConverter {
    static final DateConverter INSTANCE = new DateConverter();

    private DateConverter() {
    }

    @Override
    public Object convert(String text) {
        try {
            return Math.toIntExact(LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE).toEpochDay());
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new ValueRejectedException("not a date (yyyy-MM-dd)");
        }
    }

    @Override
    public String typeName() {
        return "date";
    }
}
