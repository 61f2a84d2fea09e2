package io.chingest.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IngestMetricsTest {

    @Test
    void newRegistryIsASimpleMeterRegistry() {
        assertThat(IngestMetrics.newRegistry()).isInstanceOf(SimpleMeterRegistry.class);
        assertThat(IngestMetrics.newRegistry()).isNotSameAs(IngestMetrics.newRegistry());
    }

    @Test
    void summaryListsCountersByNameWithWholeValues() {
        MeterRegistry registry = IngestMetrics.newRegistry();
        registry.counter("records.sent").increment(1200);
        registry.counter("bytes.read").increment(2.5);
        registry.counter("records.failed");
        registry.counter("rows.inserted", "table", "db.t").increment(7);
        AtomicLong polled = new AtomicLong(42);
        FunctionCounter.builder("records.polled", polled, AtomicLong::get).register(registry);
        registry.gauge("buffer.bytes", new AtomicLong(99));
        registry.timer("insert.time");

        assertThat(IngestMetrics.summary(registry))
                .isEqualTo(
                        "bytes.read=2.5, records.failed=0, records.polled=42, records.sent=1200, rows.inserted{table=db.t}=7");
    }

    @Test
    void summaryOfAnEmptyRegistryIsEmpty() {
        assertThat(IngestMetrics.summary(IngestMetrics.newRegistry())).isEmpty();
    }
}
