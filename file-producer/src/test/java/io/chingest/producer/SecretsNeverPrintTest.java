package io.chingest.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.chingest.testing.SecretWatchedCommandLine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * file-producer send and watch given credentials by every route (flags, CH_INGEST_* variables, --config file,
 * --kafka-config file, secret files), each time with a bad value elsewhere that stops it with an error: the error names
 * what is wrong, and no output, --help text or settings dump holds a credential. (Runs against a broker with wrong
 * credentials are checked by ch-consumer's SaslPlainIT.)
 */
class SecretsNeverPrintTest {

    @TempDir
    Path dir;

    private Path schema;
    private Path data;
    private final SecretWatchedCommandLine commandLine = new SecretWatchedCommandLine(FileProducerCommand::new, "Xk3");

    @BeforeEach
    void files() throws Exception {
        schema = Files.writeString(
                dir.resolve("order.avsc"),
                "{\"type\": \"record\", \"name\": \"Order\", \"fields\": [{\"name\": \"id\", \"type\": \"long\"}]}");
        data = Files.writeString(dir.resolve("orders.csv"), "id\n1\n");
    }

    private String secret(String name) {
        return commandLine.secret(name);
    }

    private String jaas(String password) {
        return commandLine.jaas("org.apache.kafka.common.security.scram.ScramLoginModule", password);
    }

    private int send(Map<String, String> environment, String... args) {
        List<String> all = new ArrayList<>(List.of("send", "--topic", "orders", "--schema", schema.toString()));
        all.addAll(List.of(args));
        all.add(data.toString());
        return execute(environment, all.toArray(String[]::new));
    }

    private int execute(Map<String, String> environment, String... args) {
        return commandLine.execute(environment, args);
    }

    @Test
    void flagsWithABadValueElsewhere() {
        assertThat(send(
                        Map.of(),
                        "--producer-property",
                        "sasl.jaas.config=" + jaas(secret("jaas")),
                        "--schema-registry-bearer-token",
                        secret("token"),
                        "--chunk-rows",
                        "0"))
                .isEqualTo(2);

        assertThat(commandLine.err())
                .contains(
                        "--chunk-rows",
                        "must be at least 1",
                        "warning: --producer-property sasl.jaas.config=... is given on the command line",
                        "warning: --schema-registry-bearer-token is given on the command line, where every user of this host can read it"
                                + " (ps); use --schema-registry-bearer-token-file FILE or the environment variable"
                                + " CH_INGEST_SCHEMA_REGISTRY_BEARER_TOKEN instead");
    }

    @Test
    void environmentWithAnInvalidProducerSetting() {
        assertThat(send(Map.of(
                        "CH_INGEST_PRODUCER_PROPERTY",
                        "security.protocol=SASL_SSL;sasl.jaas.config=" + jaas(secret("jaas")) + ";linger.ms=soon",
                        "CH_INGEST_SCHEMA_REGISTRY_USER_INFO",
                        "writer:" + secret("reg"))))
                .isEqualTo(2);

        assertThat(commandLine.err())
                .contains("Invalid value soon for configuration linger.ms")
                .doesNotContain("warning");
    }

    @Test
    void configFileWithABothPasswordsGiven() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), secret("file-token") + "\n");
        Path config = Files.writeString(
                dir.resolve("producer.properties"),
                String.join(
                        "\n",
                        "schema-registry-user-info=writer:" + secret("reg"),
                        "schema-registry-bearer-token-file=" + token,
                        "producer-property=ssl.keystore.password=" + secret("ks") + ";sasl.jaas.config="
                                + jaas(secret("jaas")),
                        ""),
                StandardCharsets.UTF_8);

        assertThat(send(Map.of(), "--config", config.toString())).isEqualTo(2);

        assertThat(commandLine.err())
                .contains("give either --schema-registry-user-info (basic auth) or --schema-registry-bearer-token,"
                        + " not both");
    }

    @Test
    void kafkaConfigFileWithAReservedAndAnUnknownKey() throws Exception {
        Path reserved = Files.writeString(
                dir.resolve("reserved.properties"), "sasl.jaas.config=" + jaas(secret("jaas")) + "\n" + "acks=1\n");
        Path unknown = Files.writeString(
                dir.resolve("unknown.properties"),
                "sasl.jaas.config=" + jaas(secret("jaas")) + "\n" + "ssl.truststore.password=" + secret("ts")
                        + "\ngroup.id=not-a-producer-setting\n");

        assertThat(send(Map.of(), "--kafka-config", reserved.toString())).isEqualTo(2);
        assertThat(commandLine.err())
                .contains("key 'acks' in config file " + reserved + " line 2 is set by file-producer itself");
        assertThat(send(Map.of(), "--kafka-config", unknown.toString())).isEqualTo(2);
        assertThat(commandLine.err()).contains("'group.id' is not a Kafka producer property");
    }

    @Test
    void watchWithAnEmptySecretFile() throws Exception {
        Path empty = Files.writeString(dir.resolve("user-info"), "\n");

        assertThat(execute(
                        Map.of("CH_INGEST_PRODUCER_PROPERTY", "sasl.jaas.config=" + jaas(secret("jaas"))),
                        "watch",
                        dir.resolve("spool").toString(),
                        "--topic",
                        "orders",
                        "--schema",
                        schema.toString(),
                        "--schema-registry-user-info-file",
                        empty.toString()))
                .isEqualTo(2);

        assertThat(commandLine.err()).contains("--schema-registry-user-info-file", empty + " is empty");
    }

    @Test
    void helpWithSecretsInTheEnvironment() {
        assertThat(execute(
                        Map.of(
                                "CH_INGEST_PRODUCER_PROPERTY",
                                "sasl.jaas.config=" + jaas(secret("jaas")),
                                "CH_INGEST_SCHEMA_REGISTRY_USER_INFO",
                                "w:" + secret("reg")),
                        "send",
                        "--help"))
                .isZero();

        assertThat(commandLine.out())
                .contains(
                        "--kafka-config=FILE",
                        "--schema-registry-user-info=USER:PASSWORD",
                        "--schema-registry-user-info-file=FILE",
                        "--schema-registry-bearer-token-file=FILE",
                        "--schema-registry-truststore=FILE");
    }

    @Test
    void theSettingsDumpHidesEveryCredential() throws Exception {
        Path kafka = Files.writeString(
                dir.resolve("kafka.properties"),
                "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n" + "sasl.jaas.config="
                        + jaas(secret("jaas")) + "\n");
        SendCommand command = new SendCommand();
        new CommandLine(command)
                .parseArgs(
                        "--topic",
                        "orders",
                        "--schema",
                        schema.toString(),
                        "--kafka-config",
                        kafka.toString(),
                        "--schema-registry-user-info",
                        "writer:" + secret("reg"),
                        "--producer-property",
                        "ssl.key.password=" + secret("key"),
                        data.toString());

        SendSettings settings = command.settings();

        assertThat(settings.producerProperties())
                .containsKeys("sasl.jaas.config", "ssl.key.password", "security.protocol");
        assertThat(settings.toString())
                .contains("sasl.jaas.config=[hidden]", "ssl.key.password=[hidden]", "security.protocol=SASL_SSL");
        commandLine.assertNoSecretIn(settings.toString());
    }
}
