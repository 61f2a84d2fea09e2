package io.chingest.producer;

import io.chingest.common.config.ByteSizeConverter;
import io.chingest.common.config.InvalidOptionException;
import io.chingest.common.config.OptionChecks;
import io.chingest.producer.map.TargetSchema;
import io.chingest.producer.parse.ParseSettings;
import io.chingest.producer.publish.RecordKeys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * What to publish and how it is kept exactly once (picocli mixin of {@code send} and {@code watch}): topic, schema,
 * progress topic, chunk size, the bound of the reading thread's hand-over, keys. Its fields are set by picocli; one
 * instance per command, one thread.
 */
public final class TopicOptions {

    /** Below a few records' worth the two threads trade records one by one and the overlap is lost. */
    private static final long MIN_PIPELINE_BUFFER_BYTES = 1024;

    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "Kafka topic to publish to.")
    String topic;

    @Option(
            names = "--schema",
            required = true,
            paramLabel = "FILE",
            description = "Avro record schema (.avsc) of the rows. Field types: string, int, long, float, double,"
                    + " boolean (true/false, 1/0, yes/no), decimal as bytes or fixed (plain text, never rounded),"
                    + " date (yyyy-MM-dd), timestamp-millis (2024-01-02T03:04:05.123Z, or 2024-01-02 03:04:05[.123]"
                    + " in UTC), and a union of null with one of them. An empty value is null for a nullable field"
                    + " and the empty string for a string field.")
    Path schemaFile;

    @Option(
            names = "--progress-topic",
            paramLabel = "TOPIC",
            description = "Compacted topic that keeps how far each file was sent, written in the same transaction as"
                    + " the rows; created when missing. Default: TOPIC.progress.")
    String progressTopic;

    @Option(
            names = "--force",
            description = "Send the files again even when an earlier run sent them (all or in part).")
    boolean force;

    @Option(
            names = "--chunk-rows",
            defaultValue = "" + SendPipeline.DEFAULT_CHUNK_ROWS,
            paramLabel = "N",
            description = "Rows per Kafka transaction: the rows of a chunk and the file's new position become"
                    + " visible together. Each commit waits until the chunk is acknowledged, so smaller chunks send"
                    + " slower; after a crash the open chunk is sent again; one chunk must be sent within the"
                    + " producer's transaction.timeout.ms (60 s). Default: ${DEFAULT-VALUE}.")
    int chunkRows;

    @Option(
            names = "--pipeline-buffer-bytes",
            defaultValue = "8MiB",
            paramLabel = "SIZE",
            converter = ByteSizeConverter.class,
            description = "Memory bound of the hand-over from the reading thread (parse, map, encode) to the sending"
                    + " thread: reading waits while this much is ready and not yet sent. Sizes like 16MiB, 512KiB or"
                    + " bytes; at least 1KiB. Default: ${DEFAULT-VALUE}.")
    long pipelineBufferBytes;

    @Option(
            names = "--key-field",
            split = ",",
            paramLabel = "FIELD",
            description = "Schema field(s) whose values make the record key (string, int or long; several joined"
                    + " with |). Default: no key, records are spread over the partitions.")
    List<String> keyFields = new ArrayList<>();

    /**
     * Checks every option of the run and builds its settings.
     *
     * @param defaultRejects the rejects directory when --rejects is not given
     * @throws InvalidOptionException naming the option at fault
     */
    SendSettings settings(
            ParseOptions parse,
            KafkaOptions kafka,
            QuarantineOptions quarantine,
            List<Path> files,
            Path defaultRejects) {
        String validTopic = OptionChecks.topic("--topic", topic);
        ParseSettings parseSettings = parse.validated();
        TargetSchema target = SchemaFile.load(schemaFile);
        String validProgressTopic = OptionChecks.topic(
                "--progress-topic", progressTopic == null ? validTopic + ".progress" : progressTopic);
        if (validProgressTopic.equals(validTopic)) {
            throw new InvalidOptionException("--progress-topic", progressTopic, "must not be the --topic itself");
        }
        if (pipelineBufferBytes < MIN_PIPELINE_BUFFER_BYTES) {
            throw new InvalidOptionException(
                    "--pipeline-buffer-bytes",
                    String.valueOf(pipelineBufferBytes),
                    "must be at least 1KiB (1024 bytes), was " + pipelineBufferBytes);
        }
        try {
            RecordKeys.of(target.schema(), keyFields);
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException("--key-field", String.join(",", keyFields), e.getMessage());
        }
        return new SendSettings(
                validTopic,
                schemaFile,
                target,
                parseSettings,
                kafka.registryUrl(),
                kafka.producerConfig(),
                SchemaFile.readable(files),
                quarantine.rejectsDirectory(defaultRejects),
                quarantine.deadLetterTopic(validTopic),
                quarantine.badRowLimit(),
                validProgressTopic,
                force,
                OptionChecks.positive("--chunk-rows", chunkRows),
                pipelineBufferBytes,
                keyFields,
                IngestHost.name(),
                kafka.registryAccess(),
                kafka.timeout());
    }
}
