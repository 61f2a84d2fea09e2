package io.chingest.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void aBareSelectorIsItsName() {
        assertThat(PromQl.metricNames("chingest_consumer_buffered_bytes"))
                .containsExactly("chingest_consumer_buffered_bytes");
    }

    @Test
    void functionsAggregationsLabelsRangesAndGrafanaVariablesAreNoNames() {
        assertThat(PromQl.metricNames("sum by (instance, topic) (rate(chingest_consumer_rows_inserted_total"
                        + "{job=\"ch-consumer\", instance=~\"c.*\"}[$__rate_interval]))"))
                .containsExactly("chingest_consumer_rows_inserted_total");
    }

    @Test
    void histogramsAreReadThroughTheirSuffixedSeries() {
        assertThat(PromQl.metricNames("histogram_quantile(0.99, sum by (le) (rate(x_seconds_bucket[5m])))"
                        + " / sum(rate(x_seconds_sum[5m])) / sum(rate(x_seconds_count[5m])) * 1e3"))
                .containsExactly("x_seconds_bucket", "x_seconds_count", "x_seconds_sum");
    }

    @Test
    void binaryOperatorsKeywordsModifiersAndTrailingGroupingAreNoNames() {
        assertThat(PromQl.metricNames("sum(a_total offset 5m) by (job) > bool 2 and on (instance) group_left (x)"
                        + " b_bytes unless c @ 1700000000 or label_replace(d, \"dst\", \"$1\", \"src\", \"(.*)\")"))
                .containsExactly("a_total", "b_bytes", "c", "d");
    }

    @Test
    void numbersWithExponentsOrDurationsAreNoNames() {
        assertThat(PromQl.metricNames("m_total * 2.5e-3 + 0x1F + 1")).containsExactly("m_total");
    }

    @Test
    void subqueriesKeepTheirInnerNames() {
        assertThat(PromQl.metricNames("max_over_time(rate(y_total[1m])[10m:30s])"))
                .containsExactly("y_total");
    }
}
