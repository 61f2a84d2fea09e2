package io.chingest.consumer.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The circuit breaker's rules: runs per partition, the share of a window, holds and their release. */
class DeadLetterBreakerTest {
    private static final TopicPartition P0 = new TopicPartition("orders", 0);
    private static final TopicPartition P1 = new TopicPartition("orders", 1);

    @Test
    void tripsOnTheNthDeadLetterInARowOfOnePartitionNamingOffsetsAndReasons() {
        DeadLetterBreaker breaker = new DeadLetterBreaker(new BreakerLimits(3, 0, 10));
        breaker.passed(P0);
        assertThat(breaker.deadLettered(P0, 1, "unknown schema id 99")).isEmpty();
        assertThat(breaker.deadLettered(P0, 2, "unknown schema id 99")).isEmpty();
        Optional<String> trip = breaker.deadLettered(P0, 3, "bad payload: magic byte 0x07, expected 0x00");

        assertThat(trip)
                .hasValue("3 records in a row of topic orders partition 0 (offsets 1 to 3) failed and would go to the"
                        + " dead-letter topic (--dead-letter-breaker-run 3): more likely a setup mistake than bad data;"
                        + " nothing from offset 1 on is committed. Reasons: unknown schema id 99 (2 records, first at"
                        + " topic orders partition 0 offset 1); bad payload: magic byte 0x07, expected 0x00 (1 record,"
                        + " first at topic orders partition 0 offset 3)");
        assertThat(breaker.tripped()).isTrue();
        assertThat(breaker.holdFrom(P0)).hasValue(1);
    }

    @Test
    void anIngestedRecordEndsTheRunAndItsHold() {
        DeadLetterBreaker breaker = new DeadLetterBreaker(new BreakerLimits(2, 0, 10));
        assertThat(breaker.deadLettered(P0, 5, "r")).isEmpty();
        assertThat(breaker.holdFrom(P0)).hasValue(5);
        breaker.passed(P0);
        assertThat(breaker.holdFrom(P0)).isEmpty();
        assertThat(breaker.deadLettered(P0, 7, "r")).isEmpty();
        assertThat(breaker.holdFrom(P0)).hasValue(7);
    }

    @Test
    void runsArePerPartition() {
        DeadLetterBreaker breaker = new DeadLetterBreaker(new BreakerLimits(2, 0, 10));
        assertThat(breaker.deadLettered(P0, 0, "r")).isEmpty();
        assertThat(breaker.deadLettered(P1, 0, "r")).isEmpty();
        breaker.passed(P1);
        assertThat(breaker.holdFrom(P1)).isEmpty();
        assertThat(breaker.deadLettered(P0, 1, "r")).isPresent();
    }

    @Test
    void aReleasedRunStillCountsButHoldsOnlyFromItsNextDeadLetter() {
        DeadLetterBreaker breaker = new DeadLetterBreaker(new BreakerLimits(3, 0, 10));
        breaker.deadLettered(P0, 0, "r");
        breaker.deadLettered(P0, 1, "r");
        breaker.release(P0);
        assertThat(breaker.holdFrom(P0)).isEmpty();
        assertThat(breaker.deadLettered(P0, 2, "r"))
                .hasValueSatisfying(message -> assertThat(message).contains("nothing from offset 2 on is committed"));
    }

    @Test
    void aTrippedBreakerKeepsItsHoldsThroughReleaseAndForget() {
        DeadLetterBreaker breaker = new DeadLetterBreaker(new BreakerLimits(1, 0, 10));
        assertThat(breaker.deadLettered(P0, 4, "r")).isPresent();
        breaker.release(P0);
        breaker.forget(P0);
        assertThat(breaker.holdFrom(P0)).hasValue(4);
    }

    @Test
    void theShareRuleAppliesOnceTheWindowIsFullAndTripsAboveTheShare() {
        DeadLetterBreaker breaker = new DeadLetterBreaker(new BreakerLimits(0, 50, 4));
        // dead letters alternate with ingested records: exactly 50% is not more than 50%
        for (int i = 0; i < 20; i += 2) {
            assertThat(breaker.deadLettered(P0, i, "r")).isEmpty();
            breaker.passed(P0);
        }
        assertThat(breaker.deadLettered(P0, 20, "r")).isEmpty();
        // window: passed, dead, passed, dead -> dead, passed, dead, dead = 3 of 4
        Optional<String> trip = breaker.deadLettered(P0, 21, "unknown schema id 5");
        assertThat(trip)
                .hasValueSatisfying(message -> assertThat(message)
                        .startsWith("3 of the last 4 records read failed and would go to the dead-letter topic, more"
                                + " than --dead-letter-breaker-share 50% allows")
                        .contains("stopped at topic orders partition 0 offset 21, nothing from offset 20 of that"
                                + " partition on is committed")
                        .contains("Reasons: r (11 records, first at topic orders partition 0 offset 0); unknown schema"
                                + " id 5 (1 record, first at topic orders partition 0 offset 21)"));
    }

    @Test
    void aBreakerThatIsOffNeverTrips() {
        DeadLetterBreaker breaker = new DeadLetterBreaker(BreakerLimits.OFF);
        for (int i = 0; i < 100_000; i++) {
            assertThat(breaker.deadLettered(P0, i, "r")).isEmpty();
        }
        assertThat(breaker.tripped()).isFalse();
    }

    /** Seeded random outcomes against a direct count: the breaker trips exactly when the first rule is broken. */
    @Test
    void tripsExactlyWhenARuleIsFirstBrokenUnderRandomOutcomes() {
        for (long seed = 1; seed <= 200; seed++) {
            Random random = new Random(seed);
            int maxRun = 1 + random.nextInt(8);
            int share = 1 + random.nextInt(99);
            int window = 1 + random.nextInt(30);
            double deadChance = random.nextDouble();
            DeadLetterBreaker breaker = new DeadLetterBreaker(new BreakerLimits(maxRun, share, window));
            Map<TopicPartition, Integer> runs = new HashMap<>();
            Deque<Boolean> recent = new ArrayDeque<>();
            for (long offset = 0; offset < 500; offset++) {
                TopicPartition partition = random.nextBoolean() ? P0 : P1;
                boolean dead = random.nextDouble() < deadChance;
                recent.addLast(dead);
                if (recent.size() > window) {
                    recent.removeFirst();
                }
                if (!dead) {
                    runs.remove(partition);
                    breaker.passed(partition);
                    continue;
                }
                int run = runs.merge(partition, 1, Integer::sum);
                long deadInWindow = recent.stream().filter(each -> each).count();
                boolean expected =
                        run >= maxRun || recent.size() == window && deadInWindow * 100 > (long) share * window;
                assertThat(breaker.deadLettered(partition, offset, "r").isPresent())
                        .as("seed %d offset %d", seed, offset)
                        .isEqualTo(expected);
                if (expected) {
                    break;
                }
            }
        }
    }
}
