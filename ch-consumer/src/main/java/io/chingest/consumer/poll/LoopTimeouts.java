package io.chingest.consumer.poll;

import java.time.Duration;

/**
 * How long the loop keeps inserting when it must let go: on stop (then it leaves uninserted rows uncommitted) and on a
 * revoke (then it hands the partitions over with their uninserted rows uncommitted). Immutable.
 */
public record LoopTimeouts(Duration shutdown, Duration revoke) {}
