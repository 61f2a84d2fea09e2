package io.chingest.producer;

import io.chingest.producer.map.TargetSchema;
import io.chingest.producer.parse.ParseSettings;
import io.chingest.producer.quarantine.BadRowLimit;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The validated configuration of one {@code send} run, built by {@link SendCommand} from file, environment and flags.
 * Immutable.
 *
 * @param producerProperties the complete KafkaProducer configuration
 * @param rejectsDirectory   where the rejects files go
 * @param deadLetterTopic    the topic bad rows are published to as well, or null
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
        BadRowLimit badRowLimit) {

    public SendSettings {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(rejectsDirectory, "rejectsDirectory");
        Objects.requireNonNull(badRowLimit, "badRowLimit");
        producerProperties = Map.copyOf(producerProperties);
        files = List.copyOf(files);
    }
}
