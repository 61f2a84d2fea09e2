package io.chingest.consumer.deadletter;

import io.chingest.consumer.encode.RecordRejectedException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Dead letters in a Kafka topic: the original key and value bytes, the original headers plus the error headers
 * ({@link DeadLetterHeaders}), sent with acks=all and an idempotent producer, one at a time and waited for. Poison
 * records are rare, so waiting costs nothing and keeps the promise simple: acknowledged before anything past it is
 * committed. Not thread-safe: used by the polling thread.
 */
public final class KafkaDeadLetters implements DeadLetterSink, AutoCloseable {
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final Producer<byte[], byte[]> producer;
    private final String topic;

    public KafkaDeadLetters(Producer<byte[], byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    /** A producer for dead letters, with the Kafka client settings (security and the like) the consumer uses too. */
    public static KafkaDeadLetters create(String bootstrapServers, Map<String, String> clientSettings, String topic) {
        Properties properties = new Properties();
        properties.putAll(clientSettings);
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(SEND_TIMEOUT.toMillis()));
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(SEND_TIMEOUT.toMillis() / 2));
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(SEND_TIMEOUT.toMillis()));
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "ch-consumer-dead-letters");
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaDeadLetters(new KafkaProducer<>(properties), topic);
    }

    @Override
    public void write(ConsumerRecord<byte[], byte[]> record, RecordRejectedException reason) {
        ProducerRecord<byte[], byte[]> letter =
                new ProducerRecord<>(topic, null, record.key(), record.value(), DeadLetterHeaders.of(record, reason));
        try {
            producer.send(letter).get(SEND_TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new DeadLetterFailedException(failure(record) + e.getCause(), e.getCause());
        } catch (TimeoutException | KafkaException e) {
            throw new DeadLetterFailedException(failure(record) + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeadLetterFailedException(failure(record) + "interrupted", e);
        }
    }

    @Override
    public String topic() {
        return topic;
    }

    private String failure(ConsumerRecord<byte[], byte[]> record) {
        return "writing the record at topic " + record.topic() + " partition " + record.partition() + " offset "
                + record.offset() + " to dead-letter topic " + topic + " failed: ";
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
