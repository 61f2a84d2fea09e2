package io.chingest.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Uuid;

/**
 * A single-node Kafka 4.1 KRaft broker (broker and controller in one JVM) in a child JVM, on 127.0.0.1 at a
 * client port and a controller port, with its log directory under {@link #directory()}. Thread-safe.
 */
public final class KafkaBroker extends ProcessBackedService {
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final String NAME = "kafka";

    private final int port;
    private final int controllerPort;

    /**
     * @param directory      configuration, log directory (data/) and broker log (kafka.log); kept across restarts
     * @param port           the PLAINTEXT client port on 127.0.0.1
     * @param controllerPort the KRaft controller port on 127.0.0.1
     * @param lifetime       tied to this JVM (tests) or detached (local stack)
     */
    public KafkaBroker(Path directory, int port, int controllerPort, ServiceLifetime lifetime) {
        super(NAME, directory, "kafka.log", lifetime);
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    @Override
    ServiceSpec preparedSpec() {
        return writeConfigAndSpec();
    }

    @Override
    ServiceSpec plainSpec() {
        return spec();
    }

    @Override
    public String address() {
        return bootstrapServers();
    }

    private Path configFile() {
        return directory().resolve("server.properties");
    }

    private Path dataDirectory() {
        return directory().resolve("data");
    }

    private ServiceSpec writeConfigAndSpec() {
        String config = String.join("\n",
                "# Single-node KRaft broker for tests and the local stack; generated, rewritten on every start.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dataDirectory(),
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=5",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=5",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                // KIP-848 consumers otherwise take 5-10 s per rebalance
                "group.consumer.heartbeat.interval.ms=500",
                "group.consumer.min.heartbeat.interval.ms=500",
                "");
        try {
            Files.createDirectories(directory());
            Files.writeString(configFile(), config, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + configFile(), e);
        }
        return spec();
    }

    private ServiceSpec spec() {
        String clusterId = clusterId();
        List<String> command = List.of(BuildLayout.javaExecutable(),
                "-Xmx512m", "-Xms64m", "-XX:+UseG1GC", "-Djava.awt.headless=true",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSS",
                "-Dorg.slf4j.simpleLogger.log.org.apache.kafka=info",
                "-cp", BuildLayout.current().childClassPath(),
                KafkaNode.class.getName(), configFile().toString(), clusterId);
        return new ServiceSpec(NAME, bootstrapServers(), directory(), command, logFile(), List.of(logFile()),
                List.of(port, controllerPort), START_TIMEOUT, STOP_GRACE, new ClusterProbe(clusterId));
    }

    /** The cluster id in the formatted log directory, or a new one for a directory not formatted yet. */
    private String clusterId() {
        Path meta = dataDirectory().resolve("meta.properties");
        if (Files.isRegularFile(meta)) {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(meta)) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + meta, e);
            }
            String id = properties.getProperty("cluster.id");
            if (id != null) {
                return id;
            }
        }
        return Uuid.randomUuid().toString();
    }

    /**
     * Ready when the broker answers describeCluster with our cluster id (not some other broker's on this port)
     * and at least one unfenced broker. One Admin client serves all attempts, so that each attempt after the
     * first costs a request rather than a client start.
     */
    private final class ClusterProbe implements ReadinessProbe {
        private final String clusterId;
        private Admin admin;

        ClusterProbe(String clusterId) {
            this.clusterId = clusterId;
        }

        @Override
        public boolean isReady() throws Exception {
            if (admin == null) {
                admin = Admin.create(Map.of(
                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000,
                        AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200,
                        AdminClientConfig.CLIENT_ID_CONFIG, "chingest-readiness"));
            }
            DescribeClusterResult cluster = admin.describeCluster(
                    new DescribeClusterOptions().timeoutMs(3000));
            return clusterId.equals(cluster.clusterId().get(4, TimeUnit.SECONDS))
                    && !cluster.nodes().get(4, TimeUnit.SECONDS).isEmpty();
        }

        @Override
        public void close() {
            if (admin != null) {
                admin.close(Duration.ofSeconds(2));
            }
        }
    }
}
