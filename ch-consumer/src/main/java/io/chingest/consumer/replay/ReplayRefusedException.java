package io.chingest.consumer.replay;

/**
 * A replay that cannot be done as asked; the message names the group, topic, partition, offset or table involved and
 * {@link #exitCode()} is the program's exit code for it. Nothing was changed. Immutable.
 */
public final class ReplayRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public ReplayRefusedException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
