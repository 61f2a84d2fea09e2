package io.chingest.producer.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WatcherLivenessTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T12:00:00Z"));
    private final WatcherLiveness liveness = new WatcherLiveness(Duration.ofSeconds(10), clock);

    @Test
    void aHeartbeatThatReadsTheSameForTakeoverAfterIsDead() {
        assertThat(liveness.observe("w2", Optional.of("beat 1"))).isFalse();
        clock.advance(Duration.ofMillis(9_999));
        assertThat(liveness.observe("w2", Optional.of("beat 1"))).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(liveness.observe("w2", Optional.of("beat 1"))).isTrue();
    }

    @Test
    void aChangeMakesItLiveAgainAndStartsTheCountAfresh() {
        liveness.observe("w2", Optional.of("beat 1"));
        clock.advance(Duration.ofSeconds(30));
        assertThat(liveness.observe("w2", Optional.of("beat 1"))).isTrue();

        assertThat(liveness.observe("w2", Optional.of("beat 2")))
                .as("a frozen watcher woke up")
                .isFalse();
        clock.advance(Duration.ofSeconds(9));
        assertThat(liveness.observe("w2", Optional.of("beat 2"))).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(liveness.observe("w2", Optional.of("beat 2"))).isTrue();
    }

    @Test
    void aMissingHeartbeatIsAReadingTooAndWatchersAreJudgedApart() {
        liveness.observe("w2", Optional.empty());
        clock.advance(Duration.ofSeconds(5));
        liveness.observe("w3", Optional.of("beat 1"));
        clock.advance(Duration.ofSeconds(5));

        assertThat(liveness.observe("w2", Optional.empty())).isTrue();
        assertThat(liveness.observe("w3", Optional.of("beat 1"))).isFalse();
        assertThat(liveness.observe("w2", Optional.of("beat 1")))
                .as("written after a clean stop")
                .isFalse();
    }

    @Test
    void aSightingLongAfterTheLastCountsTheWholeGap() {
        liveness.observe("w2", Optional.of("beat 1"));
        clock.advance(Duration.ofMinutes(10));

        assertThat(liveness.observe("w2", Optional.of("beat 1")))
                .as("busy with a long file, this watcher looked again only now")
                .isTrue();
    }
}
