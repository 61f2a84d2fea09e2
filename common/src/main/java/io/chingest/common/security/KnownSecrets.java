package io.chingest.common.security;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The credentials this program was given, to scrub them from messages that quote text the program does not control
 * (a Kafka client's exception, a server's error answer). A last line of defence: settings keep secrets in
 * {@link Secret} and redacted maps, so nothing should be left to scrub. Values shorter than
 * {@value #MIN_SCRUBBED_LENGTH} characters are not scrubbed (they would blank out ordinary words). Thread-safe.
 */
public final class KnownSecrets {
    static final int MIN_SCRUBBED_LENGTH = 4;
    /** The quoted option values of a JAAS configuration ({@code password="..."}), each a secret on its own. */
    private static final Pattern JAAS_OPTION = Pattern.compile("\\w+\\s*=\\s*\"([^\"]*)\"");

    private static final Set<String> VALUES = ConcurrentHashMap.newKeySet();

    private KnownSecrets() {}

    static void remember(String value) {
        if (value != null && value.length() >= MIN_SCRUBBED_LENGTH) {
            VALUES.add(value);
        }
    }

    /** Remembers a Kafka client setting's value when its key names a secret, with the quoted parts of a JAAS value. */
    public static void rememberKafkaSetting(String key, Object value) {
        if (value == null || !SecretKeys.isSecret(key)) {
            return;
        }
        String text = String.valueOf(value);
        remember(text);
        Matcher option = JAAS_OPTION.matcher(text);
        while (option.find()) {
            // username too: a user name is half of a credential, and harmless to hide
            remember(option.group(1));
        }
    }

    /** The text with every known secret replaced by {@code [hidden]}, longest first (so a secret inside another goes too). */
    public static String scrub(String text) {
        if (text == null || VALUES.isEmpty()) {
            return text;
        }
        String scrubbed = text;
        List<String> longestFirst = VALUES.stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
        for (String value : longestFirst) {
            scrubbed = scrubbed.replace(value, Secret.HIDDEN);
        }
        return scrubbed;
    }
}
