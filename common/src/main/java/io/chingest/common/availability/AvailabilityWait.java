package io.chingest.common.availability;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * How a daemon waits for a service at start-up: runs the check until it passes, and after each failure reports "still
 * unavailable: SERVICE at ADDRESS: CAUSE" and waits, 1 s at first and twice as long after each failure up to 5 min;
 * reports once when the service becomes available. A refusal of the credentials is not waited out. Its status (the cause, or null once available) feeds /health. For
 * the thread that starts the program; the stop signal may come from any thread through the {@link Sleeper}.
 */
public final class AvailabilityWait {
    public static final Duration FIRST_WAIT = GrowingWaits.DEFAULT.first();
    public static final Duration LONGEST_WAIT = GrowingWaits.DEFAULT.longest();

    /** One start-up check; throws while the service is unavailable. */
    @FunctionalInterface
    public interface Check {
        void run() throws InterruptedException;
    }

    /** Waits between two checks; returns early when the program is asked to stop. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration wait) throws InterruptedException;
    }

    private final GrowingWaits waits;
    private final Sleeper sleeper;
    private final BooleanSupplier stopRequested;
    private final Consumer<String> warn;
    private final Consumer<String> info;
    private final Consumer<String> status;

    /**
     * @param warn   receives a "still unavailable" line after each failed check
     * @param info   receives the line saying the service became available after failed checks
     * @param status receives the cause while unavailable and null once available (for /health)
     */
    public AvailabilityWait(
            Duration firstWait,
            Duration longestWait,
            Sleeper sleeper,
            BooleanSupplier stopRequested,
            Consumer<String> warn,
            Consumer<String> info,
            Consumer<String> status) {
        this.waits = new GrowingWaits(firstWait, longestWait);
        this.sleeper = sleeper;
        this.stopRequested = stopRequested;
        this.warn = warn;
        this.info = info;
        this.status = status;
    }

    /** With the default waits: 1 s doubling up to 5 min. */
    public AvailabilityWait(
            Sleeper sleeper,
            BooleanSupplier stopRequested,
            Consumer<String> warn,
            Consumer<String> info,
            Consumer<String> status) {
        this(FIRST_WAIT, LONGEST_WAIT, sleeper, stopRequested, warn, info, status);
    }

    /**
     * Runs {@code check} until it passes.
     *
     * @param what the service and its address, for the line saying it became available ("Kafka at HOST:PORT")
     * @return true once it passed, false when the program was asked to stop first
     * @throws ServiceUnavailableException at once when the service refused the credentials or the access
     */
    public boolean await(String what, Check check) throws InterruptedException {
        Duration wait = waits.first();
        int failures = 0;
        while (!stopRequested.getAsBoolean()) {
            try {
                check.run();
                if (failures > 0) {
                    status.accept(null);
                    info.accept(
                            what + " is available after " + failures + " failed check" + (failures == 1 ? "" : "s"));
                }
                return true;
            } catch (ServiceUnavailableException e) {
                if (e.refused()) {
                    // refused credentials stay refused: say so at once rather than retry for ever
                    throw e;
                }
                failures++;
                status.accept("unavailable: " + e.getMessage());
                warn.accept("still unavailable: " + e.getMessage() + "; next check in " + readable(wait));
            }
            sleeper.sleep(wait);
            wait = waits.after(wait);
        }
        return false;
    }

    /** A duration as people write it: "15 s", "500 ms". */
    public static String readable(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
