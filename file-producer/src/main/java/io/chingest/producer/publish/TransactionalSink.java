package io.chingest.producer.publish;

import io.chingest.common.wire.AvroWireEncoder;
import io.chingest.producer.parse.RowPrefix;
import io.chingest.producer.progress.FileBeginning;
import io.chingest.producer.progress.FileIdentity;
import io.chingest.producer.progress.FileProgress;
import io.chingest.producer.progress.ProgressReader;
import io.chingest.producer.progress.ResumePoint;
import io.chingest.producer.quarantine.DeadLetterTopic;
import io.chingest.producer.quarantine.RejectedRow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;

/**
 * Sends each file exactly once to its topic: one transactional producer per file, whose {@code transactional.id} is
 * {@code file-producer/<topic>/<sha256 of the file>}, so a second sender of the same bytes (a restarted run after
 * kill -9, another host) fences the first, and {@code initTransactions} aborts whatever the fenced one left open. Each
 * chunk's records, dead letters and the file's new position in the progress topic are one transaction. Every record
 * carries its {@link ProvenanceHeaders}; the file's name, the ingest host, the topic's id and the file's first bytes
 * through the last committed row are in its progress record, and {@link ResumePoint} decides from them where a file
 * starts. Memory: the producer's buffer.memory per open file (one at a time).
 *
 * <p>Threads: the sending thread calls everything but {@link FileSession#prepare}, which the pipeline's reading thread
 * calls. {@code prepare} uses the {@link AvroWireEncoder}, which is not thread-safe (it reuses its output buffer and
 * Avro encoder between records): it is used by {@code prepare} alone, so by one reading thread at a time; the next
 * file's reading thread starts after the last one was joined, which orders their uses. The keys, size limit and
 * provenance headers {@code prepare} also uses are immutable.
 */
public final class TransactionalSink implements RecordSink {

    private final Map<String, Object> producerProperties;
    private final String topic;
    private final AvroWireEncoder encoder;
    private final RecordSizeLimit sizeLimit;
    private final ProgressReader progress;
    private final String progressTopic;
    private final Function<Map<String, Object>, Producer<byte[], byte[]>> producers;
    private final DeadLetterTopic deadLetters;
    private final Function<GenericRecord, byte[]> keys;
    private final String host;
    private final String topicId;
    private long sent;
    private long committed;
    private Exception firstError;

    /**
     * @param producerProperties the producer configuration without transactional.id
     * @param producers          creates a producer from its configuration ({@code KafkaProducer::new})
     * @param progress           reads the progress topic {@code progressTopic} (read_committed)
     * @param deadLetters        the dead-letter topic, or null
     * @param keys               the record key of a record (null keys allowed)
     * @param topicId            the topic's id ({@link io.chingest.producer.progress.TopicIncarnation}), read once per
     *                           run; null when unknown, so that every progress record counts as the topic's
     */
    public TransactionalSink(
            Map<String, Object> producerProperties,
            Function<Map<String, Object>, Producer<byte[], byte[]>> producers,
            String topic,
            AvroWireEncoder encoder,
            RecordSizeLimit sizeLimit,
            ProgressReader progress,
            String progressTopic,
            DeadLetterTopic deadLetters,
            Function<GenericRecord, byte[]> keys,
            String host,
            String topicId) {
        this.topicId = topicId;
        this.producerProperties = Map.copyOf(producerProperties);
        this.producers = producers;
        this.progressTopic = progressTopic;
        this.topic = topic;
        this.encoder = encoder;
        this.sizeLimit = sizeLimit;
        this.progress = progress;
        this.deadLetters = deadLetters;
        this.keys = keys;
        this.host = host;
    }

    /** The transactional.id of the producer that sends {@code file} to {@code topic}. */
    public static String transactionalId(String topic, FileIdentity file) {
        return "file-producer/" + topic + "/" + file.sha256();
    }

    @Override
    public FileSession open(Path file) throws IOException {
        FileIdentity identity = FileIdentity.of(file);
        Map<String, Object> properties = new HashMap<>(producerProperties);
        properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(topic, identity));
        Producer<byte[], byte[]> producer = producers.apply(properties);
        try {
            producer.initTransactions();
            ResumePoint before = ResumePoint.decide(
                    file,
                    topic,
                    topicId,
                    progress.lookup(topic, identity, file.getFileName().toString()),
                    prefix -> FileBeginning.commonPrefix(file, prefix));
            return new Session(producer, file, identity, before);
        } catch (IOException | RuntimeException e) {
            producer.close();
            throw e;
        }
    }

    @Override
    public boolean hasFailed() {
        return firstError != null;
    }

    /** The totals so far; the sink holds nothing open between files, so it may go on being used. */
    @Override
    public PublishOutcome finish() {
        return new PublishOutcome(topic, sent, committed, sent - committed, firstError);
    }

    /** One file's transactional producer. */
    private final class Session implements FileSession {
        private final Producer<byte[], byte[]> producer;
        private final Path file;
        private final FileIdentity identity;
        private final ResumePoint before;
        private final ProvenanceHeaders provenance;
        private boolean inTransaction;
        private long pending;
        private long published;
        /** The lines the open chunk's first and last records start on, for a refusal that names the chunk. */
        private long chunkFirstLine;

        private long chunkLastLine;

        Session(Producer<byte[], byte[]> producer, Path file, FileIdentity identity, ResumePoint before) {
            this.producer = producer;
            this.file = file;
            this.identity = identity;
            this.before = before;
            this.provenance = new ProvenanceHeaders(identity);
        }

        @Override
        public FileProgress sentBefore() {
            return before.progress();
        }

        @Override
        public ResumePoint resumePoint() {
            return before;
        }

        @Override
        public PreparedRecord prepare(GenericRecord record, long line) {
            byte[] payload = encoder.encode(record);
            byte[] key = keys.apply(record);
            Header[] headers = provenance.of(line);
            String refusal = sizeLimit.refusal(key, payload, headers);
            if (refusal != null) {
                throw new RecordTooLargeForKafkaException(refusal);
            }
            return new PreparedRecord(key, payload, headers, line);
        }

        @Override
        public void send(PreparedRecord record) {
            begin();
            if (pending == 0) {
                chunkFirstLine = record.line();
            }
            chunkLastLine = record.line();
            send(new ProducerRecord<>(topic, null, record.key(), record.payload(), List.of(record.headers())));
            pending++;
            sent++;
        }

        @Override
        public void deadLetter(RejectedRow row) {
            if (deadLetters != null) {
                begin();
                deadLetters.send(producer, row);
            }
        }

        @Override
        public void commit(long rowsHandled, boolean complete) {
            commit(rowsHandled, complete, null);
        }

        @Override
        public void commit(long rowsHandled, boolean complete, RowPrefix prefix) {
            begin();
            FileProgress position = new FileProgress(rowsHandled, complete, file.toString(), host, topicId, prefix);
            send(new ProducerRecord<>(progressTopic, FileProgress.key(topic, identity), position.toJson()));
            try {
                producer.commitTransaction();
            } catch (KafkaException e) {
                fail(e);
                throw new PublishFailedException(describe(e), e);
            }
            inTransaction = false;
            published += pending;
            committed += pending;
            pending = 0;
        }

        @Override
        public long published() {
            return published;
        }

        @Override
        public void close() {
            try {
                if (inTransaction) {
                    inTransaction = false;
                    sent -= pending;
                    pending = 0;
                    try {
                        producer.abortTransaction();
                    } catch (KafkaException e) {
                        // A fenced or failed producer: the broker aborts the transaction when it times out or the
                        // next producer of this file initialises.
                    }
                }
            } finally {
                producer.close();
            }
        }

        private void begin() {
            if (!inTransaction) {
                producer.beginTransaction();
                inTransaction = true;
            }
        }

        private void send(ProducerRecord<byte[], byte[]> record) {
            try {
                producer.send(record);
            } catch (KafkaException e) {
                fail(e);
                throw new PublishFailedException(describe(e), e);
            }
        }

        private void fail(Exception e) {
            if (firstError == null) {
                firstError = e;
            }
        }

        private String describe(KafkaException e) {
            if (e instanceof ProducerFencedException) {
                return "another producer took over sending " + file + " to topic '" + topic + "' (transactional.id "
                        + transactionalId(topic, identity) + " fenced)";
            }
            if (causedBy(e, RecordTooLargeException.class) && pending > 0) {
                String lines = chunkFirstLine == chunkLastLine
                        ? "line " + chunkFirstLine
                        : "lines " + chunkFirstLine + "-" + chunkLastLine;
                return "the broker refused a record of " + file + " " + lines
                        + " as too large for topic '" + topic + "' (its max.message.bytes, or the broker's"
                        + " message.max.bytes); nothing of these lines was committed: " + e.getMessage();
            }
            return "Kafka did not commit the rows of " + file + " to topic '" + topic + "': " + e.getMessage();
        }

        private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
            for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
                if (type.isInstance(cause)) {
                    return true;
                }
            }
            return false;
        }
    }
}
