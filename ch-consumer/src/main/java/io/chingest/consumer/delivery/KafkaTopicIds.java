package io.chingest.consumer.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;

/**
 * Reads a topic's id with {@code Admin.describeTopics}, through an admin client opened for the question and closed
 * after it (asked once per run). Thread-safe.
 */
public final class KafkaTopicIds implements TopicIds {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final Map<String, String> clientSettings;

    /** @param clientSettings the settings every Kafka client of the run shares (security, timeouts) */
    public KafkaTopicIds(String bootstrapServers, Map<String, String> clientSettings) {
        this.bootstrapServers = bootstrapServers;
        this.clientSettings = Map.copyOf(clientSettings);
    }

    @Override
    public String currentId(String topic) {
        Properties properties = new Properties();
        properties.putAll(clientSettings);
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(properties)) {
            return admin.describeTopics(List.of(topic))
                    .topicNameValues()
                    .get(topic)
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .topicId()
                    .toString();
        } catch (ExecutionException e) {
            throw new KafkaException(
                    "asking Kafka at " + bootstrapServers + " for the topic id of " + topic + " failed: "
                            + e.getCause(),
                    e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new KafkaException(
                    "Kafka at " + bootstrapServers + " did not tell the topic id of " + topic + " within " + TIMEOUT,
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while asking Kafka for the topic id of " + topic, e);
        }
    }
}
