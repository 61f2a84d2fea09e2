package io.chingest.producer.progress;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * Reads a topic's Kafka topic id: a UUID the cluster gives each topic when it is created, so a topic deleted and
 * created again under the same name has a new one. Progress records carry it, so that progress of records that went
 * with the deleted topic does not count for the new one. Stateless.
 */
public final class TopicIncarnation {

    private TopicIncarnation() {}

    /**
     * The topic's id as Kafka prints it (base64).
     *
     * @param connection the Kafka connection and security settings
     * @throws IllegalStateException naming the topic when Kafka does not describe it within {@code timeout}
     */
    public static String idOf(String topic, Map<String, Object> connection, Duration timeout)
            throws InterruptedException {
        try (Admin admin = Admin.create(ProgressLog.adminProperties(connection, "file-producer-topic-id"))) {
            TopicDescription description = admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .get(topic);
            return description.topicId().toString();
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "cannot read the topic id of topic '" + topic + "': "
                            + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "cannot read the topic id of topic '" + topic + "' within " + timeout.toMillis() + " ms", e);
        }
    }
}
