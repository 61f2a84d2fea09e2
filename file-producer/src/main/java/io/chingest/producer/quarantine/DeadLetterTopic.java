package io.chingest.producer.quarantine;

import io.chingest.producer.publish.RecordSizeLimit;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Builds the dead-letter record of a rejected row and sends it through the producer of the file's transaction: the
 * value is the row's text as UTF-8 (null when the parser could not give it, or when it is too large for Kafka), the
 * key is null, and headers name the row: {@value #FILE_HEADER}, {@value #LINE_HEADER}, {@value #COLUMN_HEADER}
 * (absent when no column is at fault) and {@value #REASON_HEADER}, all UTF-8 text. Immutable and thread-safe.
 */
public final class DeadLetterTopic {

    public static final String FILE_HEADER = "chingest.file";
    public static final String LINE_HEADER = "chingest.line";
    public static final String COLUMN_HEADER = "chingest.column";
    public static final String REASON_HEADER = "chingest.reason";

    private final String topic;
    private final RecordSizeLimit sizeLimit;

    public DeadLetterTopic(String topic, RecordSizeLimit sizeLimit) {
        this.topic = topic;
        this.sizeLimit = sizeLimit;
    }

    public String topic() {
        return topic;
    }

    /** Hands the row's dead-letter record to {@code producer}; failures surface when its transaction commits. */
    public void send(Producer<byte[], byte[]> producer, RejectedRow row) {
        List<Header> headers = new ArrayList<>(4);
        headers.add(header(FILE_HEADER, row.file().toString()));
        headers.add(header(LINE_HEADER, Long.toString(row.line())));
        if (row.column() != null) {
            headers.add(header(COLUMN_HEADER, row.column()));
        }
        headers.add(header(REASON_HEADER, row.reason()));
        byte[] value = row.text() == null ? null : row.text().getBytes(StandardCharsets.UTF_8);
        if (value != null && sizeLimit.refusal(null, value, headers.toArray(Header[]::new)) != null) {
            value = null; // the headers still say which row of which file to look at
        }
        producer.send(new ProducerRecord<byte[], byte[]>(topic, null, (byte[]) null, value, headers));
    }

    private static Header header(String key, String value) {
        return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
