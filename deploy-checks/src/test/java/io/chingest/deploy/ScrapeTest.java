package io.chingest.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScrapeTest {

    @Test
    void samplesAreReadWithTheirSuffixedNamesLabelsAndValues() {
        Scrape scrape = Scrape.parse("""
                # HELP x_seconds time
                # TYPE x_seconds histogram
                x_seconds_bucket{le="0.1",space="a b"} 3
                x_seconds_bucket{le="+Inf",space="a b"} 5
                x_seconds_count{space="a b"} 5
                x_seconds_sum{space="a b"} 1.5
                # TYPE rows counter
                rows_total 1.2E4
                jvm_memory_used_bytes{area="heap",id="eden"} 1024.0 1700000000000
                """);

        assertThat(scrape.names())
                .containsExactly(
                        "jvm_memory_used_bytes", "rows_total", "x_seconds_bucket", "x_seconds_count", "x_seconds_sum");
        assertThat(scrape.sum("rows_total")).isEqualTo(12000);
        assertThat(scrape.sum("x_seconds_bucket", labels -> labels.contains("le=\"+Inf\"")))
                .isEqualTo(5);
        assertThat(scrape.sum("jvm_memory_used_bytes", labels -> labels.contains("area=\"heap\"")))
                .isEqualTo(1024);
        assertThat(scrape.sum("absent_total")).isZero();
    }
}
