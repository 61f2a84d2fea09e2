package io.chingest.consumer.replay;

import java.util.OptionalLong;

/**
 * What Kafka and the group know of one partition before a replay: the offsets a consumer can be set to lie in
 * [logStart, end]; {@code committed} is the group's offset, empty when it has none. Immutable.
 */
public record PartitionOffsets(int partition, long logStart, long end, OptionalLong committed) {

    public PartitionOffsets {
        if (logStart < 0 || end < logStart) {
            throw new IllegalArgumentException(
                    "partition " + partition + ": log start " + logStart + " and end " + end + " are no range");
        }
    }

    boolean holds(long offset) {
        return offset >= logStart && offset <= end;
    }

    String range() {
        return "[" + logStart + ", " + end + "]";
    }
}
