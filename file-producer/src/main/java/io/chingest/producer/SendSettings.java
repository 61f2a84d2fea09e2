package io.chingest.producer;

import io.chingest.common.registry.RegistryAccess;
import io.chingest.common.security.SettingsDump;
import io.chingest.producer.feedback.SendProgress;
import io.chingest.producer.map.TargetSchema;
import io.chingest.producer.parse.ParseSettings;
import io.chingest.producer.quarantine.BadRowLimit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The validated configuration of one {@code send} run, built by {@link SendCommand} from file, environment and flags.
 * Immutable.
 *
 * @param producerProperties the complete KafkaProducer configuration
 * @param rejectsDirectory   where the rejects files go
 * @param deadLetterTopic    the topic bad rows are published to as well, or null
 * @param progressTopic      the compacted topic that keeps how far each file was sent
 * @param force              send files again even when an earlier run sent them
 * @param chunkRows          rows per transaction
 * @param pipelineBufferBytes the bound of the hand-over from the reading to the sending thread, in bytes
 * @param keyFields          the fields whose values make the record key; empty for null keys
 * @param host               the ingest host's name, for the provenance headers
 * @param registryAccess     the registry's credentials and truststore
 * @param kafkaTimeout       how long the start-up check waits for Kafka ({@code --kafka-timeout})
 */
public record SendSettings(
        String topic,
        Path schemaFile,
        TargetSchema target,
        ParseSettings parseSettings,
        String schemaRegistryUrl,
        Map<String, Object> producerProperties,
        List<Path> files,
        Path rejectsDirectory,
        String deadLetterTopic,
        BadRowLimit badRowLimit,
        String progressTopic,
        boolean force,
        int chunkRows,
        long pipelineBufferBytes,
        List<String> keyFields,
        String host,
        RegistryAccess registryAccess,
        Duration kafkaTimeout) {

    public SendSettings {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(rejectsDirectory, "rejectsDirectory");
        Objects.requireNonNull(badRowLimit, "badRowLimit");
        producerProperties = Map.copyOf(producerProperties);
        files = List.copyOf(files);
        keyFields = List.copyOf(keyFields);
        Objects.requireNonNull(progressTopic, "progressTopic");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(registryAccess, "registryAccess");
        Objects.requireNonNull(kafkaTimeout, "kafkaTimeout");
    }

    /** How a pipeline sends these settings' files, stopped by {@code stopRequested} and shown on {@code display}. */
    public SendPipeline.Options pipelineOptions(BooleanSupplier stopRequested, SendProgress display) {
        return new SendPipeline.Options(chunkRows, force, stopRequested, display, pipelineBufferBytes);
    }

    @Override
    public String toString() {
        return SettingsDump.of(this);
    }
}
