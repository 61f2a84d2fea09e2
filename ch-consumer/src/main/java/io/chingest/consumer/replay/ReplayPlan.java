package io.chingest.consumer.replay;

import io.chingest.common.config.ExitCodes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Chooses each partition's new offset for a {@link ReplayTarget} from what Kafka (and, for a table target, the table)
 * answered; pure logic, no I/O. Every chosen offset lies in the partition's [log start, end]. Stateless.
 */
public final class ReplayPlan {

    /** One partition's change: from the committed offset (empty: none) to {@code next}; {@code note} explains a choice, or is empty. */
    public record Move(int partition, OptionalLong committed, long next, String note) {

        /** The line the program prints for this partition. */
        public String line(String topic) {
            String from = committed.isPresent() ? Long.toString(committed.getAsLong()) : "none";
            return topic + "-" + partition + ": " + from + " -> " + next + (note.isEmpty() ? "" : " (" + note + ")");
        }
    }

    private ReplayPlan() {}

    /** Every partition to its log start. */
    public static List<Move> toEarliest(Collection<PartitionOffsets> partitions) {
        List<Move> moves = new ArrayList<>();
        for (PartitionOffsets partition : partitions) {
            moves.add(new Move(partition.partition(), partition.committed(), partition.logStart(), ""));
        }
        return moves;
    }

    /**
     * Every partition to the offset Kafka found for the time ({@code found}: partition to the earliest offset whose
     * timestamp is at or after it; absent when the partition has no such record), else to its end.
     */
    public static List<Move> toTime(Collection<PartitionOffsets> partitions, Map<Integer, Long> found) {
        List<Move> moves = new ArrayList<>();
        for (PartitionOffsets partition : partitions) {
            Long offset = found.get(partition.partition());
            if (offset == null) {
                moves.add(new Move(
                        partition.partition(),
                        partition.committed(),
                        partition.end(),
                        "no record at or after the time: the end"));
            } else {
                moves.add(new Move(
                        partition.partition(), partition.committed(), Math.max(partition.logStart(), offset), ""));
            }
        }
        return moves;
    }

    /**
     * The listed partitions to the listed offsets.
     *
     * @throws ReplayRefusedException naming the topic, partition and valid range when a partition does not exist or an
     *     offset lies outside [log start, end]
     */
    public static List<Move> toOffsets(
            String topic, Map<Integer, PartitionOffsets> partitions, Map<Integer, Long> requested) {
        List<Move> moves = new ArrayList<>();
        for (Map.Entry<Integer, Long> entry : requested.entrySet()) {
            PartitionOffsets partition = partitions.get(entry.getKey());
            if (partition == null) {
                throw new ReplayRefusedException(
                        "topic " + topic + " has no partition " + entry.getKey() + " (its partitions are 0 to "
                                + (partitions.size() - 1) + ")",
                        ExitCodes.INVALID_INPUT);
            }
            long offset = entry.getValue();
            if (!partition.holds(offset)) {
                throw new ReplayRefusedException(
                        "offset " + offset + " of topic " + topic + " partition " + entry.getKey()
                                + " is outside the offsets it holds, " + partition.range(),
                        ExitCodes.INVALID_INPUT);
            }
            moves.add(new Move(partition.partition(), partition.committed(), offset, ""));
        }
        return moves;
    }

    /**
     * Every partition to just past the highest offset the table holds of it ({@code highestInTable}: absent or empty when
     * the table holds none), or to its log start when the table holds none. When the records after the table's last
     * one are already deleted from Kafka, the log start is the nearest offset that still exists, and the note says what
     * is gone.
     *
     * @throws ReplayRefusedException when the table holds offsets past the partition's end (the topic was recreated, or
     *     the table was filled from another topic of the same name): no offset of this topic fits
     */
    public static List<Move> toTable(
            String topic,
            String table,
            Collection<PartitionOffsets> partitions,
            Map<Integer, OptionalLong> highestInTable) {
        List<Move> moves = new ArrayList<>();
        for (PartitionOffsets partition : partitions) {
            OptionalLong highest = highestInTable.getOrDefault(partition.partition(), OptionalLong.empty());
            if (highest.isEmpty()) {
                moves.add(new Move(
                        partition.partition(),
                        partition.committed(),
                        partition.logStart(),
                        "no rows in the table: the earliest"));
                continue;
            }
            long next = highest.getAsLong() + 1;
            if (next > partition.end()) {
                throw new ReplayRefusedException(
                        "table " + table + " holds offset " + highest.getAsLong() + " of topic " + topic
                                + " partition " + partition.partition() + ", past the partition's end offset "
                                + partition.end()
                                + " (was the topic recreated?); nothing was changed",
                        ExitCodes.INVALID_INPUT);
            }
            if (next < partition.logStart()) {
                moves.add(new Move(
                        partition.partition(),
                        partition.committed(),
                        partition.logStart(),
                        "offsets " + next + " to " + (partition.logStart() - 1)
                                + " are no longer in Kafka and cannot be replayed"));
                continue;
            }
            moves.add(new Move(partition.partition(), partition.committed(), next, ""));
        }
        return moves;
    }
}
