package io.chingest.consumer;

import io.chingest.common.config.DurationConverter;
import io.chingest.common.config.InvalidOptionException;
import io.chingest.common.config.SecretOptions;
import io.chingest.common.security.Secret;
import io.chingest.common.security.TrustStore;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * Where the ClickHouse server is and how to log in.
 * Picocli mixin shared by the subcommands that reach ClickHouse; fields set by picocli, one instance per command, one thread.
 */
public final class ClickHouseOptions {

    @Option(
            names = "--clickhouse-url",
            paramLabel = "URL",
            defaultValue = "http://127.0.0.1:8123",
            description = "ClickHouse HTTP endpoint (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(
            names = "--clickhouse-user",
            paramLabel = "USER",
            defaultValue = "default",
            description = "ClickHouse user (default: ${DEFAULT-VALUE}).")
    String user;

    @Option(
            names = "--clickhouse-password",
            paramLabel = "PASSWORD",
            defaultValue = "",
            description =
                    "ClickHouse password (default: empty). On the command line every user of the host sees it: prefer"
                            + " --clickhouse-password-file or CH_INGEST_CLICKHOUSE_PASSWORD.")
    String password;

    @Option(
            names = "--clickhouse-password-file",
            paramLabel = "FILE",
            description = "File holding the ClickHouse password.")
    Path passwordFile;

    @Option(
            names = "--clickhouse-truststore",
            paramLabel = "FILE",
            description =
                    "PKCS12 or JKS truststore with the certificates an https ClickHouse may present (default: the JDK's).")
    Path trustStore;

    @Option(
            names = "--clickhouse-truststore-password",
            paramLabel = "PASSWORD",
            description =
                    "Password of --clickhouse-truststore (none by default); prefer CH_INGEST_CLICKHOUSE_TRUSTSTORE_PASSWORD.")
    String trustStorePassword;

    @Option(
            names = "--clickhouse-timeout",
            paramLabel = "DURATION",
            defaultValue = "60s",
            converter = DurationConverter.class,
            description = "How long one ClickHouse request may take (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    /** @throws InvalidOptionException when both password options are given or the file cannot be read */
    Secret password() {
        return SecretOptions.secret("--clickhouse-password", password, "--clickhouse-password-file", passwordFile);
    }

    /** The truststore, or null for the JDK's certificates; @throws InvalidOptionException naming the option at fault */
    TrustStore trustStore() {
        TrustStore store = SecretOptions.trustStore(
                "--clickhouse-truststore",
                trustStore,
                "--clickhouse-truststore-password",
                Secret.of(trustStorePassword));
        if (store != null && url != null && !url.startsWith("https:")) {
            throw new InvalidOptionException(
                    "--clickhouse-truststore",
                    trustStore.toString(),
                    "has no use with a --clickhouse-url" + " that is not https://");
        }
        return store;
    }
}
