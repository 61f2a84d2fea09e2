package io.chingest.consumer;

import io.chingest.common.config.DurationConverter;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * Where the ClickHouse server is and how to log in.
 * Picocli mixin shared by the subcommands that reach ClickHouse; fields set by picocli, one instance per command, one thread.
 */
public final class ClickHouseOptions {

    @Option(names = "--clickhouse-url", paramLabel = "URL", defaultValue = "http://127.0.0.1:8123",
            description = "ClickHouse HTTP endpoint (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--clickhouse-user", paramLabel = "USER", defaultValue = "default", description = "ClickHouse user (default: ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--clickhouse-password", paramLabel = "PASSWORD", defaultValue = "", description = "ClickHouse password (default: empty).")
    String password;

    @Option(names = "--clickhouse-timeout", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "How long one ClickHouse request may take (default: ${DEFAULT-VALUE}).")
    Duration timeout;
}
