package io.chingest.producer;

import io.chingest.common.availability.KafkaAvailability;
import io.chingest.common.availability.ServiceUnavailableException;
import io.chingest.common.registry.RegistryFaultException;
import io.chingest.common.registry.RegistryUnavailableException;
import io.chingest.common.registry.SchemaRegistryClient;
import io.chingest.common.registry.SchemaRegistryException;
import io.chingest.common.security.KnownSecrets;
import io.chingest.common.wire.AvroWireEncoder;
import io.chingest.producer.progress.ProgressLog;
import io.chingest.producer.progress.TopicIncarnation;
import io.chingest.producer.publish.ProducerProperties;
import io.chingest.producer.publish.RecordKeys;
import io.chingest.producer.publish.RecordSizeLimit;
import io.chingest.producer.publish.TopicMessageLimit;
import io.chingest.producer.publish.TopicReadiness;
import io.chingest.producer.publish.TransactionalSink;
import io.chingest.producer.quarantine.DeadLetterTopic;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;

/**
 * What {@code send} and {@code watch} need of Kafka before the first row: the schema registered, every topic written
 * served (the progress topic created when missing), the progress reader open; then a {@link TransactionalSink} on
 * demand. Used by the run's thread; closing it closes the progress reader.
 */
final class KafkaConnection implements AutoCloseable {

    private static final int REGISTER_ATTEMPTS = 3;
    private static final long REGISTER_RETRY_MILLIS = 300;

    private final SendSettings settings;
    private final int schemaId;
    private final ProgressLog progress;
    /** max.message.bytes by topic, read by the first {@link #newSink}. */
    private Map<String, Integer> topicLimits;

    private final String topicId;

    private KafkaConnection(SendSettings settings, int schemaId, ProgressLog progress, String topicId) {
        this.settings = settings;
        this.schemaId = schemaId;
        this.progress = progress;
        this.topicId = topicId;
    }

    /**
     * @return the connection, or null after printing to {@code err} why the settings or the registry cannot be used
     * @throws ServiceUnavailableException when no broker answers within {@code --kafka-timeout}, Kafka refuses the
     *                                     credentials, or a topic is not served within it
     * @throws RegistryFaultException when the registry URL does not serve the Confluent API, nothing answers there, or
     *     it refuses the credentials (exit code 5)
     */
    static KafkaConnection open(SendSettings settings, PrintWriter err) throws InterruptedException {
        Schema schema = settings.target().schema();
        String subject = SchemaRegistryClient.valueSubject(settings.topic());
        SchemaRegistryClient registry =
                new SchemaRegistryClient(settings.schemaRegistryUrl(), settings.registryAccess());
        registry.checkServesConfluentApi();
        int schemaId;
        try {
            schemaId = register(registry, subject, schema);
        } catch (RegistryFaultException e) {
            throw e;
        } catch (SchemaRegistryException e) {
            err.println("cannot register the schema of " + settings.schemaFile() + " under subject '" + subject
                    + "' at " + settings.schemaRegistryUrl() + ": " + e.getMessage());
            return null;
        }
        Duration maxBlock = ProducerProperties.maxBlock(settings.producerProperties());
        Duration kafkaTimeout = settings.kafkaTimeout();
        // The probe's metadata lookups end with the start-up check's bound, not with max.block.ms.
        Map<String, Object> probeProperties = new HashMap<>(settings.producerProperties());
        probeProperties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, kafkaTimeout.toMillis());
        Producer<byte[], byte[]> probe;
        try {
            probe = new KafkaProducer<>(probeProperties);
        } catch (KafkaException e) {
            err.println("cannot create the Kafka producer for "
                    + settings.producerProperties().get("bootstrap.servers") + ": " + withCauses(e));
            return null;
        }
        try {
            new KafkaAvailability(
                            String.valueOf(settings.producerProperties().get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)),
                            settings.producerProperties(),
                            kafkaTimeout)
                    .check(List.of());
            TopicReadiness.of(settings.topic(), probe, settings.producerProperties())
                    .await(kafkaTimeout);
            String topicId = TopicIncarnation.idOf(settings.topic(), settings.producerProperties(), kafkaTimeout);
            if (settings.deadLetterTopic() != null) {
                TopicReadiness.of(settings.deadLetterTopic(), probe, settings.producerProperties())
                        .await(kafkaTimeout);
            }
            ProgressLog progress = ProgressLog.open(settings.progressTopic(), settings.producerProperties(), maxBlock);
            try {
                TopicReadiness.of(settings.progressTopic(), probe, settings.producerProperties())
                        .await(kafkaTimeout);
            } catch (RuntimeException | InterruptedException e) {
                progress.close();
                throw e;
            }
            return new KafkaConnection(settings, schemaId, progress, topicId);
        } catch (IllegalStateException | KafkaException e) {
            err.println(withCauses(e));
            return null;
        } finally {
            probe.close();
        }
    }

    /**
     * Registers the schema, trying again after a refusal: Apicurio answers 409 "artifact already exists" to the loser
     * when two producers register a new subject at the same moment (two watchers starting together), and the next
     * attempt finds the version the winner registered.
     */
    private static int register(SchemaRegistryClient registry, String subject, Schema schema)
            throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return registry.register(subject, schema);
            } catch (RegistryUnavailableException e) {
                throw e; // the client has retried already
            } catch (SchemaRegistryException e) {
                if (attempt == REGISTER_ATTEMPTS) {
                    throw e;
                }
                Thread.sleep(REGISTER_RETRY_MILLIS * attempt);
            }
        }
    }

    /**
     * A sink with fresh counts and no failure; each file it opens gets its own transactional producer. The first call
     * reads the topics' max.message.bytes for the size check.
     */
    TransactionalSink newSink() throws InterruptedException {
        Schema schema = settings.target().schema();
        if (topicLimits == null) {
            topicLimits = TopicMessageLimit.read(
                    settings.producerProperties(),
                    settings.deadLetterTopic() == null
                            ? List.of(settings.topic())
                            : List.of(settings.topic(), settings.deadLetterTopic()),
                    ProducerProperties.maxBlock(settings.producerProperties()));
        }
        RecordSizeLimit producerLimit = RecordSizeLimit.of(settings.producerProperties());
        RecordSizeLimit sizeLimit = producerLimit.forTopic(settings.topic(), topicLimits.get(settings.topic()));
        DeadLetterTopic deadLetters = settings.deadLetterTopic() == null
                ? null
                : new DeadLetterTopic(
                        settings.deadLetterTopic(),
                        producerLimit.forTopic(
                                settings.deadLetterTopic(), topicLimits.get(settings.deadLetterTopic())));
        return new TransactionalSink(
                TopicMessageLimit.batchesWithin(settings.producerProperties(), topicLimits.values()),
                KafkaProducer::new,
                settings.topic(),
                new AvroWireEncoder(schemaId, schema, settings.target().writer()),
                sizeLimit,
                progress,
                settings.progressTopic(),
                deadLetters,
                RecordKeys.of(schema, settings.keyFields()),
                settings.host(),
                topicId);
    }

    @Override
    public void close() {
        progress.close();
    }

    /** Kafka wraps the useful message ("Failed to load SSL keystore ...") in generic ones: show the chain. */
    static String withCauses(Throwable error) {
        StringBuilder message = new StringBuilder(String.valueOf(error.getMessage()));
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && message.indexOf(cause.getMessage()) < 0) {
                message.append(": ").append(cause.getMessage());
            }
        }
        // a client's message may quote a setting it could not use, which can be a password
        return KnownSecrets.scrub(message.toString());
    }
}
