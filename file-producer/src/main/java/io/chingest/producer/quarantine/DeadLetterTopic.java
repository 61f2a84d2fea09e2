package io.chingest.producer.quarantine;

import io.chingest.producer.publish.RecordSizeLimit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes each rejected row to a dead-letter topic: the value is the row's text as UTF-8 (null when the parser could
 * not give it, or when it is too large for Kafka), the key is null, and headers name the row:
 * {@value #FILE_HEADER}, {@value #LINE_HEADER}, {@value #COLUMN_HEADER} (absent when no column is at fault) and
 * {@value #REASON_HEADER}, all UTF-8 text. Sends through the run's producer, which it does not own; a failed send is
 * kept for {@link #firstError()}. {@link #accept} is for the pipeline's thread; callbacks come from the producer's.
 */
public final class DeadLetterTopic implements RejectedRowSink {

    public static final String FILE_HEADER = "chingest.file";
    public static final String LINE_HEADER = "chingest.line";
    public static final String COLUMN_HEADER = "chingest.column";
    public static final String REASON_HEADER = "chingest.reason";

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final RecordSizeLimit sizeLimit;
    private final AtomicReference<Exception> firstError = new AtomicReference<>();

    public DeadLetterTopic(Producer<byte[], byte[]> producer, String topic, RecordSizeLimit sizeLimit) {
        this.producer = producer;
        this.topic = topic;
        this.sizeLimit = sizeLimit;
    }

    public String topic() {
        return topic;
    }

    @Override
    public void accept(RejectedRow row) {
        List<Header> headers = new ArrayList<>(4);
        headers.add(header(FILE_HEADER, row.file().toString()));
        headers.add(header(LINE_HEADER, Long.toString(row.line())));
        if (row.column() != null) {
            headers.add(header(COLUMN_HEADER, row.column()));
        }
        headers.add(header(REASON_HEADER, row.reason()));
        Header[] headerArray = headers.toArray(Header[]::new);
        byte[] value = row.text() == null ? null : row.text().getBytes(StandardCharsets.UTF_8);
        if (value != null && sizeLimit.refusal(null, value, headerArray) != null) {
            value = null; // the headers still say which row of which file to look at
        }
        try {
            producer.send(new ProducerRecord<byte[], byte[]>(topic, null, (byte[]) null, value, headers), (metadata, error) -> {
                if (error != null) {
                    firstError.compareAndSet(null, error);
                }
            });
        } catch (RuntimeException e) {
            firstError.compareAndSet(null, e);
        }
    }

    /** The first failed send to the dead-letter topic, or null. */
    public Exception firstError() {
        return firstError.get();
    }

    @Override
    public void close() {
        // the producer belongs to the run
    }

    private static Header header(String key, String value) {
        return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
