package io.chingest.common.config;

import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * An option value a program cannot run with: names the option (as written on the command line, {@code --topic}) and
 * the reason, so the command can report it as a usage error naming the option and where its value came from.
 * Immutable.
 */
public final class InvalidOptionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String option;
    private final String value;
    private final String reason;

    /**
     * @param option the long option name with its dashes, or a parameter label such as {@code FILE}
     * @param value  the value as given, or null
     */
    public InvalidOptionException(String option, String value, String reason) {
        super("Invalid value for option '" + option + "': " + reason);
        this.option = option;
        this.value = value;
        this.reason = reason;
    }

    public String option() {
        return option;
    }

    /** The rejected value as given, or null. */
    public String value() {
        return value;
    }

    public String reason() {
        return reason;
    }

    /**
     * The usage error picocli reports for this, bound to the option (or to the positional parameter of that label)
     * so that {@link CommandLineRunner} can add where the value came from.
     */
    public ParameterException asParameterException(CommandSpec spec) {
        if (!option.startsWith("-")) {
            ArgSpec parameter = spec.positionalParameters().stream()
                    .filter(each -> option.equals(each.paramLabel()))
                    .findFirst()
                    .orElse(null);
            return new ParameterException(
                    spec.commandLine(),
                    "Invalid value for parameter " + option + ": " + reason,
                    this,
                    parameter,
                    value);
        }
        // the cause tells CommandLineRunner that the message is this program's own, written not to quote a secret
        return new ParameterException(spec.commandLine(), getMessage(), this, spec.findOption(option), value);
    }
}
