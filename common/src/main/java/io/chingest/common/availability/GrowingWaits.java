package io.chingest.common.availability;

import java.time.Duration;

/**
 * The intervals between two reports of a service that stays unavailable: {@code first}, then twice as long each time up
 * to {@code longest}. Immutable, thread-safe.
 */
public record GrowingWaits(Duration first, Duration longest) {
    /** 1 s doubling up to 5 min, the waits of every daemon. */
    public static final GrowingWaits DEFAULT = new GrowingWaits(Duration.ofSeconds(1), Duration.ofMinutes(5));

    public GrowingWaits {
        if (first.isNegative() || first.isZero() || longest.compareTo(first) < 0) {
            throw new IllegalArgumentException("waits need 0 < first <= longest, were " + first + " and " + longest);
        }
    }

    /** The wait that follows {@code wait}. */
    public Duration after(Duration wait) {
        Duration doubled = wait.multipliedBy(2);
        return doubled.compareTo(longest) > 0 ? longest : doubled;
    }
}
