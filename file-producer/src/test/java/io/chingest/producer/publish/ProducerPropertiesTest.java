package io.chingest.producer.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class ProducerPropertiesTest {

    @Test
    void fixesTheDeliveryGuaranteesAndTheMemoryBound() {
        Map<String, Object> properties = ProducerProperties.of(
                "k1:9092,k2:9092", 8L * 1024 * 1024, "zstd", Map.of("linger.ms", "20", "client.id", "nightly-import"));

        assertThat(properties)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "bootstrap.servers", "k1:9092,k2:9092",
                        "buffer.memory", 8L * 1024 * 1024,
                        "compression.type", "zstd",
                        "acks", "all",
                        "enable.idempotence", true,
                        "key.serializer", ByteArraySerializer.class,
                        "value.serializer", ByteArraySerializer.class,
                        "client.id", "nightly-import",
                        "linger.ms", "20"));
    }

    @Test
    void namesTheClientFileProducerUnlessTold() {
        assertThat(ProducerProperties.of("k:9092", 1024, "lz4", Map.of())).containsEntry("client.id", "file-producer");
    }

    @Test
    void rejectsPropertiesThatHaveTheirOwnOptionOrAreFixed() {
        assertThatThrownBy(() -> ProducerProperties.of("k:9092", 1024, "lz4", Map.of("acks", "1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Kafka producer property 'acks' cannot be given: fixed to all: a row counts as sent only"
                        + " when all in-sync replicas have it");
        assertThatThrownBy(() -> ProducerProperties.of("k:9092", 1024, "lz4", Map.of("buffer.memory", "1")))
                .hasMessage("Kafka producer property 'buffer.memory' cannot be given: set it with"
                        + " --producer-buffer-bytes");
    }

    @Test
    void rejectsUnknownPropertiesAndInvalidValues() {
        assertThatThrownBy(() -> ProducerProperties.of("k:9092", 1024, "lz4", Map.of("linger.msec", "5")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'linger.msec' is not a Kafka producer property");
        assertThatThrownBy(() -> ProducerProperties.of("k:9092", 1024, "lz4", Map.of("linger.ms", "soon")))
                .hasMessage("invalid Kafka producer configuration: Invalid value soon for configuration linger.ms:"
                        + " Not a number of type LONG");
    }

    @Test
    void rejectsUnknownCompression() {
        assertThatThrownBy(() -> ProducerProperties.of("k:9092", 1024, "brotli", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("compression 'brotli' is not one of none, gzip, snappy, lz4, zstd");
    }
}
