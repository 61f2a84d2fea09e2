package io.chingest.common.config;

import io.chingest.common.security.Secret;
import io.chingest.common.security.SecretFile;
import io.chingest.common.security.SecretKeys;
import io.chingest.common.security.TrustStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Options that carry credentials: a secret given directly (flag, CH_INGEST_* variable or config file) or by a file,
 * truststores, and the warning when a secret is on the command line, where {@code ps} shows it to every user of the
 * host. An option carries a secret when its name ends in {@code password}, {@code user-info} or {@code token}, or when
 * it is a KEY=VALUE option with a secret key ({@link SecretKeys}). Stateless, thread-safe.
 */
public final class SecretOptions {
    private SecretOptions() {}

    /**
     * The secret of a direct option or of its file option, never both.
     *
     * @param direct the direct option's value, or null
     * @param file   the file option's value, or null
     * @throws InvalidOptionException naming the option at fault
     */
    public static Secret secret(String directOption, String direct, String fileOption, Path file) {
        if (file == null) {
            return Secret.of(direct);
        }
        if (direct != null && !direct.isEmpty()) {
            throw new InvalidOptionException(
                    fileOption, file.toString(), "give either " + directOption + " or " + fileOption + ", not both");
        }
        try {
            return SecretFile.read(file);
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException(fileOption, file.toString(), e.getMessage());
        }
    }

    /**
     * The truststore named by an option, or null when it is not given (then a password is an error too).
     *
     * @throws InvalidOptionException naming the option at fault
     */
    public static TrustStore trustStore(String option, Path file, String passwordOption, Secret password) {
        if (file == null) {
            if (!password.isEmpty()) {
                throw new InvalidOptionException(passwordOption, null, "has no use without " + option);
            }
            return null;
        }
        try {
            return TrustStore.load(file, password);
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException(option, file.toString(), e.getMessage());
        }
    }

    /** Whether the option's value is a credential by its name. */
    public static boolean isSecret(OptionSpec option) {
        String name = option.longestName();
        return name.endsWith("password") || name.endsWith("user-info") || name.endsWith("token");
    }

    /** Whether a value of the option may hold a credential, so that an error message must not quote it. */
    public static boolean mayHoldSecret(OptionSpec option) {
        return isSecret(option) || Map.class.isAssignableFrom(option.type());
    }

    /** One warning per secret given on the command line of the parsed commands. */
    public static List<String> visibleOnCommandLine(ParseResult parsed) {
        List<String> warnings = new ArrayList<>();
        for (ParseResult command = parsed; command != null; command = command.subcommand()) {
            // picocli lists an option once per occurrence (--consumer-property a=1 --consumer-property b=2 twice),
            // and each occurrence's entry list holds them all: one warning per option and key
            List<OptionSpec> matched = new ArrayList<>();
            for (OptionSpec each : command.matchedOptions()) {
                if (matched.stream().noneMatch(known -> known == each)) {
                    matched.add(each);
                }
            }
            for (OptionSpec option : matched) {
                if (isSecret(option)) {
                    String fileOption = option.longestName() + "-file";
                    warnings.add(option.longestName() + " is given on the command line, where every user of this host"
                            + " can read it (ps); use "
                            + (command.commandSpec().findOption(fileOption) != null ? fileOption + " FILE or " : "")
                            + "the environment variable "
                            + ConfiguredOptionValues.environmentVariableOf(ConfiguredOptionValues.keyOf(option))
                            + " instead");
                } else if (Map.class.isAssignableFrom(option.type())) {
                    Set<String> secretKeys = new LinkedHashSet<>();
                    for (String entry : option.originalStringValues()) {
                        for (String each : entry.split(KafkaClientSettings.ENTRY_SEPARATOR)) {
                            String key = each.contains("=")
                                    ? each.substring(0, each.indexOf('=')).strip()
                                    : each.strip();
                            if (SecretKeys.isSecret(key)) {
                                secretKeys.add(key);
                            }
                        }
                    }
                    for (String key : secretKeys) {
                        warnings.add(option.longestName() + " " + key + "=... is given on the command line, where"
                                + " every user of this host can read it (ps); put it in a "
                                + KafkaClientSettings.KAFKA_CONFIG_OPTION + " FILE instead");
                    }
                }
            }
        }
        return warnings;
    }
}
