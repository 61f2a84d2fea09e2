package io.chingest.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProcessMemoryTest {
    private static final String STATUS =
            "Name:\tjava\nVmPeak:\t 4000000 kB\nVmHWM:\t  183500 kB\nVmRSS:\t  170012 kB\n";

    @Test
    void readsKilobyteFieldsOfAStatusText() {
        assertThat(ProcessMemory.kilobytesField(STATUS, "VmHWM")).isEqualTo(OptionalLong.of(183_500));
        assertThat(ProcessMemory.kilobytesField(STATUS, "VmRSS")).isEqualTo(OptionalLong.of(170_012));
        assertThat(ProcessMemory.kilobytesField(STATUS, "VmSwap")).isEmpty();
    }

    @Test
    void aFieldInAnotherUnitIsRefused() {
        assertThatThrownBy(() -> ProcessMemory.kilobytesField("VmHWM:\t 12 MB\n", "VmHWM"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unexpected unit in /proc status line 'VmHWM:\t 12 MB'");
    }

    @Test
    void samplesThisProcessWhoseResidentSetIsNeverAbovePeak() {
        long pid = ProcessHandle.current().pid();
        try (ProcessMemory.Sampler sampler = ProcessMemory.sample(pid, Duration.ofMillis(10))) {
            assertThat(sampler.samples()).isPositive();
            assertThat(sampler.peakBytes()).isPositive().isGreaterThanOrEqualTo(sampler.highestResidentBytes());
        }
        long residentBefore = ProcessMemory.residentBytes(pid).orElseThrow();
        assertThat(ProcessMemory.peakResidentBytes(pid).orElseThrow()).isGreaterThanOrEqualTo(residentBefore);
        assertThat(ProcessMemory.peakResidentBytes(Long.MAX_VALUE)).isEmpty();
    }
}
