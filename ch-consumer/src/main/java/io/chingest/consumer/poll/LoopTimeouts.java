package io.chingest.consumer.poll;

import java.time.Duration;

/**
 * How long the loop keeps inserting when it must let go: on stop (then it leaves uninserted rows uncommitted) and on a
 * revoke (then it hands the partitions over with their uninserted rows uncommitted); and, with stop-at-end, how long
 * the schema registry may stay unusable before the run stops. Immutable.
 */
public record LoopTimeouts(Duration shutdown, Duration revoke, Duration unusableRegistry) {
    /** With stop-at-end: how long records wait for an unusable schema registry before the run stops. */
    public static final Duration UNUSABLE_REGISTRY = Duration.ofSeconds(60);

    public LoopTimeouts(Duration shutdown, Duration revoke) {
        this(shutdown, revoke, UNUSABLE_REGISTRY);
    }
}
