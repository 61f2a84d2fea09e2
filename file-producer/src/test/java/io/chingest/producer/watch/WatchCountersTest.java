package io.chingest.producer.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WatchCountersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final WatchCounters counters = new WatchCounters();

    @Test
    void filesInProcessingArePerWatcherIdAndAnIdOnceSeenReadsZeroWhenItHoldsNone() {
        counters.register(registry);

        counters.claims("w1", Map.of("w2", List.of(Path.of("w2~a.csv"), Path.of("w2~b.csv"))));
        assertThat(processingFiles("w1")).isZero();
        assertThat(processingFiles("w2")).isEqualTo(2);

        counters.claims("w1", Map.of("w1", List.of(Path.of("w1~a.csv"))));
        assertThat(processingFiles("w1")).isEqualTo(1);
        assertThat(processingFiles("w2")).isZero();
    }

    @Test
    void theSummaryCountsFilesTakenOverAndLost() {
        counters.tookOver();
        counters.tookOver();
        counters.lost();

        assertThat(counters.summary())
                .isEqualTo("0 files done, 0 failed, 2 taken over, 1 lost to other watchers, 0 rows read, 0 published,"
                        + " 0 rejected");
        counters.register(registry);
        assertThat(registry.get("chingest.producer.watch.files.taken.over")
                        .functionCounter()
                        .count())
                .isEqualTo(2.0);
        assertThat(registry.get("chingest.producer.watch.files.lost")
                        .functionCounter()
                        .count())
                .isEqualTo(1.0);
    }

    private double processingFiles(String watcherId) {
        return registry.get("chingest.producer.watch.processing.files")
                .tag("watcher", watcherId)
                .gauge()
                .value();
    }
}
