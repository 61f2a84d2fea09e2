package io.chingest.producer.publish;

import io.chingest.common.availability.ServiceUnavailableException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;

/**
 * Holds the first send until every partition of the topic is served by its leader. An idempotent producer whose first
 * requests reach a partition the broker is still creating (a topic created or auto-created moments ago) can have
 * them rejected for good with OUT_OF_ORDER_SEQUENCE_NUMBER (KAFKA-15591), so sending starts only once each leader
 * answers a ListOffsets request. Stateless apart from its collaborators; for one thread.
 */
public final class TopicReadiness {
    private static final long RETRY_MILLIS = 100;

    /** Asks the leaders of all the topic's partitions for their end offsets; throws while any does not answer. */
    @FunctionalInterface
    public interface LeaderProbe {
        void probe(Duration timeout) throws Exception;
    }

    private final String topic;
    private final String brokers;
    private final LeaderProbe probe;
    private final LongSupplier nanoClock;

    /** @param brokers the bootstrap servers, for the error message */
    public TopicReadiness(String topic, String brokers, LeaderProbe probe, LongSupplier nanoClock) {
        this.topic = topic;
        this.brokers = brokers;
        this.probe = probe;
        this.nanoClock = nanoClock;
    }

    /**
     * A readiness check through Kafka itself: the producer's metadata lookup (which also auto-creates the topic
     * where the cluster allows it) names the partitions, an Admin client with the producer's connection settings
     * asks their leaders.
     */
    public static TopicReadiness of(String topic, Producer<?, ?> producer, Map<String, Object> producerProperties) {
        String brokers = String.valueOf(producerProperties.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
        return new TopicReadiness(
                topic,
                brokers,
                timeout -> {
                    Map<TopicPartition, OffsetSpec> latest = producer.partitionsFor(topic).stream()
                            .collect(Collectors.toMap(
                                    p -> new TopicPartition(p.topic(), p.partition()), p -> OffsetSpec.latest()));
                    try (Admin admin = Admin.create(adminProperties(producerProperties))) {
                        admin.listOffsets(latest).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    }
                },
                System::nanoTime);
    }

    /**
     * Returns once every partition is served.
     *
     * @throws ServiceUnavailableException naming the brokers, the topic and the last reason when that does not happen
     *                                     within {@code timeout}, or at once when Kafka refuses the credentials
     */
    public void await(Duration timeout) throws InterruptedException {
        long deadline = nanoClock.getAsLong() + timeout.toNanos();
        while (true) {
            Exception reason;
            try {
                probe.probe(timeout);
                return;
            } catch (InterruptedException e) {
                throw e;
            } catch (ExecutionException e) {
                reason = e.getCause() instanceof Exception cause ? cause : e;
            } catch (Exception e) {
                reason = e;
            }
            if (reason instanceof AuthenticationException) {
                // a refused login stays refused: waiting out the timeout would only hide the cause
                throw ServiceUnavailableException.refused(
                        "Kafka",
                        brokers,
                        "authentication failed (security.*, sasl.*, ssl.* settings): " + reason.getMessage(),
                        reason);
            }
            if (nanoClock.getAsLong() - deadline >= 0) {
                throw new ServiceUnavailableException(
                        "Kafka",
                        brokers,
                        "topic '" + topic + "' is not served within " + timeout.toMillis() + " ms: "
                                + reason.getMessage(),
                        reason);
            }
            TimeUnit.MILLISECONDS.sleep(RETRY_MILLIS);
        }
    }

    /** The producer's connection and security settings, without the producer-only keys an Admin client warns about. */
    static Properties adminProperties(Map<String, Object> producerProperties) {
        Properties admin = new Properties();
        producerProperties.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                admin.put(key, value);
            }
        });
        admin.put(AdminClientConfig.CLIENT_ID_CONFIG, "file-producer-readiness");
        return admin;
    }
}
