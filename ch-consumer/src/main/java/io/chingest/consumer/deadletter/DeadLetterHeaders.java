package io.chingest.consumer.deadletter;

import io.chingest.consumer.encode.RecordRejectedException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The headers of a dead letter: the original record's own headers, then Kafka Connect's error headers (original topic,
 * partition, offset, exception class and message) and ch-consumer's table and column, all UTF-8 text. Stateless.
 */
public final class DeadLetterHeaders {
    public static final String TOPIC = "__connect.errors.topic";
    public static final String PARTITION = "__connect.errors.partition";
    public static final String OFFSET = "__connect.errors.offset";
    public static final String EXCEPTION_CLASS = "__connect.errors.exception.class.name";
    public static final String EXCEPTION_MESSAGE = "__connect.errors.exception.message";
    public static final String STAGE = "__connect.errors.stage";
    public static final String TABLE = "__chingest.errors.table";
    public static final String COLUMN = "__chingest.errors.column";

    private DeadLetterHeaders() {}

    public static Headers of(ConsumerRecord<byte[], byte[]> record, RecordRejectedException reason) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header);
        }
        Throwable cause = reason.getCause() != null ? reason.getCause() : reason;
        add(headers, TOPIC, record.topic());
        add(headers, PARTITION, Integer.toString(record.partition()));
        add(headers, OFFSET, Long.toString(record.offset()));
        add(headers, STAGE, "CH_CONSUMER_ENCODE");
        add(headers, EXCEPTION_CLASS, cause.getClass().getName());
        add(headers, EXCEPTION_MESSAGE, reason.getMessage());
        if (reason.table() != null) {
            add(headers, TABLE, reason.table());
        }
        if (reason.column() != null) {
            add(headers, COLUMN, reason.column());
        }
        return headers;
    }

    private static void add(RecordHeaders headers, String key, String value) {
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
