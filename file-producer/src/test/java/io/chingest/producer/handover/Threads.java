package io.chingest.producer.handover;

import java.time.Duration;

/** Waiting for another thread to reach a state, with a deadline instead of a sleep. */
public final class Threads {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private Threads() {}

    /** Waits until the thread waits (for room or an entry) or has ended. */
    public static void awaitBlockedOrDone(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.TERMINATED) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(thread.getName() + " neither blocked nor ended: " + thread.getState());
            }
            Thread.onSpinWait();
        }
    }
}
