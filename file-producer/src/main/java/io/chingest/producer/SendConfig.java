package io.chingest.producer;

import io.chingest.producer.map.TargetSchema;
import io.chingest.producer.parse.ParseSettings;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The validated configuration of one send run, built from file, environment and flags by {@link SendCommand}.
 * Immutable.
 *
 * @param producerProperties the complete KafkaProducer configuration
 */
public record SendConfig(
        String topic,
        Path schemaFile,
        TargetSchema target,
        ParseSettings parseSettings,
        String schemaRegistryUrl,
        Map<String, Object> producerProperties,
        List<Path> files) {

    public SendConfig {
        producerProperties = Map.copyOf(producerProperties);
        files = List.copyOf(files);
    }
}
