package io.chingest.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.chingest.common.config.CommandLineRunner;
import io.chingest.common.registry.SchemaRegistryClient;
import io.chingest.consumer.buffer.BufferLimits;
import io.chingest.consumer.clickhouse.RequestCompression;
import io.chingest.consumer.clickhouse.TableName;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Option parsing and start-up validation: every invalid value is refused before any connection, naming its option. */
class RunCommandTest {
    private static final String[] REQUIRED = {"--topic", "trades", "--group", "loader", "--table", "market.trades"};

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Object command, String... args) {
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return CommandLineRunner.execute(cli, args);
    }

    private int runWithRequired(String... args) {
        List<String> all = new ArrayList<>(List.of(REQUIRED));
        all.addAll(List.of(args));
        return run(new RunCommand(false), all.toArray(String[]::new));
    }

    private static ConsumerSettings parsed(String... args) {
        RunCommand command = new RunCommand(false);
        new CommandLine(command).parseArgs(args);
        return command.options().validated();
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        ConsumerSettings settings = parsed(REQUIRED);
        assertThat(settings.topic()).isEqualTo("trades");
        assertThat(settings.group()).isEqualTo("loader");
        assertThat(settings.table()).isEqualTo(new TableName("market", "trades"));
        assertThat(settings.bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(settings.schemaRegistryUrl()).isEqualTo(SchemaRegistryClient.DEFAULT_URL);
        assertThat(settings.clickHouseUrl()).isEqualTo("http://127.0.0.1:8123");
        assertThat(settings.clickHouseUser()).isEqualTo("default");
        assertThat(settings.clickHousePassword().isEmpty()).isTrue();
        assertThat(settings.createTable()).isFalse();
        assertThat(settings.stopAtEnd()).isFalse();
        assertThat(settings.bufferLimits())
                .isEqualTo(new BufferLimits(100_000, 16 * 1024 * 1024, Duration.ofSeconds(5), 64L * 1024 * 1024));
        assertThat(settings.consumerProperties()).isEmpty();
        assertThat(settings.maxInFlightInserts()).isEqualTo(2);
        assertThat(settings.revokeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.tableCheckInterval()).isZero();
        assertThat(settings.evolve()).isFalse();
    }

    @Test
    void evolveIsAFlagThatHelpDescribes() {
        assertThat(parsed(concat(REQUIRED, "--evolve")).evolve()).isTrue();
        assertThat(run(new RunCommand(false), "--help")).isZero();
        assertThat(out.toString()).contains("--evolve", "ALTER TABLE ... ADD COLUMN");
    }

    @Test
    void theInsertConcurrencyAndTheRevokeAndTableCheckTimesAreValidated() {
        assertThat(runWithRequired("--max-in-flight-inserts", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--max-in-flight-inserts must be between 1 and 64, was 0");
        assertThat(runWithRequired("--revoke-timeout", "0s")).isEqualTo(2);
        assertThat(err.toString()).contains("--revoke-timeout must be a positive duration");
        assertThat(parsed(concat(
                        REQUIRED,
                        "--max-in-flight-inserts",
                        "8",
                        "--revoke-timeout",
                        "3s",
                        "--table-check-interval",
                        "1s")))
                .satisfies(settings -> {
                    assertThat(settings.maxInFlightInserts()).isEqualTo(8);
                    assertThat(settings.revokeTimeout()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(settings.tableCheckInterval()).isEqualTo(Duration.ofSeconds(1));
                });
    }

    @Test
    void compressionAndDeduplicationTokensDefaultToAutoAndRefuseOtherValues() {
        ConsumerSettings defaults = parsed(REQUIRED);
        assertThat(defaults.clickHouseCompression()).isEqualTo(RequestCompression.AUTO);
        assertThat(defaults.deduplicationTokens()).isTrue();
        ConsumerSettings chosen =
                parsed(concat(REQUIRED, "--clickhouse-compression", "lz4", "--deduplication-token", "off"));
        assertThat(chosen.clickHouseCompression()).isEqualTo(RequestCompression.LZ4);
        assertThat(chosen.deduplicationTokens()).isFalse();

        assertThat(runWithRequired("--clickhouse-compression", "gzip")).isEqualTo(2);
        assertThat(err.toString()).contains("--clickhouse-compression must be auto, none or lz4, was 'gzip'");
        assertThat(runWithRequired("--deduplication-token", "on")).isEqualTo(2);
        assertThat(err.toString())
                .contains("--deduplication-token must be auto (on servers that have it) or off, was 'on'");
    }

    private static String[] concat(String[] first, String... more) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void everyOptionReachesTheSettings() {
        ConsumerSettings settings = parsed(
                "--topic",
                "t",
                "--group",
                "g",
                "--table",
                "t1",
                "--bootstrap-servers",
                "k1:9092,k2:9092",
                "--schema-registry",
                "http://reg:8081",
                "--clickhouse-url",
                "https://ch:8443",
                "--clickhouse-user",
                "loader",
                "--clickhouse-password",
                "secret",
                "--clickhouse-timeout",
                "20s",
                "--create-table",
                "--batch-max-rows",
                "500",
                "--batch-max-bytes",
                "1MiB",
                "--batch-max-wait",
                "250ms",
                "--max-buffered-bytes",
                "8MiB",
                "--consumer-property",
                "max.poll.records=100",
                "--consumer-property",
                "client.rack=r1",
                "--stop-at-end",
                "--retry-backoff-max",
                "2s",
                "--shutdown-timeout",
                "1m");
        assertThat(settings.table()).isEqualTo(new TableName("default", "t1"));
        assertThat(settings.bootstrapServers()).isEqualTo("k1:9092,k2:9092");
        assertThat(settings.schemaRegistryUrl()).isEqualTo("http://reg:8081");
        assertThat(settings.clickHouseUrl()).isEqualTo("https://ch:8443");
        assertThat(settings.clickHouseUser()).isEqualTo("loader");
        assertThat(settings.clickHousePassword().reveal()).isEqualTo("secret");
        assertThat(settings.clickHouseTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(settings.createTable()).isTrue();
        assertThat(settings.bufferLimits())
                .isEqualTo(new BufferLimits(500, 1024 * 1024, Duration.ofMillis(250), 8L * 1024 * 1024));
        assertThat(settings.consumerProperties()).isEqualTo(Map.of("max.poll.records", "100", "client.rack", "r1"));
        assertThat(settings.stopAtEnd()).isTrue();
        assertThat(settings.retryBackoffMax()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.shutdownTimeout()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void helpPrintsUsageOfEveryOption() {
        assertThat(run(new ChConsumerCommand(), "run", "--help")).isZero();
        assertThat(out.toString())
                .contains(
                        "Usage: ch-consumer run",
                        "--topic=TOPIC",
                        "--group=GROUP",
                        "--table=[DB.]TABLE",
                        "--create-table",
                        "--batch-max-rows=N",
                        "--batch-max-bytes=SIZE",
                        "--batch-max-wait=DURATION",
                        "--max-buffered-bytes=SIZE",
                        "--consumer-property=KEY=VALUE",
                        "--stop-at-end",
                        "--clickhouse-url=URL",
                        "--clickhouse-user=USER",
                        "--clickhouse-password=PASSWORD",
                        "--config=FILE",
                        "--clickhouse-compression=auto|none|lz4",
                        "--deduplication-token=auto|off");
    }

    @Test
    void versionNamesTheProgramAndItsVersion() {
        assertThat(run(new ChConsumerCommand(), "--version")).isZero();
        assertThat(out.toString().strip()).matches("ch-consumer \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @Test
    void withoutTheRunCommandTheUserIsToldWhatToType() {
        assertThat(run(new ChConsumerCommand())).isEqualTo(2);
        assertThat(err.toString())
                .contains("missing command: use 'ch-consumer run --topic T --group G --table [DB.]TABLE'");
    }

    @Test
    void missingRequiredOptionsAreNamed() {
        assertThat(run(new RunCommand(false), "--topic", "t")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required options", "--group", "--table");
    }

    @Test
    void batchMaxRowsMustBePositive() {
        assertThat(runWithRequired("--batch-max-rows", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--batch-max-rows must be at least 1, was 0");
    }

    @Test
    void theBatchByteLimitMustFitTheBufferBudget() {
        assertThat(runWithRequired("--batch-max-bytes", "32MiB", "--max-buffered-bytes", "16MiB"))
                .isEqualTo(2);
        assertThat(err.toString())
                .contains("--max-buffered-bytes (16777216 bytes) must be at least --batch-max-bytes (33554432 bytes)");
    }

    @Test
    void aBatchByteLimitPastWhatOneArrayHoldsIsRefused() {
        assertThat(runWithRequired("--batch-max-bytes", "4GiB", "--max-buffered-bytes", "8GiB"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--batch-max-bytes must be between 1 byte and");
    }

    @Test
    void aSizeThatIsNoSizeNamesItsOption() {
        assertThat(runWithRequired("--batch-max-bytes", "lots")).isEqualTo(2);
        assertThat(err.toString()).contains("--batch-max-bytes", "lots");
    }

    @Test
    void aDurationThatIsNoDurationNamesItsOption() {
        assertThat(runWithRequired("--batch-max-wait", "soon")).isEqualTo(2);
        assertThat(err.toString()).contains("--batch-max-wait", "soon");
    }

    @Test
    void theBatchWaitMustBePositive() {
        assertThat(runWithRequired("--batch-max-wait", "0s")).isEqualTo(2);
        assertThat(err.toString()).contains("--batch-max-wait must be a positive duration, was PT0S");
    }

    @Test
    void consumerPropertiesTheProgramOwnsAreRefused() {
        assertThat(runWithRequired("--consumer-property", "enable.auto.commit=true"))
                .isEqualTo(2);
        assertThat(err.toString())
                .contains("--consumer-property enable.auto.commit is set by ch-consumer itself and cannot be changed");
    }

    @Test
    void urlsMustBeHttp() {
        assertThat(runWithRequired("--clickhouse-url", "ftp://ch:21")).isEqualTo(2);
        assertThat(err.toString())
                .contains("--clickhouse-url 'ftp://ch:21' must be an http:// or https:// URL with a host");
    }

    @Test
    void aRegistryUrlThatIsNoUrlIsRefused() {
        assertThat(runWithRequired("--schema-registry", "http://a b")).isEqualTo(2);
        assertThat(err.toString()).contains("--schema-registry 'http://a b' is not a URL");
    }

    @Test
    void aTableNameWithAnEmptyPartIsRefused() {
        assertThat(run(new RunCommand(false), "--topic", "t", "--group", "g", "--table", "db."))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--table: 'db.' is not a table name of the form TABLE or DB.TABLE");
    }

    @Test
    void theRetryBackoffCapMayNotBeBelowTheFirstRetry() {
        assertThat(runWithRequired("--retry-backoff-max", "100ms")).isEqualTo(2);
        assertThat(err.toString()).contains("--retry-backoff-max must be at least 200ms");
    }

    @Test
    void optionsComeFromAConfigFileAndAreValidatedTheSame(@TempDir Path directory) throws IOException {
        Path config = directory.resolve("consumer.properties");
        Files.writeString(config, "topic=trades\ngroup=loader\ntable=trades\nbatch-max-rows=-5\n");
        assertThat(run(new RunCommand(false), "--config", config.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--batch-max-rows must be at least 1, was -5");
    }

    @Test
    void anUnknownKeyInTheConfigFileIsNamed(@TempDir Path directory) throws IOException {
        Path config = directory.resolve("consumer.properties");
        Files.writeString(config, "topic=trades\ngroup=loader\ntable=trades\nbatch-max-rowz=5\n");
        assertThat(run(new RunCommand(false), "--config", config.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("batch-max-rowz");
    }
}
