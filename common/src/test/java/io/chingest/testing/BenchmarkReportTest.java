package io.chingest.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BenchmarkReportTest {
    @Test
    void printsRatesSecondsAndEachRatioToTheBaseline() {
        BenchmarkReport report = new BenchmarkReport("bench: 1000 rows")
                .baseline("bare client", 1000, Duration.ofMillis(500))
                .measured("full path", 1000, Duration.ofSeconds(2))
                .measured("encode only", 1000, Duration.ofMillis(125));

        assertThat(report.format())
                .isEqualTo(""
                        + "bench: 1000 rows\n"
                        + "  baseline  bare client       2000 rows/s        1000 rows     0.50 s\n"
                        + "  measured  full path          500 rows/s        1000 rows     2.00 s  ratio 0.25\n"
                        + "  measured  encode only       8000 rows/s        1000 rows     0.13 s  ratio 4.00\n");
    }

    @Test
    void aNoteFollowsTheRatio() {
        BenchmarkReport report = new BenchmarkReport("bench")
                .baseline("bare", 1000, Duration.ofSeconds(1))
                .measured("full", 1000, Duration.ofSeconds(2), "0.80 of direct load");

        assertThat(report.format()).endsWith("  ratio 0.50  0.80 of direct load\n");
        assertThat(report.baselineRowsPerSecond()).isEqualTo(1000.0);
    }

    @Test
    void aNoteOfTheBaselineFollowsItsTime() {
        BenchmarkReport report = new BenchmarkReport("bench")
                .baseline("bare", 1000, Duration.ofSeconds(1), "cpu 2 s")
                .measured("full", 1000, Duration.ofSeconds(2));

        assertThat(report.format()).contains("  1.00 s  cpu 2 s\n").endsWith("  ratio 0.50\n");
    }

    @Test
    void aMeasuredPathBeforeTheBaselineIsRefused() {
        BenchmarkReport report = new BenchmarkReport("bench");

        assertThatThrownBy(() -> report.measured("full path", 10, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("measure the baseline before 'full path'");
        assertThatThrownBy(report::format)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no baseline was measured");
    }

    @Test
    void aSecondBaselineIsRefused() {
        BenchmarkReport report = new BenchmarkReport("bench").baseline("bare client", 10, Duration.ofSeconds(1));

        assertThatThrownBy(() -> report.baseline("other", 10, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the baseline is already 'bare client'");
    }

    @Test
    void noRowsOrNoElapsedTimeIsRefusedNamingThePath() {
        BenchmarkReport report = new BenchmarkReport("bench");

        assertThatThrownBy(() -> report.baseline("bare client", 0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'bare client': rows must be at least 1, was 0");
        assertThatThrownBy(() -> report.baseline("bare client", 10, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'bare client': elapsed time must be positive, was PT0S");
    }
}
