package io.chingest.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class ByteSizeConverterTest {
    private final ByteSizeConverter converter = new ByteSizeConverter();

    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "1000000, 1000000",
        "8B, 8",
        "16MiB, 16777216",
        "512KiB, 524288",
        "1GiB, 1073741824",
        "2TiB, 2199023255552",
        "16MB, 16000000",
        "3KB, 3000",
        "1GB, 1000000000",
        "1TB, 1000000000000",
        "'1 KiB', 1024",
        "' 64mib ', 67108864",
        "7gb, 7000000000",
        "9223372036854775807, 9223372036854775807",
    })
    void parsesSizes(String text, long bytes) {
        assertThat(converter.convert(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "abc", "-1", "-1MiB", "1.5GiB", "MiB", "16 Mi B", "0x10"})
    void rejectsValuesThatAreNotSizes(String text) {
        assertThatThrownBy(() -> converter.convert(text))
                .isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessage("'" + text + "' is not a byte size: expected a whole number of bytes with an optional unit "
                        + "B, KB, MB, GB, TB, KiB, MiB, GiB or TiB, e.g. 16MiB");
    }

    @ParameterizedTest
    @ValueSource(strings = {"16XB", "16M", "16k", "16bytes"})
    void rejectsUnknownUnits(String text) {
        assertThatThrownBy(() -> converter.convert(text))
                .isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessage("'" + text + "' is not a byte size: unknown unit '" + text.substring(2)
                        + "', expected B, KB, MB, GB, TB, KiB, MiB, GiB or TiB");
    }

    @ParameterizedTest
    @ValueSource(strings = {"9223372036854775808", "9007199254740992KiB", "99999999999999999999999"})
    void rejectsSizesBeyondALong(String text) {
        assertThatThrownBy(() -> converter.convert(text))
                .isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessage("'" + text + "' is not a byte size: too large");
    }
}
