package io.chingest.common.config;

import java.util.Map;

/**
 * Runs a picocli command whose option values may also come from {@code --config FILE} and CH_INGEST_* variables.
 * Stateless.
 */
public final class CommandLineRunner {

    private CommandLineRunner() {
    }

    public static int execute(Object command, String[] args) {
        return execute(command, args, System.getenv());
    }

    static int execute(Object command, String[] args, Map<String, String> environment) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
