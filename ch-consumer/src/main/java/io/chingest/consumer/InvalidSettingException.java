package io.chingest.consumer;

/** An option value the program cannot run with; the message names the option. Immutable. */
public final class InvalidSettingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidSettingException(String message) {
        super(message);
    }
}
