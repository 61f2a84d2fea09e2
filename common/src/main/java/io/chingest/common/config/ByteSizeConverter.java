package io.chingest.common.config;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Parses sizes like "16MiB", "512KiB", "1GiB", "1000000" (bytes); "16MB" = 16*10^6. Units are case-insensitive.
 * Stateless picocli converter, thread-safe.
 */
public final class ByteSizeConverter implements CommandLine.ITypeConverter<Long> {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([A-Za-z]*)");
    private static final Map<String, Long> UNITS = Map.of(
            "", 1L,
            "b", 1L,
            "kb", 1_000L,
            "mb", 1_000_000L,
            "gb", 1_000_000_000L,
            "tb", 1_000_000_000_000L,
            "kib", 1L << 10,
            "mib", 1L << 20,
            "gib", 1L << 30,
            "tib", 1L << 40);

    /** Returns the size in bytes, or throws {@link CommandLine.TypeConversionException} quoting the value. */
    @Override
    public Long convert(String value) {
        Matcher matcher = value == null ? null : SIZE.matcher(value.strip());
        if (matcher == null || !matcher.matches()) {
            throw invalid(
                    value,
                    "expected a whole number of bytes with an optional unit B, KB, MB, GB, TB, KiB, MiB, GiB or TiB, e.g. 16MiB");
        }
        Long unit = UNITS.get(matcher.group(2).toLowerCase(Locale.ROOT));
        if (unit == null) {
            throw invalid(
                    value, "unknown unit '" + matcher.group(2) + "', expected B, KB, MB, GB, TB, KiB, MiB, GiB or TiB");
        }
        try {
            return Math.multiplyExact(Long.parseLong(matcher.group(1)), unit);
        } catch (ArithmeticException | NumberFormatException e) {
            throw invalid(value, "too large");
        }
    }

    private static CommandLine.TypeConversionException invalid(String value, String why) {
        return new CommandLine.TypeConversionException("'" + value + "' is not a byte size: " + why);
    }
}
