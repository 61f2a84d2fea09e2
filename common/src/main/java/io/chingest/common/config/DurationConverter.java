package io.chingest.common.config;

import java.time.Duration;
import picocli.CommandLine;

/** Parses durations like "500ms", "5s", "2m", "1h" and ISO-8601 "PT5S". Stateless picocli converter. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
