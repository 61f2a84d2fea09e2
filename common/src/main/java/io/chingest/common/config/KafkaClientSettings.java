package io.chingest.common.config;

import io.chingest.common.security.KnownSecrets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Kafka client settings a user adds to a program's own: a Java properties file ({@code --kafka-config FILE}: the
 * place for TLS and SASL settings, which are several and hold passwords) and the repeatable
 * {@code --consumer-property}/{@code --producer-property} entries, which override the file. Values of secret keys are
 * handed to {@link KnownSecrets}. Stateless, thread-safe.
 */
public final class KafkaClientSettings {
    /**
     * Splits one value of a property option into several entries: a {@code ;} followed by the next {@code KEY=}. So a
     * config file line or a CH_INGEST_* variable can hold several settings
     * ({@code security.protocol=SASL_SSL;sasl.mechanism=PLAIN}), while the {@code ;} that ends a JAAS module (followed
     * by a class name and a flag, or by nothing) stays in its value.
     */
    public static final String ENTRY_SEPARATOR = ";(?=\\s*[A-Za-z0-9_.-]+=)";

    public static final String KAFKA_CONFIG_OPTION = "--kafka-config";

    private KafkaClientSettings() {}

    /**
     * The file's settings overridden by the option's entries, keys and values stripped of surrounding blanks.
     *
     * @param file           the --kafka-config file, or null
     * @param entriesOption  --consumer-property or --producer-property, for messages
     * @param reserved       keys the program sets itself; one in the file is an error naming it and its line
     * @param program        the program's name, for messages
     * @throws InvalidOptionException when the file cannot be read or sets a reserved key
     */
    public static Map<String, String> combine(
            String file, String entriesOption, Map<String, String> entries, Set<String> reserved, String program) {
        Map<String, String> combined = new TreeMap<>();
        if (file != null) {
            ConfigFile loaded;
            try {
                loaded = ConfigFile.load(Path.of(file), KAFKA_CONFIG_OPTION);
            } catch (ConfigurationException | InvalidPathException e) {
                throw new InvalidOptionException(KAFKA_CONFIG_OPTION, file, e.getMessage());
            }
            for (String key : new TreeMap<>(loaded.values()).keySet()) {
                if (reserved.contains(key)) {
                    throw new InvalidOptionException(
                            KAFKA_CONFIG_OPTION,
                            file,
                            "key '" + key + "' in " + loaded.describe(key) + " is set by " + program
                                    + " itself and cannot be changed");
                }
                combined.put(key, loaded.values().get(key));
            }
        }
        entries.forEach((key, value) -> {
            String strippedKey = key.strip();
            if (strippedKey.isEmpty()) {
                throw new InvalidOptionException(entriesOption, null, "an entry has no key before its '='");
            }
            combined.put(strippedKey, value == null ? "" : value.strip());
        });
        combined.forEach(KnownSecrets::rememberKafkaSetting);
        return combined;
    }
}
