package io.chingest.consumer.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.chingest.common.config.ExitCodes;
import io.chingest.testing.ClickHouseExtension;
import io.chingest.testing.JarProgram;
import io.chingest.testing.KafkaBroker;
import io.chingest.testing.SchemaRegistryExtension;
import io.chingest.testing.ServiceLifetime;
import io.chingest.testing.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both programs, run from their jars, against a broker whose only listener for them is SASL_PLAINTEXT with mechanism
 * PLAIN: the producer sends with its settings in a CH_INGEST_* variable, the consumer reads with them in a
 * --kafka-config file, every row arrives once; a wrong password ends either program soon with an authentication
 * error. Kafka's client configuration is logged at INFO here, and no output of any run holds a password.
 */
@ExtendWith({SchemaRegistryExtension.class, ClickHouseExtension.class})
class SaslPlainIT {
    private static final Path PRODUCER_JAR = Path.of(
                    System.getProperty("chingest.producer.jar", "../file-producer/target/file-producer.jar"))
            .toAbsolutePath();
    private static final Path CONSUMER_JAR = Path.of(
                    System.getProperty("chingest.consumer.jar", "target/ch-consumer.jar"))
            .toAbsolutePath();
    private static final Duration DEADLINE = Duration.ofMinutes(3);
    /** A refused login must end a program well before this, not after retrying for minutes. */
    private static final Duration REFUSAL_DEADLINE = Duration.ofSeconds(75);

    private static final String USER = "alice";
    private static final String PASSWORD = "pw-right-" + UUID.randomUUID();
    private static final String WRONG_PASSWORD = "pw-wrong-" + UUID.randomUUID();
    /** The test registry does not check credentials; they are sent, and must not be printed. */
    private static final String REGISTRY_PASSWORD = "pw-registry-" + UUID.randomUUID();

    private static final String CLICKHOUSE_PASSWORD = "pw-clickhouse-" + UUID.randomUUID();
    /** Logs every Kafka client's configuration (ProducerConfig/ConsumerConfig values), where a password would show. */
    private static final List<String> JVM = List.of("-Xmx256m", "-Dorg.slf4j.simpleLogger.log.org.apache.kafka=info");

    private static final int ROWS = 600;

    @TempDir
    static Path brokerDirectory;

    private static KafkaBroker broker;

    @TempDir
    Path work;

    private final List<JarProgram> runs = new ArrayList<>();

    @BeforeAll
    static void startSaslBroker() {
        broker = KafkaBroker.withSaslPlain(
                brokerDirectory.resolve("kafka"), Map.of(USER, PASSWORD), ServiceLifetime.TIED_TO_JVM);
        broker.start();
    }

    @AfterAll
    static void stopSaslBroker() {
        if (broker != null) {
            broker.stop();
        }
    }

    @AfterEach
    void noOutputHoldsAPassword() {
        for (JarProgram run : runs) {
            assertThat(run.output())
                    .as("output of a run")
                    .doesNotContain(PASSWORD)
                    .doesNotContain(WRONG_PASSWORD)
                    .doesNotContain(REGISTRY_PASSWORD)
                    .doesNotContain(CLICKHOUSE_PASSWORD);
            run.close();
        }
    }

    @Test
    void producerAndConsumerMoveEveryRowThroughSasl() throws Exception {
        String topic = "sasl-" + UUID.randomUUID();
        String table = "default.sasl_" + UUID.randomUUID().toString().replace("-", "");
        String group = group(topic);
        try (Admin admin = plainAdmin()) {
            Topics.createServed(admin, topic, 2);

            JarProgram producer = producer(
                    Map.of(
                            "CH_INGEST_PRODUCER_PROPERTY",
                            "security.protocol=SASL_PLAINTEXT;sasl.mechanism=PLAIN;sasl.jaas.config=" + jaas(PASSWORD),
                            "CH_INGEST_SCHEMA_REGISTRY_USER_INFO",
                            "writer:" + REGISTRY_PASSWORD),
                    topic);
            assertThat(producer.awaitExit(DEADLINE)).as(producer::output).isZero();
            assertThat(producer.stderr()).contains("sasl.jaas.config = [hidden]");

            JarProgram consumer = consumer(
                    Map.of("CH_INGEST_SCHEMA_REGISTRY_USER_INFO", "reader:" + REGISTRY_PASSWORD),
                    topic,
                    table,
                    PASSWORD,
                    "--create-table",
                    "--stop-at-end");
            assertThat(consumer.awaitExit(DEADLINE)).as(consumer::output).isZero();
            assertThat(consumer.stderr()).contains("sasl.jaas.config = [hidden]");
            assertThat(committed(admin, group)).isEqualTo(endOffsetsOfWrittenPartitions(admin, topic, 2));
        }
        String expected =
                IntStream.range(0, ROWS).mapToObj(i -> i + "\tname " + i + "\n").collect(Collectors.joining());
        assertThat(ClickHouseExtension.query("SELECT id, name FROM " + table + " ORDER BY id FORMAT TabSeparated"))
                .isEqualTo(expected);
    }

    @Test
    void aWrongPasswordEndsTheConsumerSoonWithAnAuthenticationError() throws Exception {
        String topic = "sasl-refused-" + UUID.randomUUID();
        try (Admin admin = plainAdmin()) {
            Topics.createServed(admin, topic, 1);
        }
        JarProgram consumer = consumer(Map.of(), topic, "default.sasl_refused", WRONG_PASSWORD, "--create-table");
        assertThat(consumer.awaitExit(REFUSAL_DEADLINE)).as(consumer::output).isEqualTo(ExitCodes.SERVICE_UNAVAILABLE);
        assertThat(consumer.stderr())
                .contains("ch-consumer: Kafka at " + broker.saslBootstrapServers() + ": authentication failed")
                .contains("Authentication failed", "Invalid username or password");
    }

    @Test
    void aWrongClickHousePasswordFromItsFileEndsTheConsumerNamingClickHouse() throws Exception {
        Path passwordFile = work.resolve("clickhouse-password");
        Files.writeString(passwordFile, CLICKHOUSE_PASSWORD + "\n", StandardCharsets.UTF_8);
        String topic = "sasl-clickhouse-" + UUID.randomUUID();
        try (Admin admin = plainAdmin()) {
            Topics.createServed(admin, topic, 1);
        }
        JarProgram consumer = consumer(
                Map.of(),
                topic,
                "default.sasl_refused",
                PASSWORD,
                "--clickhouse-password-file",
                passwordFile.toString());
        assertThat(consumer.awaitExit(REFUSAL_DEADLINE)).as(consumer::output).isEqualTo(ExitCodes.SERVICE_UNAVAILABLE);
        assertThat(consumer.stderr())
                .contains(
                        "ch-consumer: ClickHouse at " + ClickHouseExtension.httpUrl() + ": authentication failed",
                        "Wrong password for user default");
    }

    @Test
    void aWrongPasswordEndsTheProducerSoonWithAnAuthenticationError() throws Exception {
        String topic = "sasl-refused-" + UUID.randomUUID();
        try (Admin admin = plainAdmin()) {
            Topics.createServed(admin, topic, 1);
        }
        // on the command line this time: it works, with a warning that ps shows it
        JarProgram producer = producer(
                Map.of(),
                topic,
                "--producer-property",
                "security.protocol=SASL_PLAINTEXT",
                "--producer-property",
                "sasl.mechanism=PLAIN",
                "--producer-property",
                "sasl.jaas.config=" + jaas(WRONG_PASSWORD));
        assertThat(producer.awaitExit(REFUSAL_DEADLINE)).as(producer::output).isEqualTo(ExitCodes.SERVICE_UNAVAILABLE);
        assertThat(producer.stderr())
                .contains("Authentication failed", "Invalid username or password")
                .contains("warning: --producer-property sasl.jaas.config=... is given on the command line");
    }

    /**
     * file-producer sending {@link #ROWS} rows of a new file to {@code topic} through the SASL listener, with
     * {@code more} options.
     */
    private JarProgram producer(Map<String, String> environment, String topic, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "send",
                "--topic",
                topic,
                "--schema",
                schema().toString(),
                "--progress",
                "none",
                "--bootstrap-servers",
                broker.saslBootstrapServers(),
                "--schema-registry",
                SchemaRegistryExtension.url()));
        args.addAll(List.of(more));
        args.add(rows().toString());
        return run(PRODUCER_JAR, environment, args);
    }

    /**
     * ch-consumer reading {@code topic} as group {@link #group} into {@code table} through the SASL listener, logging
     * in with {@code kafkaPassword} from a --kafka-config file, with {@code more} options.
     */
    private JarProgram consumer(
            Map<String, String> environment, String topic, String table, String kafkaPassword, String... more)
            throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "run",
                "--topic",
                topic,
                "--group",
                group(topic),
                "--table",
                table,
                "--kafka-config",
                kafkaConfig(kafkaPassword).toString(),
                "--bootstrap-servers",
                broker.saslBootstrapServers(),
                "--schema-registry",
                SchemaRegistryExtension.url(),
                "--clickhouse-url",
                ClickHouseExtension.httpUrl()));
        args.addAll(List.of(more));
        return run(CONSUMER_JAR, environment, args);
    }

    private static String group(String topic) {
        return topic + "-loader";
    }

    private JarProgram run(Path jar, Map<String, String> environment, List<String> args) throws Exception {
        JarProgram program = JarProgram.start(JVM, jar, environment, work, args);
        runs.add(program);
        return program;
    }

    private static String jaas(String password) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + USER + "\" password=\""
                + password + "\";";
    }

    private Path kafkaConfig(String password) throws Exception {
        Path file = work.resolve("kafka-" + UUID.randomUUID() + ".properties");
        Files.writeString(
                file,
                String.join(
                        "\n",
                        "security.protocol=SASL_PLAINTEXT",
                        "sasl.mechanism=PLAIN",
                        "sasl.jaas.config=" + jaas(password),
                        ""),
                StandardCharsets.UTF_8);
        return file;
    }

    private Path schema() throws Exception {
        Path file = work.resolve("named.avsc");
        Files.writeString(
                file,
                "{\"type\":\"record\",\"name\":\"Named\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"},"
                        + "{\"name\":\"name\",\"type\":\"string\"}]}",
                StandardCharsets.UTF_8);
        return file;
    }

    private Path rows() throws Exception {
        Path file = work.resolve("named-" + UUID.randomUUID() + ".csv");
        Files.writeString(
                file,
                "id,name\n"
                        + IntStream.range(0, ROWS)
                                .mapToObj(i -> i + ",name " + i + "\n")
                                .collect(Collectors.joining()),
                StandardCharsets.UTF_8);
        return file;
    }

    /** Through the broker's PLAINTEXT listener, which only the test uses. */
    private static Admin plainAdmin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    private static Map<TopicPartition, Long> endOffsetsOfWrittenPartitions(Admin admin, String topic, int partitions)
            throws Exception {
        Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, partitions)
                .boxed()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p), p -> OffsetSpec.latest()));
        // A partition the producer's sticky partitioner left empty has nothing the group could commit.
        return admin.listOffsets(latest).all().get().entrySet().stream()
                .filter(e -> e.getValue().offset() > 0)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private static Map<TopicPartition, Long> committed(Admin admin, String group) throws Exception {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                .filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }
}
