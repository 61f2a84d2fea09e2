package io.chingest.common.lifecycle;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * On SIGTERM/SIGINT asks a program's run to stop, waits up to a bound for it to finish its work (commit, flush, print
 * its summary), then ends the JVM with the run's exit code instead of the signal's. Without a signal it does nothing.
 * Thread-safe.
 */
public final class GracefulShutdown {
    private final Runnable requestStop;
    private final Duration maxWait;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private volatile int exitCode;

    /**
     * @param requestStop    asks the run to stop; called on the hook's thread
     * @param maxWait        how long the signal waits for the run before the JVM ends with {@code failedExitCode}
     * @param failedExitCode the exit code when the run does not finish in time
     */
    public GracefulShutdown(String programName, Runnable requestStop, Duration maxWait, int failedExitCode) {
        this.requestStop = requestStop;
        this.maxWait = maxWait;
        this.exitCode = failedExitCode;
        this.hook = new Thread(this::onSignal, programName + "-shutdown");
    }

    public void install() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Called by the running thread when the run is over, with its exit code. */
    public void finished(int code) {
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
