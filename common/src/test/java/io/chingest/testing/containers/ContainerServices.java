package io.chingest.testing.containers;

import io.chingest.testing.ExternalServices;
import java.time.Duration;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The integration tests' services as Testcontainers on a Docker engine: a Kafka 4.1 broker, Apicurio Registry 2.6
 * (in memory, BACKWARD) and a current ClickHouse LTS, each started on first use and kept for the JVM (Testcontainers'
 * reaper removes them when it exits). Compiled and used only by the build's -Ptestcontainers profile. Thread-safe.
 */
public final class ContainerServices implements ExternalServices {
    private static final DockerImageName KAFKA = DockerImageName.parse("apache/kafka:4.1.2");
    private static final DockerImageName REGISTRY =
            DockerImageName.parse("apicurio/apicurio-registry-mem:2.6.13.Final");
    private static final DockerImageName CLICKHOUSE = DockerImageName.parse("clickhouse/clickhouse-server:26.8");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    /** The same insert setting as docker/clickhouse/users.d/ch-ingest.xml: one block per insert, written as a whole. */
    private static final String CLICKHOUSE_SETTINGS =
            "<clickhouse><profiles><default><max_insert_threads>1</max_insert_threads>"
                    + "</default></profiles></clickhouse>";

    private KafkaContainer kafka;
    private GenericContainer<?> registry;
    private GenericContainer<?> clickHouse;

    @Override
    public synchronized String kafkaBootstrapServers() {
        if (kafka == null) {
            KafkaContainer container = new KafkaContainer(KAFKA)
                    .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                    .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
                    .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
                    .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1")
                    .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                    .withStartupTimeout(START_TIMEOUT);
            container.start();
            kafka = container;
        }
        return kafka.getBootstrapServers();
    }

    @Override
    public synchronized String schemaRegistryUrl() {
        if (registry == null) {
            GenericContainer<?> container = new GenericContainer<>(REGISTRY)
                    // Apicurio's default is NONE; the local registry and Confluent's default are BACKWARD.
                    .withEnv("REGISTRY_RULES_GLOBAL_COMPATIBILITY", "BACKWARD")
                    .withExposedPorts(8080)
                    .waitingFor(Wait.forHttp("/apis/ccompat/v7/subjects")
                            .forStatusCode(200)
                            .withStartupTimeout(START_TIMEOUT));
            container.start();
            registry = container;
        }
        return "http://" + registry.getHost() + ":" + registry.getMappedPort(8080) + "/apis/ccompat/v7";
    }

    @Override
    public synchronized String clickHouseHttpUrl() {
        if (clickHouse == null) {
            GenericContainer<?> container = new GenericContainer<>(CLICKHOUSE)
                    // Keeps the user `default` without a password and reachable from the host, as the tests expect.
                    .withEnv("CLICKHOUSE_SKIP_USER_SETUP", "1")
                    .withCopyToContainer(
                            Transferable.of(CLICKHOUSE_SETTINGS), "/etc/clickhouse-server/users.d/ch-ingest.xml")
                    .withExposedPorts(8123)
                    .waitingFor(Wait.forHttp("/ping").forStatusCode(200).withStartupTimeout(START_TIMEOUT));
            container.start();
            clickHouse = container;
        }
        return "http://" + clickHouse.getHost() + ":" + clickHouse.getMappedPort(8123);
    }
}
