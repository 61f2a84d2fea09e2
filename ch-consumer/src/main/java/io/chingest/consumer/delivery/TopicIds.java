package io.chingest.consumer.delivery;

/** The id Kafka gives the current incarnation of a topic (a new one each time the topic is created). Thread-safe. */
@FunctionalInterface
public interface TopicIds {

    /**
     * @throws org.apache.kafka.common.KafkaException when Kafka cannot be asked or the topic does not exist
     */
    String currentId(String topic);
}
