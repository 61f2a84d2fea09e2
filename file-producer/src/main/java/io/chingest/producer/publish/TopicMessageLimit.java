package io.chingest.producer.publish;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The largest record batch each topic takes ({@code max.message.bytes}, the topic's setting or the broker's default),
 * read once from the broker before sending, so that {@link RecordSizeLimit} rejects a row the broker would refuse
 * instead of failing its whole chunk. Stateless.
 */
public final class TopicMessageLimit {

    private TopicMessageLimit() {}

    /**
     * The {@code max.message.bytes} of each of {@code topics}, through an Admin client with the producer's connection
     * settings. A topic whose configuration cannot be read (no DescribeConfigs permission, a timeout) is left out: its
     * records are then checked against the producer's own limits only, and a record the broker refuses fails its
     * chunk naming the chunk's lines.
     */
    public static Map<String, Integer> read(
            Map<String, Object> producerProperties, List<String> topics, Duration timeout) throws InterruptedException {
        Map<String, Integer> limits = new HashMap<>();
        List<ConfigResource> resources = topics.stream()
                .distinct()
                .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic))
                .toList();
        try (Admin admin = Admin.create(TopicReadiness.adminProperties(producerProperties))) {
            Map<ConfigResource, Config> configs =
                    admin.describeConfigs(resources).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            configs.forEach((resource, config) -> {
                ConfigEntry entry = config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
                if (entry != null && entry.value() != null) {
                    limits.put(resource.name(), Integer.parseInt(entry.value()));
                }
            });
        } catch (ExecutionException | TimeoutException | KafkaException | NumberFormatException e) {
            return Map.of(); // see above: the broker still has the last word
        }
        return Map.copyOf(limits);
    }

    /**
     * The producer properties with {@code batch.size} lowered to the smallest of {@code maxMessageBytes} where it is
     * larger: the broker refuses a batch of many small records as it does one large record, and the producer, which
     * splits a refused batch only into batches of {@code batch.size}, would retry it until delivery.timeout.ms.
     */
    public static Map<String, Object> batchesWithin(
            Map<String, Object> producerProperties, Collection<Integer> maxMessageBytes) {
        int batchSize = new ProducerConfig(producerProperties).getInt(ProducerConfig.BATCH_SIZE_CONFIG);
        int smallest =
                maxMessageBytes.stream().mapToInt(Integer::intValue).min().orElse(Integer.MAX_VALUE);
        if (smallest >= batchSize) {
            return producerProperties;
        }
        Map<String, Object> lowered = new HashMap<>(producerProperties);
        lowered.put(ProducerConfig.BATCH_SIZE_CONFIG, smallest);
        return Map.copyOf(lowered);
    }
}
