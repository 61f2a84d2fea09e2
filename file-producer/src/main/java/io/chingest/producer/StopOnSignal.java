package io.chingest.producer;

import io.chingest.common.config.ExitCodes;
import io.chingest.common.lifecycle.GracefulShutdown;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * Runs a command's run with SIGTERM and SIGINT wired to its stop request: the signal asks the run to stop (it commits
 * the open chunk and prints its summary), waits up to {@link #SHUTDOWN_WAIT} for it, and the JVM then exits with the
 * run's exit code (0 for a run stopped on request) instead of the signal's. Stateless; called on the command's thread.
 */
final class StopOnSignal {

    /** How long a signal waits for the run to commit and summarise before the JVM exits with {@code FAILED}. */
    static final Duration SHUTDOWN_WAIT = Duration.ofMinutes(2);

    private StopOnSignal() {}

    /**
     * @param execute     runs the run on this thread and returns its exit code
     * @param requestStop asks the run to stop; called on the shutdown hook's thread
     * @param err         flushed when the run ends, before the exit code is handed to a waiting signal
     * @return the run's exit code
     */
    static int execute(IntSupplier execute, Runnable requestStop, PrintWriter err) {
        GracefulShutdown shutdown = new GracefulShutdown("file-producer", requestStop, SHUTDOWN_WAIT, ExitCodes.FAILED);
        shutdown.install();
        int code = ExitCodes.FAILED;
        try {
            code = execute.getAsInt();
            return code;
        } finally {
            err.flush();
            shutdown.finished(code);
        }
    }
}
