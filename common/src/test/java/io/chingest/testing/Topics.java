package io.chingest.testing;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates topics for tests and benchmarks and returns only once the leader serves every partition: an idempotent
 * producer that sends sooner can have its first request refused and a later one accepted, after which the first
 * never fits the sequence and expires (KAFKA-15591). Stateless.
 */
public final class Topics {
    private static final long TIMEOUT_SECONDS = 60;
    private static final long RETRY_MILLIS = 100;

    private Topics() {}

    /**
     * Creates a topic named {@code prefix} and a random UUID on the broker at {@code bootstrapServers}, as
     * {@link #createServed(Admin, String, int)} does, and returns its name.
     */
    public static String createServedNew(String bootstrapServers, String prefix, int partitions) throws Exception {
        String topic = prefix + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            createServed(admin, topic, partitions);
        }
        return topic;
    }

    /** Creates {@code topic} with {@code partitions} partitions (replication 1) and waits until each is served. */
    public static void createServed(Admin admin, String topic, int partitions) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                .all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, partitions)
                .mapToObj(partition -> new TopicPartition(topic, partition))
                .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest()));
        // The admin client retries while a partition's leader does not serve it yet, but not while the topic's metadata
        // has not reached the broker it asks: right after creation, on a busy machine, that is "unknown topic" for a
        // moment.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            try {
                admin.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(RETRY_MILLIS);
            }
        }
    }
}
