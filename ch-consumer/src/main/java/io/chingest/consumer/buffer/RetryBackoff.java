package io.chingest.consumer.buffer;

import java.time.Duration;

/** Exponential backoff between insert attempts of one batch: initial, doubled per failure, capped. Immutable. */
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
}
