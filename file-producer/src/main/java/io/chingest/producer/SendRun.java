package io.chingest.producer;

import io.chingest.common.registry.SchemaRegistryClient;
import io.chingest.common.registry.SchemaRegistryException;
import io.chingest.common.wire.AvroWireEncoder;
import io.chingest.producer.progress.ProgressLog;
import io.chingest.producer.publish.ProducerProperties;
import io.chingest.producer.publish.RecordKeys;
import io.chingest.producer.publish.RecordSizeLimit;
import io.chingest.producer.publish.TopicReadiness;
import io.chingest.producer.publish.TransactionalSink;
import io.chingest.producer.quarantine.DeadLetterTopic;
import io.chingest.producer.quarantine.PrintedRows;
import io.chingest.producer.quarantine.Quarantine;
import io.chingest.producer.quarantine.RejectsFile;
import org.apache.avro.Schema;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;

/**
 * One {@code send} run: registers the schema, waits for the topics (creating the progress topic), wires parse -> map ->
 * publish in transactions with the quarantine, runs the pipeline and reports per file and in total. Runs on the
 * caller's thread, once; {@link #requestStop()} may be called from any thread (SIGTERM): the open chunk is then
 * committed and the run ends with its summary.
 */
public final class SendRun {

    /** Exit code when every file was sent (or the run was stopped on request after committing). */
    public static final int OK = 0;
    /** Exit code when a file failed, the schema could not be registered or Kafka failed a commit. */
    public static final int FAILED = 1;
    /** Bad rows of one file printed to the terminal; all of them are in the rejects file. */
    static final long PRINTED_BAD_ROWS_PER_FILE = 10;

    private final SendSettings settings;
    private final PrintWriter err;
    private volatile boolean stopRequested;

    /** @param err receives warnings, errors, bad rows and the summary */
    public SendRun(SendSettings settings, PrintWriter err) {
        this.settings = settings;
        this.err = err;
    }

    /** Asks the run to commit its open chunk and stop. */
    public void requestStop() {
        stopRequested = true;
    }

    /** Runs to the end; returns the exit code. */
    public int execute() {
        Schema schema = settings.target().schema();
        String subject = SchemaRegistryClient.valueSubject(settings.topic());
        int schemaId;
        try {
            schemaId = new SchemaRegistryClient(settings.schemaRegistryUrl()).register(subject, schema);
        } catch (SchemaRegistryException e) {
            err.println("cannot register the schema of " + settings.schemaFile() + " under subject '" + subject
                    + "' at " + settings.schemaRegistryUrl() + ": " + e.getMessage());
            return FAILED;
        }
        Duration maxBlock = ProducerProperties.maxBlock(settings.producerProperties());
        try (ProgressLog progress = openTopics(maxBlock)) {
            if (progress == null) {
                return FAILED;
            }
            RecordSizeLimit sizeLimit = RecordSizeLimit.of(settings.producerProperties());
            DeadLetterTopic deadLetters = settings.deadLetterTopic() == null ? null
                    : new DeadLetterTopic(settings.deadLetterTopic(), sizeLimit);
            TransactionalSink sink = new TransactionalSink(settings.producerProperties(), KafkaProducer::new,
                    settings.topic(), new AvroWireEncoder(schemaId, schema), sizeLimit, progress,
                    settings.progressTopic(), deadLetters, RecordKeys.of(schema, settings.keyFields()),
                    settings.host());
            RejectsFile rejectsFile = new RejectsFile(settings.rejectsDirectory());
            SendReport report;
            try (Quarantine quarantine = new Quarantine(List.of(new PrintedRows(err, PRINTED_BAD_ROWS_PER_FILE),
                    rejectsFile))) {
                report = new SendPipeline(settings.parseSettings(), settings.target(), sink, quarantine,
                        settings.badRowLimit(), err::println, settings.chunkRows(), settings.force(),
                        () -> stopRequested).run(settings.files());
            }
            return report(report, rejectsFile);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("interrupted while waiting for topic '" + settings.topic() + "'");
            return FAILED;
        } catch (IllegalStateException | KafkaException e) {
            err.println(withCauses(e));
            return FAILED;
        }
    }

    /**
     * Creates the progress topic if needed and waits until every topic the run writes is served.
     *
     * @return the progress reader, or null after printing why the topics are not usable
     */
    private ProgressLog openTopics(Duration maxBlock) throws InterruptedException {
        Producer<byte[], byte[]> probe;
        try {
            probe = new KafkaProducer<>(settings.producerProperties());
        } catch (KafkaException e) {
            err.println("cannot create the Kafka producer for "
                    + settings.producerProperties().get("bootstrap.servers") + ": " + withCauses(e));
            return null;
        }
        try {
            TopicReadiness.of(settings.topic(), probe, settings.producerProperties()).await(maxBlock);
            if (settings.deadLetterTopic() != null) {
                TopicReadiness.of(settings.deadLetterTopic(), probe, settings.producerProperties()).await(maxBlock);
            }
            ProgressLog progress = ProgressLog.open(settings.progressTopic(), settings.producerProperties(), maxBlock);
            try {
                TopicReadiness.of(settings.progressTopic(), probe, settings.producerProperties()).await(maxBlock);
            } catch (IllegalStateException e) {
                progress.close();
                throw e;
            }
            return progress;
        } catch (IllegalStateException e) {
            err.println(e.getMessage());
            return null;
        } finally {
            probe.close();
        }
    }

    private int report(SendReport report, RejectsFile rejectsFile) {
        for (FileOutcome file : report.files()) {
            err.println("file-producer: " + file.summary());
            if (file.rejected() > 0) {
                err.println("file-producer: " + file.rejected() + " bad row" + (file.rejected() == 1 ? "" : "s")
                        + " of " + file.file() + " set aside in " + rejectsFile.fileFor(file.file())
                        + (settings.deadLetterTopic() == null ? "" : " and topic '" + settings.deadLetterTopic() + "'"));
            }
        }
        if (report.outcome().firstError() != null) {
            err.println("failed to publish to topic '" + settings.topic() + "': "
                    + withCauses(report.outcome().firstError()));
        }
        err.println(report.summary());
        return report.exitCode();
    }

    /** Kafka wraps the useful message ("Failed to load SSL keystore ...") in generic ones: show the chain. */
    static String withCauses(Throwable error) {
        StringBuilder message = new StringBuilder(String.valueOf(error.getMessage()));
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && message.indexOf(cause.getMessage()) < 0) {
                message.append(": ").append(cause.getMessage());
            }
        }
        return message.toString();
    }
}
