package io.chingest.consumer.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chingest.common.config.ExitCodes;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The offset each replay target chooses per partition, from what Kafka and the table answered. */
class ReplayPlanTest {
    /** Partition 0 holds [0, 100], partition 1 [40, 90] (its first records deleted by retention), partition 2 is empty. */
    private static final Map<Integer, PartitionOffsets> PARTITIONS = new TreeMap<>(Map.of(
            0, new PartitionOffsets(0, 0, 100, OptionalLong.of(100)),
            1, new PartitionOffsets(1, 40, 90, OptionalLong.of(70)),
            2, new PartitionOffsets(2, 0, 0, OptionalLong.empty())));

    private static List<String> lines(List<ReplayPlan.Move> moves) {
        return moves.stream().map(move -> move.line("trades")).toList();
    }

    @Test
    void earliestIsEachPartitionsLogStart() {
        assertThat(lines(ReplayPlan.toEarliest(PARTITIONS.values())))
                .containsExactly("trades-0: 100 -> 0", "trades-1: 70 -> 40", "trades-2: none -> 0");
    }

    @Test
    void aTimeTakesKafkasOffsetAndAPartitionWithoutALaterRecordGoesToItsEnd() {
        assertThat(lines(ReplayPlan.toTime(PARTITIONS.values(), Map.of(0, 55L, 1, 40L))))
                .containsExactly(
                        "trades-0: 100 -> 55",
                        "trades-1: 70 -> 40",
                        "trades-2: none -> 0 (no record at or after the time: the end)");
    }

    @Test
    void listedOffsetsMoveOnlyTheirPartitionsAndMayBeEitherEndOfTheRange() {
        assertThat(lines(ReplayPlan.toOffsets("trades", PARTITIONS, new TreeMap<>(Map.of(0, 100L, 1, 40L)))))
                .containsExactly("trades-0: 100 -> 100", "trades-1: 70 -> 40");
    }

    @Test
    void anOffsetOutsideThePartitionsRangeIsRefusedNamingTopicPartitionAndRange() {
        assertThatThrownBy(() -> ReplayPlan.toOffsets("trades", PARTITIONS, Map.of(1, 39L)))
                .isInstanceOf(ReplayRefusedException.class)
                .hasMessage("offset 39 of topic trades partition 1 is outside the offsets it holds, [40, 90]")
                .satisfies(
                        e -> assertThat(((ReplayRefusedException) e).exitCode()).isEqualTo(ExitCodes.INVALID_INPUT));
        assertThatThrownBy(() -> ReplayPlan.toOffsets("trades", PARTITIONS, Map.of(0, 101L)))
                .hasMessage("offset 101 of topic trades partition 0 is outside the offsets it holds, [0, 100]");
    }

    @Test
    void aPartitionTheTopicLacksIsRefused() {
        assertThatThrownBy(() -> ReplayPlan.toOffsets("trades", PARTITIONS, Map.of(0, 1L, 3, 0L)))
                .isInstanceOf(ReplayRefusedException.class)
                .hasMessage("topic trades has no partition 3 (its partitions are 0 to 2)");
    }

    @Test
    void aTableTargetIsJustPastTheHighestOffsetInTheTableOrTheEarliestWithoutRows() {
        Map<Integer, OptionalLong> highest = Map.of(0, OptionalLong.of(59), 1, OptionalLong.empty());
        assertThat(lines(ReplayPlan.toTable("trades", "default.t", PARTITIONS.values(), highest)))
                .containsExactly(
                        "trades-0: 100 -> 60",
                        "trades-1: 70 -> 40 (no rows in the table: the earliest)",
                        "trades-2: none -> 0 (no rows in the table: the earliest)");
    }

    @Test
    void aTableHoldingTheWholePartitionMovesToItsEnd() {
        Map<Integer, OptionalLong> highest = Map.of(0, OptionalLong.of(99), 1, OptionalLong.of(89));
        assertThat(lines(ReplayPlan.toTable("trades", "default.t", PARTITIONS.values(), highest)))
                .startsWith("trades-0: 100 -> 100", "trades-1: 70 -> 90");
    }

    @Test
    void aTableWhoseNextOffsetIsDeletedFromKafkaMovesToTheLogStartAndSaysWhatIsGone() {
        Map<Integer, OptionalLong> highest = Map.of(1, OptionalLong.of(9));
        assertThat(ReplayPlan.toTable("trades", "default.t", PARTITIONS.values(), highest)
                        .get(1)
                        .line("trades"))
                .isEqualTo("trades-1: 70 -> 40 (offsets 10 to 39 are no longer in Kafka and cannot be replayed)");
    }

    @Test
    void aTableHoldingOffsetsPastThePartitionsEndIsRefused() {
        Map<Integer, OptionalLong> highest = Map.of(0, OptionalLong.of(100));
        assertThatThrownBy(() -> ReplayPlan.toTable("trades", "default.t", PARTITIONS.values(), highest))
                .isInstanceOf(ReplayRefusedException.class)
                .hasMessageContaining(
                        "table default.t holds offset 100 of topic trades partition 0, past the partition's end offset 100");
    }
}
