package io.chingest.common.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which client setting keys hold credentials, by name: every key Kafka types as a password (sasl.jaas.config,
 * ssl.*.password, ssl.keystore.key, the certificate chains, OAuth client secrets) and whatever else is named like
 * one. Used to redact settings dumps and messages. Stateless, thread-safe.
 */
public final class SecretKeys {
    private static final List<String> SECRET_WORDS = List.of(
            "password",
            "jaas",
            "secret",
            "token",
            "passphrase",
            "credential",
            "user.info",
            "user-info",
            "ssl.keystore.key",
            "ssl.keystore.certificate.chain");

    private SecretKeys() {}

    public static boolean isSecret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return SECRET_WORDS.stream().anyMatch(lower::contains);
    }

    /** A copy of the settings with the value of every secret key replaced by {@code [hidden]}; the order is kept. */
    public static Map<String, Object> redacted(Map<String, ?> settings) {
        Map<String, Object> copy = new LinkedHashMap<>();
        settings.forEach((key, value) -> copy.put(key, isSecret(key) ? Secret.HIDDEN : value));
        return copy;
    }
}
