package io.chingest.consumer.deadletter;

/**
 * When the dead-letter circuit breaker trips: after {@code maxRun} dead letters in a row in one partition, or when more
 * than {@code maxSharePercent} of the last {@code window} records read went to the dead-letter topic; 0 turns a rule
 * off. Immutable.
 */
public record BreakerLimits(int maxRun, int maxSharePercent, int window) {
    public static final int DEFAULT_MAX_RUN = 1000;
    public static final int DEFAULT_MAX_SHARE_PERCENT = 50;
    /** The records the share rule looks back on: it applies once that many were read. */
    public static final int WINDOW = 10_000;

    public static final BreakerLimits DEFAULTS = new BreakerLimits(DEFAULT_MAX_RUN, DEFAULT_MAX_SHARE_PERCENT, WINDOW);
    public static final BreakerLimits OFF = new BreakerLimits(0, 0, WINDOW);

    public BreakerLimits {
        if (maxRun < 0) {
            throw new IllegalArgumentException("maxRun must not be negative, was " + maxRun);
        }
        if (maxSharePercent < 0 || maxSharePercent > 99) {
            throw new IllegalArgumentException("maxSharePercent must be 0 (off) to 99, was " + maxSharePercent);
        }
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1, was " + window);
        }
    }

    /** {@code N} or {@code off}, as the option reads. */
    public String runText() {
        return maxRun == 0 ? "off" : Integer.toString(maxRun);
    }

    /** {@code P%} or {@code off}, as the option reads. */
    public String shareText() {
        return maxSharePercent == 0 ? "off" : maxSharePercent + "%";
    }
}
