package io.chingest.consumer.buffer;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff between attempts: initial, doubled per failure, capped, optionally with jitter. Immutable, thread-safe. */
public record RetryBackoff(Duration initial, Duration max) {

    public RetryBackoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, was " + initial + " and " + max);
        }
    }

    /** The wait after the given number of failed attempts (1 = after the first failure). */
    public long delayMillis(int failedAttempts) {
        long delay = initial.toMillis();
        for (int i = 1; i < failedAttempts && delay < max.toMillis(); i++) {
            delay *= 2;
        }
        return Math.min(delay, max.toMillis());
    }

    /**
     * The same wait with jitter, uniform in [half of it, all of it], so that consumers that failed together do not retry
     * together.
     */
    public long jitteredDelayMillis(int failedAttempts) {
        long delay = delayMillis(failedAttempts);
        return delay / 2 + ThreadLocalRandom.current().nextLong(delay - delay / 2 + 1);
    }
}
