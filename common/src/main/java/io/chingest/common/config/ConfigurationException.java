package io.chingest.common.config;

/** A configuration source that cannot be used (missing file, unknown key); the message names the key and its source. */
final class ConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConfigurationException(String message) {
        super(message);
    }

    ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
