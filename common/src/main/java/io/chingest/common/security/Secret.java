package io.chingest.common.security;

import java.util.Objects;

/**
 * A credential (password, token, user info): its {@link #toString()} is {@code [hidden]}, so a record, a log line or a
 * message that prints it by accident shows nothing; only {@link #reveal()} gives the value, at the point where a
 * client needs it. Every non-empty secret is also remembered by {@link KnownSecrets} so that messages can be scrubbed
 * of it. Immutable, thread-safe.
 */
public final class Secret {
    public static final String HIDDEN = "[hidden]";
    private static final Secret NONE = new Secret("");

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** The secret, or {@link #none()} for null or empty. */
    public static Secret of(String value) {
        if (value == null || value.isEmpty()) {
            return NONE;
        }
        KnownSecrets.remember(value);
        return new Secret(value);
    }

    public static Secret none() {
        return NONE;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    /** The value itself: hand it only to the client that sends it, never to a message. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && secret.value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }

    @Override
    public String toString() {
        return isEmpty() ? "[none]" : HIDDEN;
    }
}
