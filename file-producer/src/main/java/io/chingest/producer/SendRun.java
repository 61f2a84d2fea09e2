package io.chingest.producer;

import io.chingest.common.metrics.IngestMetrics;
import io.chingest.common.registry.SchemaRegistryClient;
import io.chingest.common.registry.SchemaRegistryException;
import io.chingest.common.wire.AvroWireEncoder;
import io.chingest.producer.publish.KafkaRecordPublisher;
import io.chingest.producer.publish.ProducerProperties;
import io.chingest.producer.publish.RecordSizeLimit;
import io.chingest.producer.publish.TopicReadiness;
import io.chingest.producer.quarantine.DeadLetterTopic;
import io.chingest.producer.quarantine.PrintedRows;
import io.chingest.producer.quarantine.Quarantine;
import io.chingest.producer.quarantine.RejectedRowSink;
import io.chingest.producer.quarantine.RejectsFile;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.avro.Schema;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code send} run: registers the schema, creates the producer, waits for the topics, wires parse -> map ->
 * publish with the quarantine, runs the pipeline and reports per file and in total. Runs on the caller's thread, once.
 */
public final class SendRun {

    /** Exit code when every file was sent. */
    public static final int OK = 0;
    /** Exit code when a file failed, the schema could not be registered or Kafka failed a send. */
    public static final int FAILED = 1;
    /** Bad rows of one file printed to the terminal; all of them are in the rejects file. */
    static final long PRINTED_BAD_ROWS_PER_FILE = 10;

    private final SendSettings settings;
    private final PrintWriter err;
    private final MeterRegistry metrics = IngestMetrics.newRegistry();

    /** @param err receives warnings, errors, bad rows and the summary */
    public SendRun(SendSettings settings, PrintWriter err) {
        this.settings = settings;
        this.err = err;
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
        Producer<byte[], byte[]> producer;
        try {
            producer = new KafkaProducer<>(settings.producerProperties());
        } catch (KafkaException e) {
            err.println("cannot create the Kafka producer for "
                    + settings.producerProperties().get("bootstrap.servers") + ": " + withCauses(e));
            return FAILED;
        }
        try {
            awaitTopic(settings.topic(), producer);
            if (settings.deadLetterTopic() != null) {
                awaitTopic(settings.deadLetterTopic(), producer);
            }
        } catch (IllegalStateException e) {
            producer.close();
            err.println(e.getMessage());
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            producer.close();
            err.println("interrupted while waiting for topic '" + settings.topic() + "'");
            return FAILED;
        }
        RecordSizeLimit sizeLimit = RecordSizeLimit.of(settings.producerProperties());
        KafkaRecordPublisher publisher = new KafkaRecordPublisher(producer, settings.topic(),
                new AvroWireEncoder(schemaId, schema), sizeLimit, metrics);
        List<RejectedRowSink> sinks = new ArrayList<>();
        sinks.add(new PrintedRows(err, PRINTED_BAD_ROWS_PER_FILE));
        RejectsFile rejectsFile = new RejectsFile(settings.rejectsDirectory());
        sinks.add(rejectsFile);
        DeadLetterTopic deadLetters = null;
        if (settings.deadLetterTopic() != null) {
            deadLetters = new DeadLetterTopic(producer, settings.deadLetterTopic(), sizeLimit);
            sinks.add(deadLetters);
        }
        SendReport report;
        try (Quarantine quarantine = new Quarantine(sinks)) {
            SendPipeline pipeline = new SendPipeline(settings.parseSettings(), settings.target(), publisher,
                    quarantine, settings.badRowLimit(), err::println);
            report = pipeline.run(settings.files());
        }
        return report(report, rejectsFile, deadLetters);
    }

    private int report(SendReport report, RejectsFile rejectsFile, DeadLetterTopic deadLetters) {
        int exitCode = report.exitCode();
        for (FileOutcome file : report.files()) {
            err.println("file-producer: " + file.summary());
            if (file.rejected() > 0) {
                err.println("file-producer: " + file.rejected() + " bad row" + (file.rejected() == 1 ? "" : "s")
                        + " of " + file.file() + " set aside in " + rejectsFile.fileFor(file.file())
                        + (deadLetters == null ? "" : " and topic '" + deadLetters.topic() + "'"));
            }
        }
        if (!report.outcome().allAcknowledged()) {
            err.println(report.outcome().failureMessage());
        }
        if (deadLetters != null && deadLetters.firstError() != null) {
            err.println("failed to publish bad rows to the dead-letter topic '" + deadLetters.topic() + "': "
                    + deadLetters.firstError());
            exitCode = FAILED;
        }
        err.println(report.summary());
        return exitCode;
    }

    private void awaitTopic(String topic, Producer<byte[], byte[]> producer) throws InterruptedException {
        TopicReadiness.of(topic, producer, settings.producerProperties())
                .await(ProducerProperties.maxBlock(settings.producerProperties()));
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
