package io.chingest.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.chingest.common.availability.ServiceUnavailableException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

class CommandLineRunnerTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Command(name = "app", mixinStandardHelpOptions = true)
    static final class App implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(
                names = {"-b", "--bootstrap-servers"},
                required = true)
        String bootstrapServers;

        @Option(names = "--topic", defaultValue = "events")
        String topic;

        @Option(names = "--batch-bytes", converter = ByteSizeConverter.class, defaultValue = "1MiB")
        long batchBytes;

        @Option(names = "--linger", defaultValue = "5ms")
        Duration linger;

        @Option(names = "--dry-run")
        boolean dryRun;

        @Override
        public Integer call() {
            spec.commandLine()
                    .getOut()
                    .printf(
                            "bootstrap-servers=%s topic=%s batch-bytes=%d linger=%s dry-run=%b%n",
                            bootstrapServers, topic, batchBytes, linger, dryRun);
            return 0;
        }
    }

    @Command(name = "unavailable")
    static final class Unavailable implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new ServiceUnavailableException("Kafka", "127.0.0.1:1", "no broker answered within 1 s", null);
        }
    }

    @Command(name = "failing")
    static final class Failing implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("table db.t does not exist");
        }
    }

    @Command(name = "partial")
    static final class Partial implements Callable<Integer> {
        @Override
        public Integer call() {
            return 3;
        }
    }

    @Command(name = "documented")
    static final class DeclaresConfigForHelp implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--config", paramLabel = "FILE", description = "the settings file")
        Path config;

        @Option(names = "--topic")
        String topic;

        @Override
        public Integer call() {
            spec.commandLine().getOut().printf("topic=%s%n", topic);
            return 0;
        }
    }

    @Command(
            name = "tool",
            mixinStandardHelpOptions = true,
            subcommands = {Load.class, Check.class})
    static final class Tool implements Runnable {
        @Option(names = "--registry-url", required = true)
        String registryUrl;

        @Override
        public void run() {}
    }

    @Command(name = "load", mixinStandardHelpOptions = true)
    static final class Load implements Callable<Integer> {
        @ParentCommand
        Tool tool;

        @Spec
        CommandSpec spec;

        @Option(names = "--table", required = true)
        String table;

        @Option(names = "--threads", defaultValue = "1")
        int threads;

        @Override
        public Integer call() {
            spec.commandLine()
                    .getOut()
                    .printf("registry-url=%s table=%s threads=%d%n", tool.registryUrl, table, threads);
            return 0;
        }
    }

    @Command(name = "check")
    static final class Check implements Callable<Integer> {
        @Option(names = "--strict")
        boolean strict;

        @Override
        public Integer call() {
            return strict ? 0 : 4;
        }
    }

    private Path configFile(String... lines) throws IOException {
        Path file = dir.resolve("app.properties");
        Files.write(file, java.util.List.of(lines), StandardCharsets.UTF_8);
        return file;
    }

    private int run(Object command, Map<String, String> environment, String... args) {
        return CommandLineRunner.execute(
                command, args, environment, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void anOptionErrorIsTheErrorAndOneHintNotTheUsage() {
        int exit = run(new App(), Map.of(), "--batch-bytes", "lots");

        assertThat(exit).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().lines()).hasSize(2);
        assertThat(err.toString()).endsWith("\nTry 'app --help' for more information.\n");
        assertThat(err.toString()).contains("--batch-bytes").doesNotContain("Usage:");
    }

    @Test
    void aServiceUnavailableFromTheCommandExitsFive() {
        int exit = run(new Unavailable(), Map.of());

        assertThat(exit).isEqualTo(ExitCodes.SERVICE_UNAVAILABLE);
        assertThat(err.toString()).isEqualTo("Kafka at 127.0.0.1:1: no broker answered within 1 s\n");
    }

    @Test
    void builtInDefaultsApplyWithoutFileOrEnvironment() {
        int exit = run(new App(), Map.of(), "--bootstrap-servers", "flag:9092");

        assertThat(exit).isZero();
        assertThat(out.toString())
                .isEqualTo(
                        "bootstrap-servers=flag:9092 topic=events batch-bytes=1048576 linger=PT0.005S dry-run=false\n");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void configFileSuppliesOptionValues() throws IOException {
        Path file = configFile(
                "# the local stack",
                "bootstrap-servers=file:9092",
                "topic = orders",
                "batch-bytes=16MiB",
                "linger=2s",
                "dry-run=true");

        int exit = run(new App(), Map.of(), "--config", file.toString());

        assertThat(exit).isZero();
        assertThat(out.toString())
                .isEqualTo("bootstrap-servers=file:9092 topic=orders batch-bytes=16777216 linger=PT2S dry-run=true\n");
    }

    @Test
    void environmentOverridesTheFile() throws IOException {
        Path file = configFile("bootstrap-servers=file:9092", "topic=orders");

        int exit = run(
                new App(),
                Map.of(
                        "CH_INGEST_BOOTSTRAP_SERVERS",
                        "env:9092",
                        "CH_INGEST_BATCH_BYTES",
                        "2KiB",
                        "CH_INGEST_DRY_RUN",
                        "true"),
                "--config=" + file);

        assertThat(exit).isZero();
        assertThat(out.toString())
                .isEqualTo("bootstrap-servers=env:9092 topic=orders batch-bytes=2048 linger=PT0.005S dry-run=true\n");
    }

    @Test
    void flagsOverrideEnvironmentAndFile() throws IOException {
        Path file = configFile("bootstrap-servers=file:9092", "topic=orders", "linger=1m");

        int exit = run(
                new App(),
                Map.of("CH_INGEST_BOOTSTRAP_SERVERS", "env:9092", "CH_INGEST_TOPIC", "env-topic"),
                "--config",
                file.toString(),
                "-b",
                "flag:9092",
                "--linger",
                "PT3S");

        assertThat(exit).isZero();
        assertThat(out.toString())
                .isEqualTo(
                        "bootstrap-servers=flag:9092 topic=env-topic batch-bytes=1048576 linger=PT3S dry-run=false\n");
    }

    @Test
    void configVariableNamesTheFileWhenNoFlagDoes() throws IOException {
        Path file = configFile("bootstrap-servers=file:9092");
        Path other = dir.resolve("other.properties");
        Files.writeString(other, "bootstrap-servers=other:9092\n");

        assertThat(run(new App(), Map.of("CH_INGEST_CONFIG", file.toString()))).isZero();
        assertThat(run(new App(), Map.of("CH_INGEST_CONFIG", file.toString()), "--config", other.toString()))
                .isZero();

        assertThat(out.toString())
                .isEqualTo(
                        "bootstrap-servers=file:9092 topic=events batch-bytes=1048576 linger=PT0.005S dry-run=false\n"
                                + "bootstrap-servers=other:9092 topic=events batch-bytes=1048576 linger=PT0.005S dry-run=false\n");
    }

    @Test
    void unknownKeyInTheFileIsAUsageErrorNamingKeyFileAndLine() throws IOException {
        Path file = configFile("topic=orders", "bootstrap-server=file:9092");

        int exit = run(new App(), Map.of(), "--config", file.toString(), "-b", "flag:9092");

        assertThat(exit).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString())
                .isEqualTo("unknown key 'bootstrap-server' in config file " + file + " line 2\n"
                        + "known keys: batch-bytes, bootstrap-servers, dry-run, linger, topic (as environment variables: "
                        + "CH_INGEST_BATCH_BYTES, CH_INGEST_BOOTSTRAP_SERVERS, CH_INGEST_DRY_RUN, CH_INGEST_LINGER, CH_INGEST_TOPIC)\n"
                        + "Try 'app --help' for more information.\n");
    }

    @Test
    void helpVersionAndConfigCannotBeSetInTheFile() throws IOException {
        Path file = configFile("help=true", "version=true", "config=other.properties");

        int exit = run(new App(), Map.of(), "--config", file.toString(), "-b", "flag:9092");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .startsWith("unknown key 'config' in config file " + file
                        + " line 3 (a config file cannot name another one)\n"
                        + "unknown key 'help' in config file " + file + " line 1\n"
                        + "unknown key 'version' in config file " + file + " line 2\n");
    }

    @Test
    void unknownChIngestVariableIsAUsageErrorNamingTheVariable() {
        int exit = run(
                new App(),
                Map.of("CH_INGEST_BOOTSTRAP_SERVER", "env:9092", "PATH", "/usr/bin", "CH_INGESTX", "1"),
                "-b",
                "flag:9092");

        assertThat(exit).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).startsWith("unknown environment variable CH_INGEST_BOOTSTRAP_SERVER\nknown keys: ");
    }

    @Test
    void missingConfigFileIsAUsageErrorNamingThePath() {
        Path missing = dir.resolve("missing.properties");

        int exit = run(new App(), Map.of(), "--config", missing.toString(), "-b", "flag:9092");

        assertThat(exit).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString())
                .isEqualTo("config file " + missing + " (from --config) does not exist\n"
                        + "Try 'app --help' for more information.\n");
    }

    @Test
    void missingFileNamedByTheVariableSaysSo() {
        Path missing = dir.resolve("missing.properties");

        int exit = run(new App(), Map.of("CH_INGEST_CONFIG", missing.toString()), "-b", "flag:9092");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("config file " + missing + " (from CH_INGEST_CONFIG) does not exist\n");
    }

    @Test
    void directoryAsConfigFileIsAUsageError() {
        int exit = run(new App(), Map.of(), "--config", dir.toString(), "-b", "flag:9092");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("config file " + dir + " (from --config) is a directory\n");
    }

    @Test
    void configFileOverTheSizeLimitIsRefusedUnread() throws IOException {
        Path big = dir.resolve("big.properties");
        Files.write(big, new byte[(int) ConfigFile.MAX_FILE_BYTES + 1]);
        Path limit = dir.resolve("limit.properties");
        byte[] atLimit = new byte[(int) ConfigFile.MAX_FILE_BYTES];
        java.util.Arrays.fill(atLimit, (byte) '#');
        Files.write(limit, atLimit);

        assertThat(run(new App(), Map.of(), "--config", big.toString(), "-b", "x"))
                .isEqualTo(2);
        assertThat(run(new App(), Map.of(), "--config", limit.toString(), "-b", "x"))
                .isZero();

        assertThat(err.toString())
                .isEqualTo("config file " + big + " (from --config) has 1048577 bytes, more than the "
                        + "1048576-byte limit for a properties file\nTry 'app --help' for more information.\n");
    }

    @Test
    void configFileThatIsNotUtf8IsAUsageError() throws IOException {
        Path file = dir.resolve("latin1.properties");
        Files.write(file, new byte[] {'t', 'o', 'p', 'i', 'c', '=', (byte) 0xe9, '\n'});

        int exit = run(new App(), Map.of(), "--config", file.toString(), "-b", "x");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("config file " + file + " (from --config) is not UTF-8 text\n");
    }

    @Test
    void configGivenTwiceIsAUsageError() throws IOException {
        Path file = configFile("topic=orders");

        int exit = run(new App(), Map.of(), "--config", file.toString(), "-b", "x", "--config=" + file);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("--config is given more than once ('" + file + "' and '" + file + "')\n");
    }

    @Test
    void environmentVariablesAreThoseOfEveryOptionOfEveryCommandAndTheConfigVariable() {
        assertThat(CommandLineRunner.environmentVariables(new Tool()))
                .containsExactly(
                        "CH_INGEST_CONFIG",
                        "CH_INGEST_REGISTRY_URL",
                        "CH_INGEST_STRICT",
                        "CH_INGEST_TABLE",
                        "CH_INGEST_THREADS");
    }

    @Test
    void invalidValueInTheFileNamesFileLineAndKey() throws IOException {
        Path file = configFile("bootstrap-servers=file:9092", "", "batch-bytes=12XB");

        int exit = run(new App(), Map.of(), "--config", file.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString())
                .startsWith("Invalid value for option '--batch-bytes': '12XB' is not a byte size: "
                        + "unknown unit 'XB', expected B, KB, MB, GB, TB, KiB, MiB, GiB or TiB (from config file "
                        + file
                        + " line 3, key batch-bytes)\n");
    }

    @Test
    void invalidValueInTheEnvironmentNamesTheVariable() {
        int exit = run(new App(), Map.of("CH_INGEST_LINGER", "soon"), "-b", "x");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .startsWith("Invalid value for option '--linger': 'soon' is not a duration: expected a "
                        + "whole number with unit ms, s, m, h or d (e.g. 500ms, 5s, 2m) or ISO-8601 like PT5S "
                        + "(from environment variable CH_INGEST_LINGER)\n");
    }

    @Test
    void invalidFlagValueIsReportedWithoutASource() {
        int exit = run(new App(), Map.of("CH_INGEST_LINGER", "1s"), "-b", "x", "--linger", "soon");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .startsWith("Invalid value for option '--linger': 'soon' is not a duration: expected a "
                        + "whole number with unit ms, s, m, h or d (e.g. 500ms, 5s, 2m) or ISO-8601 like PT5S\n");
    }

    @Test
    void missingRequiredOptionIsAUsageError() {
        int exit = run(new App(), Map.of());

        assertThat(exit).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).startsWith("Missing required option: '--bootstrap-servers=<bootstrapServers>'\n");
    }

    @Test
    void commandExceptionExitsWithOneAndPrintsOnlyTheMessage() {
        int exit = run(new Failing(), Map.of());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo("table db.t does not exist\n");
    }

    @Test
    void verbosePropertyAddsTheStackTrace() {
        System.setProperty(CommandLineRunner.VERBOSE_PROPERTY, "true");
        try {
            assertThat(run(new Failing(), Map.of())).isEqualTo(1);
        } finally {
            System.clearProperty(CommandLineRunner.VERBOSE_PROPERTY);
        }

        assertThat(err.toString())
                .startsWith("table db.t does not exist\njava.lang.IllegalStateException: table db.t does not exist\n")
                .contains("\tat io.chingest.common.config.CommandLineRunnerTest$Failing.call(");
    }

    @Test
    void commandsOwnExitCodeIsReturned() {
        assertThat(run(new Partial(), Map.of())).isEqualTo(3);
    }

    @Test
    void helpListsTheConfigOption() {
        int exit = run(new App(), Map.of(), "--help");

        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("Usage: app ").contains("--config=FILE");
    }

    @Test
    void commandMayDeclareConfigForItsHelpText() throws IOException {
        Path file = configFile("topic=declared");

        int exit = run(new DeclaresConfigForHelp(), Map.of(), "--config", file.toString());

        assertThat(exit).isZero();
        assertThat(out.toString()).isEqualTo("topic=declared\n");
    }

    @Test
    void requiredOptionsOfParentAndSubcommandMayComeFromEnvironmentAndFile() throws IOException {
        Path file = configFile("table=db.t", "threads=4", "strict=true");

        int exit = run(
                new Tool(), Map.of("CH_INGEST_REGISTRY_URL", "http://registry"), "load", "--config", file.toString());

        assertThat(exit).isZero();
        assertThat(out.toString()).isEqualTo("registry-url=http://registry table=db.t threads=4\n");
    }

    @Test
    void flagOfASubcommandOverridesItsFileKey() throws IOException {
        Path file = configFile("registry-url=http://file", "table=db.t", "threads=4");

        int exit = run(
                new Tool(),
                Map.of(),
                "--config",
                file.toString(),
                "--registry-url",
                "http://flag",
                "load",
                "--threads",
                "8");

        assertThat(exit).isZero();
        assertThat(out.toString()).isEqualTo("registry-url=http://flag table=db.t threads=8\n");
    }

    @Test
    void keysApplyOnlyToTheSubcommandBeingRun() throws IOException {
        Path file = configFile("registry-url=http://file", "table=db.t", "strict=true");

        int exit = run(new Tool(), Map.of(), "--config", file.toString(), "check");

        assertThat(exit).isZero();
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void unknownKeyWithSubcommandsListsTheKeysOfAllCommands() throws IOException {
        Path file = configFile("registry-url=http://file", "tabel=db.t");

        int exit = run(new Tool(), Map.of(), "--config", file.toString(), "load");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .startsWith("unknown key 'tabel' in config file " + file + " line 2\n"
                        + "known keys: registry-url, strict, table, threads (");
    }
}
