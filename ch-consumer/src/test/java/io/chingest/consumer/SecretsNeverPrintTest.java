package io.chingest.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.chingest.testing.SecretWatchedCommandLine;
import io.chingest.testing.SelfSignedCertificate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * ch-consumer given credentials by every route (flags, CH_INGEST_* variables, --config file, --kafka-config file,
 * password files), each time with a bad value elsewhere that makes it stop with an error: the error names what is
 * wrong, and no output, --help text or settings dump holds a credential. (Runs that reach Kafka and ClickHouse with
 * wrong credentials are checked by SaslPlainIT.)
 */
class SecretsNeverPrintTest {
    private static final String[] REQUIRED = {"run", "--topic", "trades", "--group", "loader", "--table", "t"};

    @TempDir
    Path dir;

    private final SecretWatchedCommandLine commandLine = new SecretWatchedCommandLine(ChConsumerCommand::new, "Zq8");

    private String secret(String name) {
        return commandLine.secret(name);
    }

    private String jaas(String password) {
        return commandLine.jaas("org.apache.kafka.common.security.plain.PlainLoginModule", password);
    }

    /** {@code run} with the options it requires and {@code args}. */
    private int run(Map<String, String> environment, String... args) {
        List<String> all = new ArrayList<>(List.of(REQUIRED));
        all.addAll(List.of(args));
        return commandLine.execute(environment, all.toArray(String[]::new));
    }

    /** The run command's options parsed from those it requires and {@code args}, not run. */
    private static RunCommand parsed(String... args) {
        List<String> all = new ArrayList<>(List.of(REQUIRED).subList(1, REQUIRED.length));
        all.addAll(List.of(args));
        RunCommand command = new RunCommand(false);
        new CommandLine(command).parseArgs(all.toArray(String[]::new));
        return command;
    }

    @Test
    void flagsWithABadValueElsewhere() {
        assertThat(run(
                        Map.of(),
                        "--clickhouse-password",
                        secret("ch"),
                        "--schema-registry-user-info",
                        "reader:" + secret("reg"),
                        "--consumer-property",
                        "sasl.jaas.config=" + jaas(secret("jaas")),
                        "--batch-max-rows",
                        "0"))
                .isEqualTo(2);

        assertThat(commandLine.err())
                .contains(
                        "--batch-max-rows must be at least 1, was 0",
                        "warning: --clickhouse-password is given on the command line",
                        "warning: --schema-registry-user-info is given on the command line",
                        "warning: --consumer-property sasl.jaas.config=... is given on the command line");
    }

    @Test
    void aSecretKafkaPropertyAmongRepeatedOnesIsWarnedOfOnce() {
        assertThat(run(
                        Map.of(),
                        "--consumer-property",
                        "security.protocol=SASL_PLAINTEXT",
                        "--consumer-property",
                        "sasl.mechanism=PLAIN",
                        "--consumer-property",
                        "sasl.jaas.config=" + jaas(secret("jaas")),
                        "--batch-max-rows",
                        "0"))
                .isEqualTo(2);

        assertThat(commandLine.err().lines().filter(line -> line.contains("warning:")))
                .containsExactly(
                        "ch-consumer: warning: --consumer-property sasl.jaas.config=... is given on the command"
                                + " line, where every user of this host can read it (ps); put it in a --kafka-config FILE"
                                + " instead");
    }

    @Test
    void environmentWithAMissingTruststore() {
        Path missing = dir.resolve("missing.p12");

        assertThat(run(Map.of(
                        "CH_INGEST_CLICKHOUSE_PASSWORD",
                        secret("ch"),
                        "CH_INGEST_SCHEMA_REGISTRY_BEARER_TOKEN",
                        secret("token"),
                        "CH_INGEST_CONSUMER_PROPERTY",
                        "security.protocol=SASL_SSL;sasl.jaas.config=" + jaas(secret("jaas")),
                        "CH_INGEST_SCHEMA_REGISTRY_TRUSTSTORE",
                        missing.toString(),
                        "CH_INGEST_SCHEMA_REGISTRY_TRUSTSTORE_PASSWORD",
                        secret("ts"))))
                .isEqualTo(2);

        assertThat(commandLine.err())
                .contains("--schema-registry-truststore", missing + " is not a file")
                .doesNotContain("warning");
    }

    @Test
    void configFileWithAnUnknownKey() throws Exception {
        Path config = Files.writeString(
                dir.resolve("consumer.properties"),
                String.join(
                        "\n",
                        "clickhouse-password=" + secret("ch"),
                        "schema-registry-user-info=reader:" + secret("reg"),
                        "consumer-property=ssl.keystore.password=" + secret("ks") + ";sasl.jaas.config="
                                + jaas(secret("jaas")),
                        "batch-max-rowz=5",
                        ""),
                StandardCharsets.UTF_8);

        assertThat(run(Map.of(), "--config", config.toString())).isEqualTo(2);

        assertThat(commandLine.err()).contains("unknown key 'batch-max-rowz' in config file " + config + " line 4");
    }

    @Test
    void kafkaConfigFileWithAReservedKey() throws Exception {
        Path kafka = Files.writeString(
                dir.resolve("kafka.properties"),
                String.join(
                        "\n",
                        "security.protocol=SASL_SSL",
                        "sasl.jaas.config=" + jaas(secret("jaas")),
                        "ssl.truststore.password=" + secret("ts"),
                        "group.id=someone-else",
                        ""),
                StandardCharsets.UTF_8);

        assertThat(run(Map.of(), "--kafka-config", kafka.toString())).isEqualTo(2);

        assertThat(commandLine.err())
                .contains("key 'group.id' in config file " + kafka + " line 4 is set by ch-consumer itself");
    }

    @Test
    void aPasswordFileAndAPasswordTogether() throws Exception {
        Path file = Files.writeString(dir.resolve("ch-password"), secret("file") + "\n");

        assertThat(run(
                        Map.of("CH_INGEST_CLICKHOUSE_PASSWORD", secret("env")),
                        "--clickhouse-password-file",
                        file.toString()))
                .isEqualTo(2);

        assertThat(commandLine.err())
                .contains("give either --clickhouse-password or --clickhouse-password-file, not both");
    }

    @Test
    void aTruststoreWithAWrongPassword() {
        SelfSignedCertificate certificate = SelfSignedCertificate.create(dir, "key-pass");
        Path store = certificate.trustStore("PKCS12", secret("right"));

        assertThat(run(
                        Map.of("CH_INGEST_CLICKHOUSE_TRUSTSTORE_PASSWORD", secret("wrong")),
                        "--clickhouse-url",
                        "https://ch:8443",
                        "--clickhouse-truststore",
                        store.toString()))
                .isEqualTo(2);

        assertThat(commandLine.err()).contains("--clickhouse-truststore", store + " cannot be opened: wrong password");
    }

    @Test
    void urlsWithUserInfo() {
        assertThat(run(Map.of(), "--clickhouse-url", "https://loader:" + secret("url") + "@ch:8443"))
                .isEqualTo(2);
        assertThat(run(Map.of(), "--schema-registry", "https://reader:" + secret("url") + "@reg:8081"))
                .isEqualTo(2);

        assertThat(commandLine.err())
                .contains(
                        "--clickhouse-url 'https://[hidden]@ch:8443' must not carry USER:PASSWORD@",
                        "--schema-registry 'https://[hidden]@reg:8081' must not carry USER:PASSWORD@");
    }

    @Test
    void anEntryWithoutEqualsSign() {
        assertThat(run(Map.of("CH_INGEST_CONSUMER_PROPERTY", secret("pasted")), "--stop-at-end"))
                .isEqualTo(2);

        assertThat(commandLine.err())
                .contains("Invalid value for option '--consumer-property': every entry must be KEY=VALUE");
    }

    @Test
    void aSemicolonNotFollowedByAKeyStaysInTheValueBeforeIt() {
        RunCommand command = parsed("--consumer-property", "security.protocol=SASL_SSL;not a key; client.id=x");

        assertThat(command.options().consumerProperties())
                .isEqualTo(Map.of("security.protocol", "SASL_SSL;not a key", "client.id", "x"));
    }

    @Test
    void helpWithSecretsInTheEnvironment() {
        int code = commandLine.execute(
                Map.of(
                        "CH_INGEST_CLICKHOUSE_PASSWORD",
                        secret("ch"),
                        "CH_INGEST_SCHEMA_REGISTRY_USER_INFO",
                        "r:" + secret("reg"),
                        "CH_INGEST_CONSUMER_PROPERTY",
                        "sasl.jaas.config=" + jaas(secret("jaas"))),
                "run",
                "--help");

        assertThat(code).isZero();
        assertThat(commandLine.out())
                .contains(
                        "--kafka-config=FILE",
                        "--clickhouse-password-file=FILE",
                        "--clickhouse-truststore=FILE",
                        "--schema-registry-user-info=USER:PASSWORD",
                        "--schema-registry-bearer-token-file=FILE",
                        "--schema-registry-truststore=FILE");
        commandLine.assertNoSecretPrinted();
    }

    @Test
    void theSettingsDumpHidesEveryCredential() throws Exception {
        Path kafka = Files.writeString(
                dir.resolve("kafka.properties"),
                "sasl.jaas.config=" + jaas(secret("jaas")) + "\n" + "ssl.truststore.password=" + secret("ts") + "\n");
        RunCommand command = parsed(
                "--kafka-config",
                kafka.toString(),
                "--clickhouse-password",
                secret("ch"),
                "--schema-registry-user-info",
                "reader:" + secret("reg"),
                "--consumer-property",
                "ssl.key.password=" + secret("key"));

        ConsumerSettings.Options options = command.options();
        ConsumerSettings settings = options.validated();

        assertThat(settings.consumerProperties())
                .containsKeys("sasl.jaas.config", "ssl.truststore.password", "ssl.key.password");
        for (String dump : List.of(settings.toString(), options.toString())) {
            assertThat(dump).contains("sasl.jaas.config=[hidden]", "clickHousePassword=[hidden]");
            commandLine.assertNoSecretIn(dump);
        }
    }
}
