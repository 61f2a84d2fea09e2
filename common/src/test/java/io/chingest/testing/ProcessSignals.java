package io.chingest.testing;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Signals for fault tests: freeze a process (SIGSTOP) so it accepts connections and answers nothing, thaw it
 * (SIGCONT), or kill it outright (SIGKILL), as a hung server or a crashed host would. Stateless.
 */
public final class ProcessSignals {

    private ProcessSignals() {}

    public static void freeze(long pid) {
        send("-STOP", pid);
    }

    public static void thaw(long pid) {
        send("-CONT", pid);
    }

    public static void kill(long pid) {
        send("-KILL", pid);
    }

    private static void send(String signal, long pid) {
        if (pid <= 0) {
            throw new IllegalArgumentException("no process to signal (pid " + pid + ")");
        }
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(pid))
                    .inheritIO()
                    .start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill " + signal + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kill " + signal + " " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling " + pid, e);
        }
    }
}
