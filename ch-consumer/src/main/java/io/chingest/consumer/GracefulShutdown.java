package io.chingest.consumer;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * On SIGTERM/SIGINT asks the run to stop, waits for it to flush, commit and leave the group, then ends the JVM with
 * the run's exit code (0 after a clean stop) instead of the signal's. Thread-safe.
 */
final class GracefulShutdown {
    private final Runnable requestStop;
    private final Duration maxWait;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook = new Thread(this::onSignal, "ch-consumer-shutdown");
    private volatile int exitCode = ConsumerRun.FAILED;

    GracefulShutdown(Runnable requestStop, Duration maxWait) {
        this.requestStop = requestStop;
        this.maxWait = maxWait;
    }

    void install() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Called by the running thread when the run is over. */
    void finished(int code) {
        exitCode = code;
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running and ends the JVM with this code.
        }
    }

    private void onSignal() {
        requestStop.run();
        try {
            if (finished.await(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                System.out.flush();
                System.err.flush();
                Runtime.getRuntime().halt(exitCode);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
