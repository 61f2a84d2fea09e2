package io.chingest.producer.publish;

import java.util.Objects;
import org.apache.kafka.common.header.Header;

/**
 * A record ready for {@link FileSession#send}: encoded, keyed, with its provenance headers and checked for size, so
 * that sending it is only the producer's work. Made by {@link FileSession#prepare} on the reading thread, handed to
 * the sending thread; immutable once made (its arrays are not copied and not changed by anyone after).
 *
 * @param key     the record key, or null
 * @param payload the value in the Confluent wire format
 * @param headers the provenance headers
 * @param line    the line the record starts on
 */
public record PreparedRecord(byte[] key, byte[] payload, Header[] headers, long line) {

    public PreparedRecord {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(headers, "headers");
    }

    /**
     * The bytes key, payload and headers hold, for buffers that budget memory; a header name counts one byte a char
     * (the names are ASCII; counting their UTF-8 would allocate for every record).
     */
    public long sizeInBytes() {
        long size = (key == null ? 0 : key.length) + payload.length;
        for (Header header : headers) {
            size += header.key().length() + (header.value() == null ? 0 : header.value().length);
        }
        return size;
    }
}
