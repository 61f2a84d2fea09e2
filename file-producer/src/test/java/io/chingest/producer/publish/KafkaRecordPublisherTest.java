package io.chingest.producer.publish;

import io.chingest.common.wire.AvroWireEncoder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaRecordPublisherTest {

    private static final Schema SCHEMA = new Schema.Parser().parse(
            "{\"type\": \"record\", \"name\": \"R\", \"fields\": [{\"name\": \"id\", \"type\": \"int\"}]}");

    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    @Test
    void publishesTheWireFormatWithoutKeyAndCountsAcknowledgements() {
        MockProducer<byte[], byte[]> producer = mockProducer(true);
        KafkaRecordPublisher publisher = publisher(producer);

        publisher.publish(record(1));
        publisher.publish(record(2));
        PublishOutcome outcome = publisher.finish();

        assertThat(producer.history()).hasSize(2);
        ProducerRecord<byte[], byte[]> first = producer.history().get(0);
        assertThat(first.topic()).isEqualTo("orders");
        assertThat(first.key()).isNull();
        assertThat(first.value()).containsExactly(0, 0, 0, 0, 7, 2);
        assertThat(producer.history().get(1).value()).containsExactly(0, 0, 0, 0, 7, 4);
        assertThat(outcome).isEqualTo(new PublishOutcome("orders", 2, 2, 0, null));
        assertThat(outcome.allAcknowledged()).isTrue();
        assertThat(producer.flushed()).isTrue();
        assertThat(producer.closed()).isTrue();
        assertThat(metrics.get("producer.records.acknowledged").tag("topic", "orders").functionCounter().count())
                .isEqualTo(2.0);
    }

    @Test
    void aFailedSendIsCountedAndTheFirstErrorKept() {
        MockProducer<byte[], byte[]> producer = mockProducer(false);
        KafkaRecordPublisher publisher = publisher(producer);
        publisher.publish(record(1));
        publisher.publish(record(2));
        publisher.publish(record(3));

        assertThat(publisher.hasFailed()).isFalse();
        producer.completeNext();
        TimeoutException first = new TimeoutException("Expiring 1 record(s) for orders-0");
        producer.errorNext(first);
        producer.errorNext(new TimeoutException("second"));

        assertThat(publisher.hasFailed()).isTrue();
        PublishOutcome outcome = publisher.finish();
        assertThat(outcome).isEqualTo(new PublishOutcome("orders", 3, 1, 2, first));
        assertThat(outcome.allAcknowledged()).isFalse();
        assertThat(outcome.failureMessage()).isEqualTo("failed to publish to topic 'orders': 2 of 3 records failed;"
                + " first error: TimeoutException: Expiring 1 record(s) for orders-0");
    }

    @Test
    void aSendRejectedBeforeQueueingCountsAsFailed() {
        RecordTooLargeException tooLarge = new RecordTooLargeException("The message is 40000 bytes when serialized"
                + " which is larger than the total memory buffer you have configured");
        MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
                new ByteArraySerializer()) {
            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
                throw tooLarge;
            }
        };
        KafkaRecordPublisher publisher = publisher(producer);

        publisher.publish(record(1));

        assertThat(publisher.hasFailed()).isTrue();
        assertThat(publisher.finish()).isEqualTo(new PublishOutcome("orders", 1, 0, 1, tooLarge));
    }

    @Test
    void finishingTwiceReturnsTheSameOutcomeAndPublishingAfterwardsIsRefused() {
        KafkaRecordPublisher publisher = publisher(mockProducer(true));
        publisher.publish(record(1));

        PublishOutcome outcome = publisher.finish();

        assertThat(publisher.finish()).isSameAs(outcome);
        assertThatThrownBy(() -> publisher.publish(record(2)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("publisher to topic 'orders' has finished");
    }

    @Test
    void anOutcomeWithoutRecordsIsAllAcknowledged() {
        assertThat(publisher(mockProducer(true)).finish().allAcknowledged()).isTrue();
    }

    private KafkaRecordPublisher publisher(MockProducer<byte[], byte[]> producer) {
        return new KafkaRecordPublisher(producer, "orders", new AvroWireEncoder(7, SCHEMA),
                RecordSizeLimit.of(ProducerProperties.of("127.0.0.1:9092", 1L << 20, "none", Map.of())), metrics);
    }

    private static MockProducer<byte[], byte[]> mockProducer(boolean autoComplete) {
        return new MockProducer<>(autoComplete, null, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static GenericRecord record(int id) {
        GenericData.Record record = new GenericData.Record(SCHEMA);
        record.put("id", id);
        return record;
    }
}
