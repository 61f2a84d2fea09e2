package io.chingest.producer.map;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;

/**
 * Reads an ISO-8601 instant (2024-01-02T03:04:05.123Z) or "yyyy-MM-dd HH:mm:ss[.SSS]" taken as UTC into Long
 * milliseconds since the epoch; a value more precise than milliseconds is rejected rather than truncated. Stateless.
 */
final class TimestampMillisConverter implements FieldConverter {
    static final TimestampMillisConverter INSTANCE = new TimestampMillisConverter();

    private static final DateTimeFormatter SPACE_SEPARATED = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral(' ')
            .appendPattern("HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
            .optionalEnd()
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT)
            .withChronology(IsoChronology.INSTANCE);

    private TimestampMillisConverter() {
    }

    @Override
    public Object convert(String text) {
        Instant instant = parse(text);
        if (instant.getNano() % 1_000_000 != 0) {
            throw new ValueRejectedException("more precise than milliseconds");
        }
        try {
            return instant.toEpochMilli();
        } catch (ArithmeticException e) {
            throw new ValueRejectedException("out of range for timestamp-millis");
        }
    }

    private static Instant parse(String text) {
        try {
            if (text.indexOf('T') >= 0) {
                return DateTimeFormatter.ISO_INSTANT.parse(text, Instant::from);
            }
            return LocalDateTime.parse(text, SPACE_SEPARATED).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new ValueRejectedException(
                    "not a timestamp (2024-01-02T03:04:05.123Z, or 2024-01-02 03:04:05[.123] in UTC)");
        }
    }

    @Override
    public String typeName() {
        return "timestamp-millis";
    }
}
