package io.chingest.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Kafka client settings from --kafka-config and from ';'-separated property entries given by flag, config file or
 * environment; secrets on the command line are warned about, and a value that may hold a secret is never quoted.
 */
class KafkaClientSettingsTest {
    private static final String JAAS =
            "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"svc\""
                    + " password=\"jaas-pw-1\";";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Command(name = "client")
    static final class Client implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--client-property", split = KafkaClientSettings.ENTRY_SEPARATOR)
        Map<String, String> properties = new LinkedHashMap<>();

        @Option(names = "--kafka-config")
        String kafkaConfig;

        @Option(names = "--db-password")
        String password;

        @Option(names = "--db-password-file")
        Path passwordFile;

        Map<String, String> combined;

        @Override
        public Integer call() {
            try {
                SecretOptions.secret("--db-password", password, "--db-password-file", passwordFile);
                combined = KafkaClientSettings.combine(
                        kafkaConfig, "--client-property", properties, Set.of("group.id"), "client");
            } catch (InvalidOptionException e) {
                throw e.asParameterException(spec);
            }
            return 0;
        }
    }

    private int run(Client client, Map<String, String> environment, String... args) {
        return CommandLineRunner.execute(
                client, args, environment, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void oneVariableHoldsSeveralSettingsAndTheJaasSemicolonStaysInItsValue() {
        Client client = new Client();

        int code = run(
                client,
                Map.of(
                        "CH_INGEST_CLIENT_PROPERTY",
                        "security.protocol=SASL_SSL; sasl.mechanism=PLAIN;sasl.jaas.config=" + JAAS));

        assertThat(code).as(err::toString).isZero();
        assertThat(client.combined)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN", "sasl.jaas.config", JAAS));
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void twoJaasModulesInOneValueStayOneEntry() {
        String twoModules = "a.B required x=\"1\"; c.D optional y=\"2\";";
        Client client = new Client();

        assertThat(run(client, Map.of(), "--client-property", "sasl.jaas.config=" + twoModules + ";linger.ms=5"))
                .isZero();

        assertThat(client.combined)
                .containsExactlyInAnyOrderEntriesOf(Map.of("sasl.jaas.config", twoModules, "linger.ms", "5"));
    }

    @Test
    void theFileGivesSettingsThatEntriesOverride() throws Exception {
        Path file = Files.writeString(
                dir.resolve("kafka.properties"),
                "security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\n" + "sasl.jaas.config=" + JAAS + "\n",
                StandardCharsets.UTF_8);
        Client client = new Client();

        assertThat(run(
                        client,
                        Map.of(),
                        "--kafka-config",
                        file.toString(),
                        "--client-property",
                        "sasl.mechanism=SCRAM-SHA-512"))
                .as(err::toString)
                .isZero();

        assertThat(client.combined)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", JAAS));
    }

    @Test
    void aReservedKeyInTheFileIsNamedWithItsLine() throws Exception {
        Path file =
                Files.writeString(dir.resolve("kafka.properties"), "ssl.truststore.password=ts-pw-2\ngroup.id=other\n");

        assertThatThrownBy(() -> KafkaClientSettings.combine(
                        file.toString(), "--client-property", Map.of(), Set.of("group.id"), "client"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("Invalid value for option '--kafka-config': key 'group.id' in config file " + file
                        + " line 2 is set by client itself and cannot be changed");
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("missing.properties");

        assertThatThrownBy(() -> KafkaClientSettings.combine(
                        missing.toString(), "--client-property", Map.of(), Set.of(), "client"))
                .hasMessage("Invalid value for option '--kafka-config': config file " + missing
                        + " (from --kafka-config) does not exist");
    }

    @Test
    void aSecretOnTheCommandLineIsWarnedAboutButNotOneFromTheEnvironment() {
        assertThat(run(
                        new Client(),
                        Map.of("CH_INGEST_CLIENT_PROPERTY", "sasl.jaas.config=" + JAAS),
                        "--db-password",
                        "db-pw-3",
                        "--client-property",
                        "ssl.key.password=key-pw-4"))
                .isZero();

        assertThat(err.toString())
                .isEqualTo(String.join(
                        System.lineSeparator(),
                        "client: warning: --db-password is given on the command line, where every user of this host can read it (ps);"
                                + " use --db-password-file FILE or the environment variable CH_INGEST_DB_PASSWORD instead",
                        "client: warning: --client-property ssl.key.password=... is given on the command line, where every user of"
                                + " this host can read it (ps); put it in a --kafka-config FILE instead",
                        ""));
    }

    @Test
    void anEntryThatPicocliCannotReadIsReportedWithoutItsValue() {
        assertThat(run(new Client(), Map.of("CH_INGEST_CLIENT_PROPERTY", "no-equals-sign-pw-5")))
                .isEqualTo(2);

        assertThat(err.toString())
                .startsWith(
                        "Invalid value for option '--client-property': every entry must be KEY=VALUE"
                                + " (the value is not shown: it may hold a secret) (from environment variable CH_INGEST_CLIENT_PROPERTY)")
                .doesNotContain("no-equals-sign-pw-5");
    }

    @Test
    void aPasswordAndItsFileTogetherAreRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("pw"), "file-pw-6\n");

        assertThat(run(
                        new Client(),
                        Map.of("CH_INGEST_DB_PASSWORD", "env-pw-7"),
                        "--db-password-file",
                        file.toString()))
                .isEqualTo(2);

        assertThat(err.toString())
                .startsWith("Invalid value for option '--db-password-file': give either --db-password or"
                        + " --db-password-file, not both")
                .doesNotContain("file-pw-6")
                .doesNotContain("env-pw-7");
    }
}
