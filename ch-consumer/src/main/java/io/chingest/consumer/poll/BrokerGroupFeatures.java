package io.chingest.consumer.poll;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the cluster whether it offers the consumer group protocol (KIP-848): Kafka 4.x finalizes the feature
 * {@code group.version} at level 1 or more where it does; older brokers have no such feature. Stateless, thread-safe.
 */
public final class BrokerGroupFeatures {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerGroupFeatures.class);
    static final String GROUP_VERSION_FEATURE = "group.version";
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private BrokerGroupFeatures() {}

    /** True or false as the cluster answered; empty when it could not be asked within 15 s. */
    public static Optional<Boolean> offerConsumerProtocol(String bootstrapServers, Map<String, String> clientSettings) {
        Properties properties = new Properties();
        properties.putAll(clientSettings);
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(properties)) {
            Map<String, FinalizedVersionRange> features = admin.describeFeatures()
                    .featureMetadata()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .finalizedFeatures();
            FinalizedVersionRange groupVersion = features.get(GROUP_VERSION_FEATURE);
            return Optional.of(groupVersion != null && groupVersion.maxVersionLevel() >= 1);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            LOG.debug("reading the broker's features failed", e);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
