package io.chingest.common.registry;

import io.chingest.common.security.Secret;
import io.chingest.common.security.TrustStore;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * How to authenticate to the schema registry and which certificates its TLS server may present: HTTP basic auth with
 * Confluent's {@code basic.auth.user.info} ({@code USER:PASSWORD}), or a bearer token, or neither; and a truststore in
 * place of the JDK's certificates, or null. Its {@code toString()} shows no credential. Immutable, thread-safe.
 *
 * @param userInfo    {@code USER:PASSWORD} for basic auth, or empty
 * @param bearerToken the token for {@code Authorization: Bearer}, or empty
 * @param trustStore  the certificates to trust for an https URL, or null for the JDK's own
 */
public record RegistryAccess(Secret userInfo, Secret bearerToken, TrustStore trustStore) {
    /** No credentials, the JDK's certificates. */
    public static final RegistryAccess NONE = new RegistryAccess(Secret.none(), Secret.none(), null);

    /** @throws IllegalArgumentException when both credentials are given or the user info has no ':' */
    public RegistryAccess {
        Objects.requireNonNull(userInfo, "userInfo");
        Objects.requireNonNull(bearerToken, "bearerToken");
        if (!userInfo.isEmpty() && !bearerToken.isEmpty()) {
            throw new IllegalArgumentException("give either user info (basic auth) or a bearer token, not both");
        }
        if (!userInfo.isEmpty() && userInfo.reveal().indexOf(':') < 1) {
            throw new IllegalArgumentException("user info must be USER:PASSWORD (the value is not shown)");
        }
    }

    /** The value of the Authorization header, or empty without credentials. */
    Optional<String> authorization() {
        if (!userInfo.isEmpty()) {
            return Optional.of("Basic "
                    + Base64.getEncoder().encodeToString(userInfo.reveal().getBytes(StandardCharsets.UTF_8)));
        }
        if (!bearerToken.isEmpty()) {
            return Optional.of("Bearer " + bearerToken.reveal());
        }
        return Optional.empty();
    }
}
