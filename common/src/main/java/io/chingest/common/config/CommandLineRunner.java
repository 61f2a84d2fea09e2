package io.chingest.common.config;

import io.chingest.common.availability.ServiceUnavailableException;
import io.chingest.common.security.KnownSecrets;
import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * Runs a picocli command whose option values may also come from {@code --config FILE} (Java properties;
 * key = the long option name without dashes, e.g. bootstrap-servers=...) and from environment
 * variables CH_INGEST_&lt;KEY&gt; (upper case, '-' -&gt; '_', e.g. CH_INGEST_BOOTSTRAP_SERVERS).
 * Precedence: flag &gt; environment &gt; file &gt; built-in default. An unknown key in the file or an unknown
 * CH_INGEST_* variable is an error naming the key (exit code 2, usage-style message).
 *
 * <p>Every (sub)command accepts {@code --config FILE}; without it, CH_INGEST_CONFIG names the file. Keys apply to
 * the options of the commands being run; a key of another subcommand of the same program is not an error.
 * {@link Duration} options accept "5s"-style values ({@link DurationConverter}). Exit codes: 0 success (or the
 * command's own), 2 invalid input or configuration (the error and one line pointing to --help), 5 a
 * {@link ServiceUnavailableException} and 1 another exception from the command, whose message goes to stderr (with the
 * stack trace when the system property {@value #VERBOSE_PROPERTY} is true). Stateless, thread-safe.
 */
public final class CommandLineRunner {
    public static final String VERBOSE_PROPERTY = "chingest.verbose";
    private static final String CONFIG_OPTION = "--config";

    private CommandLineRunner() {}

    /** Parses the arguments, runs the command and returns the exit code; main() calls System.exit with it. */
    public static int execute(Object command, String[] args) {
        return execute(command, args, System.getenv());
    }

    static int execute(Object command, String[] args, Map<String, String> environment) {
        return execute(command, args, environment, null, null);
    }

    /** As {@link #execute(Object, String[], Map)}, writing to the given streams (null: picocli's standard out/err). */
    public static int execute(
            Object command, String[] args, Map<String, String> environment, PrintWriter out, PrintWriter err) {
        CommandLine root = command instanceof CommandLine given ? given : new CommandLine(command);
        if (out != null) {
            root.setOut(out);
        }
        if (err != null) {
            root.setErr(err);
        }
        List<CommandLine> commands = commandsOf(root);
        commands.forEach(CommandLineRunner::acceptConfigOption);
        ConfiguredOptionValues values;
        try {
            values = new ConfiguredOptionValues(configFile(args, environment), environment);
            values.rejectUnknownKeys(commands);
        } catch (ConfigurationException e) {
            PrintWriter errors = root.getErr();
            errors.println(e.getMessage());
            errors.printf(
                    "Try '%s --help' for more information.%n",
                    root.getCommandSpec().qualifiedName());
            errors.flush();
            return root.getCommandSpec().exitCodeOnInvalidInput();
        }
        commands.forEach(each -> relaxRequiredOptions(each, values));
        root.registerConverter(Duration.class, new DurationConverter());
        root.setDefaultValueProvider(values);
        root.setParameterExceptionHandler((ex, ignored) -> invalidInput(ex, values));
        root.setExecutionExceptionHandler((ex, failed, parseResult) -> commandFailed(ex, failed));
        root.setExecutionStrategy(parseResult -> {
            warnOfVisibleSecrets(parseResult, root);
            return new CommandLine.RunLast().execute(parseResult);
        });
        return root.execute(args);
    }

    /**
     * Every CH_INGEST_* variable the program accepts: one per option of the command or any of its subcommands (the
     * variable of its config key, as {@link #execute(Object, String[])} reads it), and CH_INGEST_CONFIG. For checks of
     * deployment files that set these variables.
     */
    public static SortedSet<String> environmentVariables(Object command) {
        CommandLine root = command instanceof CommandLine given ? given : new CommandLine(command);
        SortedSet<String> variables = new TreeSet<>();
        variables.add(ConfiguredOptionValues.CONFIG_VARIABLE);
        for (CommandLine each : commandsOf(root)) {
            for (OptionSpec option : each.getCommandSpec().options()) {
                if (ConfiguredOptionValues.isConfigurable(option)) {
                    variables.add(ConfiguredOptionValues.environmentVariableOf(ConfiguredOptionValues.keyOf(option)));
                }
            }
        }
        return variables;
    }

    /** The root command and all its subcommands, each once (aliases map several names to one). */
    private static List<CommandLine> commandsOf(CommandLine root) {
        Set<CommandLine> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<CommandLine> all = new ArrayList<>();
        List<CommandLine> pending = new ArrayList<>(List.of(root));
        while (!pending.isEmpty()) {
            CommandLine next = pending.remove(pending.size() - 1);
            if (seen.add(next)) {
                all.add(next);
                pending.addAll(next.getSubcommands().values());
            }
        }
        return all;
    }

    private static void acceptConfigOption(CommandLine command) {
        CommandSpec spec = command.getCommandSpec();
        if (spec.findOption(CONFIG_OPTION) == null) {
            spec.addOption(OptionSpec.builder(CONFIG_OPTION)
                    .paramLabel("FILE")
                    .type(String.class)
                    .description("Java properties file of option values (key = long option name without dashes); "
                            + "CH_INGEST_<KEY> environment variables override it, flags override both.")
                    .build());
        }
    }

    /** The file named by --config (searched before parsing, which needs its values), else by CH_INGEST_CONFIG. */
    private static ConfigFile configFile(String[] args, Map<String, String> environment) {
        String path = null;
        for (int i = 0; i < args.length && !"--".equals(args[i]); i++) {
            String found = null;
            if (CONFIG_OPTION.equals(args[i]) && i + 1 < args.length) {
                found = args[++i];
            } else if (args[i].startsWith(CONFIG_OPTION + "=")) {
                found = args[i].substring(CONFIG_OPTION.length() + 1);
            }
            if (found != null) {
                if (path != null) {
                    throw new ConfigurationException(
                            CONFIG_OPTION + " is given more than once ('" + path + "' and '" + found + "')");
                }
                path = found;
            }
        }
        String origin = CONFIG_OPTION;
        if (path == null) {
            path = environment.get(ConfiguredOptionValues.CONFIG_VARIABLE);
            origin = ConfiguredOptionValues.CONFIG_VARIABLE;
        }
        if (path == null) {
            return null;
        }
        try {
            return ConfigFile.load(Path.of(path), origin);
        } catch (InvalidPathException e) {
            throw new ConfigurationException(
                    "config file '" + path + "' (from " + origin + ") is not a valid path: " + e.getMessage(), e);
        }
    }

    /**
     * A required option whose value comes from the file or the environment is not missing. picocli checks a parent
     * command's required options before it applies their default values, so the requirement is dropped instead.
     */
    private static void relaxRequiredOptions(CommandLine command, ConfiguredOptionValues values) {
        CommandSpec spec = command.getCommandSpec();
        for (OptionSpec option : List.copyOf(spec.options())) {
            if (option.required()
                    && option.group() == null
                    && !option.inherited()
                    && option.scopeType() != CommandLine.ScopeType.INHERIT
                    && values.hasValueFor(option)) {
                spec.remove(option);
                spec.addOption(option.toBuilder().required(false).build());
            }
        }
    }

    /** A secret on the command line works, but every user of the host can read it: say so, once per option. */
    private static void warnOfVisibleSecrets(CommandLine.ParseResult parsed, CommandLine root) {
        List<String> warnings = SecretOptions.visibleOnCommandLine(parsed);
        if (!warnings.isEmpty()) {
            PrintWriter errors = root.getErr();
            warnings.forEach(warning -> errors.println(root.getCommandName() + ": warning: " + warning));
            errors.flush();
        }
    }

    private static int invalidInput(ParameterException ex, ConfiguredOptionValues values) {
        CommandLine command = ex.getCommandLine();
        PrintWriter errors = command.getErr();
        String source = ex.getArgSpec() == null ? null : values.sourceOf(ex.getArgSpec());
        String message = KnownSecrets.scrub(ex.getMessage());
        if (ex.getArgSpec() instanceof OptionSpec option
                && SecretOptions.mayHoldSecret(option)
                && ex.getValue() != null
                && !(ex.getCause() instanceof InvalidOptionException)) {
            // picocli quotes the value it could not take, which may be a password: name the option only
            message = "Invalid value for option '" + option.longestName() + "'"
                    + (Map.class.isAssignableFrom(option.type()) ? ": every entry must be KEY=VALUE" : "")
                    + " (the value is not shown: it may hold a secret)";
        }
        errors.println(source == null ? message : message + " (from " + source + ")");
        // The error and where to read more: the usage would bury the one line that matters.
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, errors);
        errors.printf(
                "Try '%s --help' for more information.%n",
                command.getCommandSpec().qualifiedName());
        errors.flush();
        return command.getExitCodeExceptionMapper() != null
                ? command.getExitCodeExceptionMapper().getExitCode(ex)
                : command.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static int commandFailed(Exception ex, CommandLine command) {
        PrintWriter errors = command.getErr();
        String message = ex.getMessage();
        errors.println(KnownSecrets.scrub(message == null || message.isBlank() ? ex.toString() : message));
        if (Boolean.getBoolean(VERBOSE_PROPERTY)) {
            ex.printStackTrace(errors);
        }
        errors.flush();
        if (ex instanceof ServiceUnavailableException) {
            return ExitCodes.SERVICE_UNAVAILABLE;
        }
        return command.getExitCodeExceptionMapper() != null
                ? command.getExitCodeExceptionMapper().getExitCode(ex)
                : command.getCommandSpec().exitCodeOnExecutionException();
    }
}
