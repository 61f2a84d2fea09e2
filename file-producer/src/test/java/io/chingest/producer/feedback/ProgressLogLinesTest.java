package io.chingest.producer.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressLogLinesTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void oneLinePerIntervalWithRowsBytesRateAndEta() {
        StringWriter out = new StringWriter();
        AtomicLong now = new AtomicLong(100 * SECOND);
        ProgressLogLines progress = new ProgressLogLines(new PrintWriter(out), Duration.ofSeconds(10), now::get);

        progress.fileStarted(Path.of("orders.csv"), 100L * 1048576);
        now.addAndGet(5 * SECOND);
        progress.advanced(1000, 10L * 1048576);
        now.addAndGet(5 * SECOND);
        progress.advanced(40_000, 20L * 1048576);
        now.addAndGet(SECOND);
        progress.advanced(44_000, 22L * 1048576);
        progress.fileEnded();
        now.addAndGet(60 * SECOND);
        progress.advanced(50_000, 30L * 1048576);

        assertThat(out.toString())
                .isEqualTo("file-producer: orders.csv: 40000 rows, 20.0 of 100.0 MiB (20%),"
                        + " 4000 rows/s, ETA 0:00:40\n");
    }
}
