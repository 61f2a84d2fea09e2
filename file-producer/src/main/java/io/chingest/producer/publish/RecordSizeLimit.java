package io.chingest.producer.publish;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.RecordBatch;

/**
 * The largest record the producer accepts, checked before sending so that a row too large is rejected naming its
 * file and line instead of failing in a callback: Kafka refuses a record whose size estimate passes
 * {@code max.request.size} or {@code buffer.memory}, and this computes the same estimate; the broker refuses one
 * larger than the topic's {@code max.message.bytes} ({@link #forTopic}). Immutable.
 */
public final class RecordSizeLimit {

    private final int maxBytes;
    private final String limitName;
    private final CompressionType compression;

    RecordSizeLimit(int maxRequestSize, long bufferMemory, CompressionType compression) {
        this(
                (int) Math.min(maxRequestSize, bufferMemory),
                maxRequestSize <= bufferMemory ? "max.request.size" : "buffer.memory (--producer-buffer-bytes)",
                compression);
    }

    private RecordSizeLimit(int maxBytes, String limitName, CompressionType compression) {
        this.maxBytes = maxBytes;
        this.limitName = limitName;
        this.compression = compression;
    }

    /** The limit of a producer configured with {@code producerProperties}. */
    public static RecordSizeLimit of(Map<String, Object> producerProperties) {
        ProducerConfig config = new ProducerConfig(producerProperties);
        Compression compression = Compression.of(config.getString(ProducerConfig.COMPRESSION_TYPE_CONFIG))
                .build();
        return new RecordSizeLimit(
                config.getInt(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
                config.getLong(ProducerConfig.BUFFER_MEMORY_CONFIG),
                compression.type());
    }

    /**
     * This limit or the topic's {@code max.message.bytes}, whichever is lower: the broker refuses a record batch
     * larger than that, and a batch of one record is as large as the estimate here.
     *
     * @param maxMessageBytes the topic's max.message.bytes, or null when it is not known
     */
    public RecordSizeLimit forTopic(String topic, Integer maxMessageBytes) {
        if (maxMessageBytes == null || maxMessageBytes >= maxBytes) {
            return this;
        }
        return new RecordSizeLimit(maxMessageBytes, "max.message.bytes of topic '" + topic + "'", compression);
    }

    /** Null when the record fits, else the reason it does not ("the record is 5000 bytes, more than ..."). */
    public String refusal(byte[] key, byte[] value, Header[] headers) {
        int size = AbstractRecords.estimateSizeInBytesUpperBound(
                RecordBatch.CURRENT_MAGIC_VALUE, compression, key, value, headers);
        if (size <= maxBytes) {
            return null;
        }
        return "the record is " + size + " bytes for Kafka, more than " + limitName + " (" + maxBytes + " bytes)";
    }
}
