package io.chingest.common.registry;

import io.chingest.common.config.InvalidOptionException;
import io.chingest.common.config.SecretOptions;
import io.chingest.common.security.Secret;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The schema registry's credentials and truststore as options (picocli mixin of every command that reaches the
 * registry, in both programs), checked into a {@link RegistryAccess}. Secrets come from a file option or from the
 * CH_INGEST_* variable or config file key of the direct option, which keeps them out of {@code ps}. Fields set by
 * picocli; one instance per command, one thread.
 */
public final class RegistryAccessOptions {
    static final String USER_INFO = "--schema-registry-user-info";
    static final String USER_INFO_FILE = "--schema-registry-user-info-file";
    static final String BEARER_TOKEN = "--schema-registry-bearer-token";
    static final String BEARER_TOKEN_FILE = "--schema-registry-bearer-token-file";
    static final String TRUSTSTORE = "--schema-registry-truststore";
    static final String TRUSTSTORE_PASSWORD = "--schema-registry-truststore-password";

    @Option(
            names = USER_INFO,
            paramLabel = "USER:PASSWORD",
            description =
                    "HTTP basic auth for the schema registry (Confluent's basic.auth.user.info). On the command line"
                            + " every user of the host sees it: prefer " + USER_INFO_FILE
                            + " or CH_INGEST_SCHEMA_REGISTRY_USER_INFO.")
    String userInfo;

    @Option(
            names = USER_INFO_FILE,
            paramLabel = "FILE",
            description = "File holding USER:PASSWORD for the schema registry.")
    Path userInfoFile;

    @Option(
            names = BEARER_TOKEN,
            paramLabel = "TOKEN",
            description = "Bearer token for the schema registry (Authorization: Bearer). Prefer " + BEARER_TOKEN_FILE
                    + " or CH_INGEST_SCHEMA_REGISTRY_BEARER_TOKEN.")
    String bearerToken;

    @Option(
            names = BEARER_TOKEN_FILE,
            paramLabel = "FILE",
            description = "File holding the schema registry's bearer token.")
    Path bearerTokenFile;

    @Option(
            names = TRUSTSTORE,
            paramLabel = "FILE",
            description =
                    "PKCS12 or JKS truststore with the certificates an https schema registry may present (default: the JDK's).")
    Path trustStore;

    @Option(
            names = TRUSTSTORE_PASSWORD,
            paramLabel = "PASSWORD",
            description = "Password of " + TRUSTSTORE
                    + " (none by default); prefer CH_INGEST_SCHEMA_REGISTRY_TRUSTSTORE_PASSWORD.")
    String trustStorePassword;

    /** @throws InvalidOptionException naming the option at fault */
    public RegistryAccess access() {
        Secret user = SecretOptions.secret(USER_INFO, userInfo, USER_INFO_FILE, userInfoFile);
        Secret token = SecretOptions.secret(BEARER_TOKEN, bearerToken, BEARER_TOKEN_FILE, bearerTokenFile);
        if (!user.isEmpty() && !token.isEmpty()) {
            throw new InvalidOptionException(
                    BEARER_TOKEN, null, "give either " + USER_INFO + " (basic auth) or " + BEARER_TOKEN + ", not both");
        }
        if (!user.isEmpty() && user.reveal().indexOf(':') < 1) {
            throw new InvalidOptionException(
                    userInfoFile != null ? USER_INFO_FILE : USER_INFO,
                    null,
                    "must be USER:PASSWORD (the value is not shown)");
        }
        return new RegistryAccess(
                user,
                token,
                SecretOptions.trustStore(TRUSTSTORE, trustStore, TRUSTSTORE_PASSWORD, Secret.of(trustStorePassword)));
    }
}
