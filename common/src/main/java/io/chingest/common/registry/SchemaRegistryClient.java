package io.chingest.common.registry;

import java.time.Duration;
import org.apache.avro.Schema;

/** Client of the Confluent Schema Registry REST API; thread-safe; caches subject+schema -> id and id -> schema. */
public final class SchemaRegistryClient {
    public static final String DEFAULT_URL = "http://127.0.0.1:8081/apis/ccompat/v7";

    public SchemaRegistryClient(String baseUrl) {
        this(baseUrl, Duration.ofSeconds(10), 3);
    }

    public SchemaRegistryClient(String baseUrl, Duration timeout, int maxRetries) {
    }

    public int register(String subject, Schema schema) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public int idOf(String subject, Schema schema) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public Schema schemaById(int id) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public static String valueSubject(String topic) {
        return topic + "-value";
    }
}
