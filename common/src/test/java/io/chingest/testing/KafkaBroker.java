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
    /** The SASL_PLAINTEXT listener's port, or 0 without one. */
    private final int saslPort;
    /** The users the SASL listener accepts with mechanism PLAIN, name to password. */
    private final Map<String, String> plainUsers;

    /**
     * @param directory      configuration, log directory (data/) and broker log (kafka.log); kept across restarts
     * @param port           the PLAINTEXT client port on 127.0.0.1
     * @param controllerPort the KRaft controller port on 127.0.0.1
     * @param lifetime       tied to this JVM (tests) or detached (local stack)
     */
    public KafkaBroker(Path directory, int port, int controllerPort, ServiceLifetime lifetime) {
        this(directory, port, controllerPort, 0, Map.of(), lifetime);
    }

    private KafkaBroker(
            Path directory,
            int port,
            int controllerPort,
            int saslPort,
            Map<String, String> plainUsers,
            ServiceLifetime lifetime) {
        super(NAME, directory, "kafka.log", lifetime);
        this.port = port;
        this.controllerPort = controllerPort;
        this.saslPort = saslPort;
        this.plainUsers = Map.copyOf(plainUsers);
    }

    /**
     * A broker that also has a SASL_PLAINTEXT listener accepting the given users with mechanism PLAIN (their
     * passwords in the broker's JAAS configuration), on free ports. The PLAINTEXT listener stays for the broker's
     * own readiness probe and for tests that check what arrived; clients under test use {@link #saslBootstrapServers()}.
     */
    public static KafkaBroker withSaslPlain(Path directory, Map<String, String> plainUsers, ServiceLifetime lifetime) {
        if (plainUsers.isEmpty()) {
            throw new IllegalArgumentException("a SASL listener needs at least one user");
        }
        int[] ports = LoopbackPorts.freePorts(3);
        return new KafkaBroker(directory, ports[0], ports[1], ports[2], plainUsers, lifetime);
    }

    /** {@code 127.0.0.1:<sasl port>}, the SASL_PLAINTEXT listener; only for a broker made by {@link #withSaslPlain}. */
    public String saslBootstrapServers() {
        if (saslPort == 0) {
            throw new IllegalStateException("this broker has no SASL listener");
        }
        return "127.0.0.1:" + saslPort;
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
        String sasl = saslPort == 0 ? "" : ",SASL_PLAINTEXT://127.0.0.1:" + saslPort;
        String config = String.join(
                "\n",
                "# Single-node KRaft broker for tests and the local stack; generated, rewritten on every start.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort + sasl,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port + sasl,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"
                        + (saslPort == 0 ? "" : ",SASL_PLAINTEXT:SASL_PLAINTEXT"),
                saslListenerConfig(),
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

    /** The SASL listener's mechanism and users (PLAIN's user_NAME="PASSWORD" options), or nothing. */
    private String saslListenerConfig() {
        if (saslPort == 0) {
            return "";
        }
        StringBuilder jaas = new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required");
        plainUsers.forEach((user, password) -> jaas.append(" user_")
                .append(user)
                .append("=\"")
                .append(password)
                .append('"'));
        jaas.append(';');
        return "listener.name.sasl_plaintext.sasl.enabled.mechanisms=PLAIN\n"
                + "listener.name.sasl_plaintext.plain.sasl.jaas.config=" + jaas;
    }

    private ServiceSpec spec() {
        String clusterId = clusterId();
        List<String> command = List.of(
                BuildLayout.javaExecutable(),
                "-Xmx512m",
                "-Xms64m",
                "-XX:+UseG1GC",
                "-Djava.awt.headless=true",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSS",
                "-Dorg.slf4j.simpleLogger.log.org.apache.kafka=info",
                "-cp",
                BuildLayout.current().childClassPath(),
                KafkaNode.class.getName(),
                configFile().toString(),
                clusterId);
        return new ServiceSpec(
                NAME,
                bootstrapServers(),
                directory(),
                command,
                logFile(),
                List.of(logFile()),
                List.of(port, controllerPort),
                START_TIMEOUT,
                STOP_GRACE,
                new ClusterProbe(clusterId));
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
            DescribeClusterResult cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000));
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
