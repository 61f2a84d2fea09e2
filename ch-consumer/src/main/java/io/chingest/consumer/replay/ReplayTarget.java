package io.chingest.consumer.replay;

import io.chingest.consumer.clickhouse.TableName;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Where {@code ch-consumer replay} moves a group's committed offsets to: one of four kinds. Immutable. */
public sealed interface ReplayTarget {

    /** Every partition to its log start offset: everything still in Kafka is read again. */
    record Earliest() implements ReplayTarget {
        @Override
        public String toString() {
            return "the earliest offsets";
        }
    }

    /** Every partition to its first record at or after the time; to its end offset when it has none. */
    record AtTime(Instant time) implements ReplayTarget {
        @Override
        public String toString() {
            return "the first offsets at or after " + time;
        }
    }

    /** The listed partitions to the given offsets; the other partitions keep theirs. */
    record Offsets(SortedMap<Integer, Long> offsets) implements ReplayTarget {
        public Offsets {
            offsets = new TreeMap<>(offsets);
        }

        @Override
        public SortedMap<Integer, Long> offsets() {
            return new TreeMap<>(offsets);
        }

        @Override
        public String toString() {
            return "the offsets " + offsets;
        }

        static Offsets of(Map<Integer, Long> offsets) {
            return new Offsets(new TreeMap<>(offsets));
        }
    }

    /** Every partition to just past the highest offset the table's provenance columns hold; to its log start when none. */
    record Table(TableName table) implements ReplayTarget {
        @Override
        public String toString() {
            return "just past what table " + table + " holds";
        }
    }
}
