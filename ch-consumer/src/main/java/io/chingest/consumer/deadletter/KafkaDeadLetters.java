package io.chingest.consumer.deadletter;

import io.chingest.consumer.encode.RecordRejectedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Dead letters in a Kafka topic: the original key and value bytes, the original headers plus the error headers
 * ({@link DeadLetterHeaders}), sent with acks=all and an idempotent producer. Letters are sent as they come and waited
 * for together by {@link #flush()}, which the loop calls before each commit: a poison storm costs a round trip per poll,
 * not per record, and no offset past a letter is committed before Kafka acknowledged it. Not thread-safe: used by the
 * polling thread.
 */
public final class KafkaDeadLetters implements DeadLetterSink, AutoCloseable {
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    /** Letters handed to the producer since the last flush, in the order they were sent. */
    private final List<Pending> sent = new ArrayList<>();
    /** Letters a flush found failed, sent again by the next one. */
    private final List<Pending> failed = new ArrayList<>();
    /**
     * Why a send since the last flush failed at once, or null: the letters after it are not handed to the producer, whose
     * send can block for max.block.ms each (no metadata for the topic).
     */
    private String sendFailure;

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
    public void send(ConsumerRecord<byte[], byte[]> record, RecordRejectedException reason) {
        ProducerRecord<byte[], byte[]> letter =
                new ProducerRecord<>(topic, null, record.key(), record.value(), DeadLetterHeaders.of(record, reason));
        Pending pending = new Pending(new TopicPartition(record.topic(), record.partition()), record.offset(), letter);
        if (sendFailure == null) {
            sendNow(pending);
        } else {
            pending.sendFailure = "not sent after an earlier letter failed: " + sendFailure;
        }
        sent.add(pending);
    }

    @Override
    public List<DeadLetterFailedException> flush() {
        sendFailure = null;
        for (Pending again : failed) {
            if (sendFailure == null) {
                sendNow(again);
            } else {
                again.future = null;
                again.sendFailure = "not sent after an earlier letter failed: " + sendFailure;
            }
        }
        sent.addAll(0, failed);
        failed.clear();
        if (sent.isEmpty()) {
            return List.of();
        }
        try {
            producer.flush();
        } catch (KafkaException e) {
            // each letter's future says how it went
        }
        Map<TopicPartition, DeadLetterFailedException> firstFailures = new LinkedHashMap<>();
        for (Pending pending : sent) {
            String failure = failureOf(pending);
            if (failure == null) {
                continue;
            }
            failed.add(pending);
            DeadLetterFailedException known = firstFailures.get(pending.partition);
            if (known == null || known.offset() > pending.offset) {
                firstFailures.put(
                        pending.partition,
                        new DeadLetterFailedException(
                                "writing the record at topic " + pending.partition.topic() + " partition "
                                        + pending.partition.partition() + " offset " + pending.offset
                                        + " to dead-letter topic " + topic + " failed: " + failure,
                                pending.partition,
                                pending.offset,
                                null));
            }
        }
        sent.clear();
        sendFailure = null;
        return List.copyOf(firstFailures.values());
    }

    @Override
    public Map<TopicPartition, Long> unacknowledged() {
        if (sent.isEmpty() && failed.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, Long> lowest = new HashMap<>();
        for (List<Pending> letters : List.of(sent, failed)) {
            for (Pending pending : letters) {
                lowest.merge(pending.partition, pending.offset, Math::min);
            }
        }
        return lowest;
    }

    @Override
    public String topic() {
        return topic;
    }

    private void sendNow(Pending pending) {
        try {
            pending.future = producer.send(pending.letter);
            pending.sendFailure = null;
        } catch (KafkaException e) {
            pending.future = null;
            pending.sendFailure = e.toString();
            sendFailure = pending.sendFailure;
        }
    }

    /** Null when the letter was acknowledged; else why not. Called after the producer's flush, so every future is done. */
    private static String failureOf(Pending pending) {
        if (pending.future == null) {
            return pending.sendFailure;
        }
        try {
            pending.future.get();
            return null;
        } catch (ExecutionException e) {
            return String.valueOf(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }

    /** A letter on its way, with what the producer made of it. */
    private static final class Pending {
        final TopicPartition partition;
        final long offset;
        final ProducerRecord<byte[], byte[]> letter;
        Future<RecordMetadata> future;
        String sendFailure;

        Pending(TopicPartition partition, long offset, ProducerRecord<byte[], byte[]> letter) {
            this.partition = partition;
            this.offset = offset;
            this.letter = letter;
        }
    }
}
