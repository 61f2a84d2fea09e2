package io.chingest.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class DurationConverterTest {
    private final DurationConverter converter = new DurationConverter();

    @ParameterizedTest
    @CsvSource({
        "500ms, PT0.5S",
        "0ms, PT0S",
        "5s, PT5S",
        "2m, PT2M",
        "1h, PT1H",
        "1d, PT24H",
        "'10 s', PT10S",
        "5S, PT5S",
        "PT5S, PT5S",
        "pt1m30s, PT1M30S",
        "PT0.25S, PT0.25S",
        "P1D, PT24H",
    })
    void parsesDurations(String text, Duration expected) {
        assertThat(converter.convert(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "5x", "-5s", "s", "1.5s", "PT", "P5", "five seconds", "5 min"})
    void rejectsValuesThatAreNotDurations(String text) {
        assertThatThrownBy(() -> converter.convert(text))
                .isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessage("'" + text + "' is not a duration: expected a whole number with unit ms, s, m, h or d "
                        + "(e.g. 500ms, 5s, 2m) or ISO-8601 like PT5S");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT-5S", "-PT5S"})
    void rejectsNegativeDurations(String text) {
        assertThatThrownBy(() -> converter.convert(text))
                .isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageStartingWith("'" + text + "' is not a duration: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999999999999s", "9223372036854775807d"})
    void rejectsDurationsBeyondRange(String text) {
        assertThatThrownBy(() -> converter.convert(text))
                .isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessage("'" + text + "' is not a duration: too large");
    }
}
