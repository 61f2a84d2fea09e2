package io.chingest.common.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Parses durations like "500ms", "5s", "2m", "1h", "1d" and ISO-8601 "PT5S"; negative durations are rejected.
 * Stateless picocli converter, thread-safe.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern SHORT_FORM = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)", Pattern.CASE_INSENSITIVE);
    private static final String EXPECTED =
            "expected a whole number with unit ms, s, m, h or d (e.g. 500ms, 5s, 2m) or ISO-8601 like PT5S";

    /** Returns the duration, or throws {@link CommandLine.TypeConversionException} quoting the value. */
    @Override
    public Duration convert(String value) {
        if (value == null) {
            throw invalid(null, EXPECTED);
        }
        String text = value.strip();
        Matcher matcher = SHORT_FORM.matcher(text);
        try {
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                return switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            }
            if (text.regionMatches(true, 0, "P", 0, 1)) {
                Duration duration = Duration.parse(text);
                if (duration.isNegative()) {
                    throw invalid(value, "negative");
                }
                return duration;
            }
        } catch (DateTimeParseException e) {
            throw invalid(value, EXPECTED);
        } catch (ArithmeticException | NumberFormatException e) {
            throw invalid(value, "too large");
        }
        throw invalid(value, EXPECTED);
    }

    private static CommandLine.TypeConversionException invalid(String value, String why) {
        return new CommandLine.TypeConversionException("'" + value + "' is not a duration: " + why);
    }
}
