package io.chingest.common.config;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Supplies option values from CH_INGEST_* environment variables and the config file to picocli (environment first),
 * remembering where each value came from for error messages. Not thread-safe: one per run.
 */
final class ConfiguredOptionValues implements CommandLine.IDefaultValueProvider {
    static final String ENVIRONMENT_PREFIX = "CH_INGEST_";
    static final String CONFIG_KEY = "config";
    /** Names the config file when no --config flag is given. */
    static final String CONFIG_VARIABLE = ENVIRONMENT_PREFIX + "CONFIG";

    private final ConfigFile file;
    private final Map<String, String> environment;
    private final Map<ArgSpec, String> sources = new IdentityHashMap<>();

    /** @param file the config file, or null when none was given */
    ConfiguredOptionValues(ConfigFile file, Map<String, String> environment) {
        this.file = file;
        this.environment = Map.copyOf(environment);
    }

    /** The config key of an option: its longest name without leading dashes ("--bootstrap-servers" -> "bootstrap-servers"). */
    static String keyOf(OptionSpec option) {
        return option.longestName().replaceFirst("^-+", "");
    }

    /** The environment variable of a config key ("bootstrap-servers" -> "CH_INGEST_BOOTSTRAP_SERVERS"). */
    static String environmentVariableOf(String key) {
        return ENVIRONMENT_PREFIX + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** Help, version and --config itself cannot be set from a file or the environment. */
    static boolean isConfigurable(OptionSpec option) {
        return !option.usageHelp() && !option.versionHelp() && !CONFIG_KEY.equals(keyOf(option));
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || !isConfigurable(option)) {
            return null;
        }
        String key = keyOf(option);
        String variable = environmentVariableOf(key);
        String value = environment.get(variable);
        if (value != null) {
            sources.put(arg, "environment variable " + variable);
            return value;
        }
        value = file == null ? null : file.values().get(key);
        if (value != null) {
            sources.put(arg, file.describe(key) + ", key " + key);
        }
        return value;
    }

    boolean hasValueFor(OptionSpec option) {
        if (!isConfigurable(option)) {
            return false;
        }
        String key = keyOf(option);
        return environment.containsKey(environmentVariableOf(key))
                || file != null && file.values().containsKey(key);
    }

    /** Where the value last supplied for this option came from, or null if none was supplied. */
    String sourceOf(ArgSpec arg) {
        return sources.get(arg);
    }

    /**
     * Throws {@link ConfigurationException} listing every file key and CH_INGEST_* variable that is not an option of
     * any command of the program (a key of another subcommand is allowed: it applies only when that one runs).
     */
    void rejectUnknownKeys(List<CommandLine> commands) {
        Set<String> keys = new TreeSet<>();
        for (CommandLine command : commands) {
            for (OptionSpec option : command.getCommandSpec().options()) {
                if (isConfigurable(option)) {
                    keys.add(keyOf(option));
                }
            }
        }
        Map<String, String> variables = new TreeMap<>();
        keys.forEach(key -> variables.put(environmentVariableOf(key), key));
        List<String> problems = new ArrayList<>();
        if (file != null) {
            new TreeSet<>(file.values().keySet())
                    .stream()
                            .filter(key -> !keys.contains(key))
                            .forEach(key -> problems.add("unknown key '" + key + "' in " + file.describe(key)
                                    + (CONFIG_KEY.equals(key) ? " (a config file cannot name another one)" : "")));
        }
        new TreeSet<>(environment.keySet())
                .stream()
                        .filter(name -> name.startsWith(ENVIRONMENT_PREFIX) && !name.equals(CONFIG_VARIABLE))
                        .filter(name -> !variables.containsKey(name))
                        .forEach(name -> problems.add("unknown environment variable " + name));
        if (!problems.isEmpty()) {
            throw new ConfigurationException(String.join(System.lineSeparator(), problems) + System.lineSeparator()
                    + "known keys: " + String.join(", ", keys) + " (as environment variables: "
                    + String.join(", ", variables.keySet()) + ")");
        }
    }
}
