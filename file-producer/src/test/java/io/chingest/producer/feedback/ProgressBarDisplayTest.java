package io.chingest.producer.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import org.junit.jupiter.api.Test;

class ProgressBarDisplayTest {

    @Test
    void drawsABarPerFileWithItsRowsAndRateAndCompletesItAtTheEnd() {
        List<String> drawn = new CopyOnWriteArrayList<>();
        AtomicLong now = new AtomicLong();
        ProgressBarDisplay display =
                new ProgressBarDisplay(() -> new DelegatingProgressBarConsumer(drawn::add, 100), now::get);

        display.fileStarted(Path.of("dir", "orders.csv"), 4L * 1024 * 1024);
        now.set(2_000_000_000L);
        display.advanced(30_000, 2L * 1024 * 1024);
        display.fileEnded();
        display.close();

        String last = drawn.get(drawn.size() - 1);
        assertThat(last).startsWith("orders.csv 100%").contains("4/4MiB").endsWith("MiB/s 30000 rows, 15000 rows/s");
    }
}
