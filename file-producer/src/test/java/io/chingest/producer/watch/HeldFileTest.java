package io.chingest.producer.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HeldFileTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T12:00:00Z"));
    private final HeldFile held = new HeldFile("w1", Duration.ofSeconds(60), clock);
    private final Path file = Path.of("spool", "processing", "w1~a.csv");

    @Test
    void degradedWhileAFileIsHeldLongerThanTheBoundWithoutARowHandled() {
        assertThat(held.degradation()).isEmpty();
        assertThat(held.ageSeconds()).isZero();
        held.took(file);
        clock.advance(Duration.ofSeconds(50));
        held.advanced(1024, 10_000);
        clock.advance(Duration.ofSeconds(60));

        assertThat(held.degradation()).isEmpty();
        assertThat(held.ageSeconds()).isEqualTo(110.0);

        clock.advance(Duration.ofMillis(1_500));
        assertThat(held.degradation())
                .contains("watcher 'w1' has held " + file + " for 111 s and handled no row of it for 61 s (more than 60"
                        + " s)");

        held.released();
        assertThat(held.degradation()).isEmpty();
        assertThat(held.ageSeconds()).isZero();
    }
}
