package io.chingest.producer;

import io.chingest.common.config.ByteSizeConverter;
import io.chingest.common.mapping.UnsupportedAvroTypeException;
import io.chingest.common.metrics.IngestMetrics;
import io.chingest.common.registry.SchemaRegistryClient;
import io.chingest.common.registry.SchemaRegistryException;
import io.chingest.common.wire.AvroWireEncoder;
import io.chingest.producer.map.TargetSchema;
import io.chingest.producer.parse.DelimitedFormat;
import io.chingest.producer.parse.ParseSettings;
import io.chingest.producer.publish.KafkaRecordPublisher;
import io.chingest.producer.publish.ProducerProperties;
import io.chingest.producer.publish.TopicReadiness;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * {@code file-producer send}: validates every option at start-up, registers the schema, then streams the files to
 * Kafka and reports. Its fields are set by picocli; one instance per run, on one thread.
 */
@Command(name = "send",
        mixinStandardHelpOptions = true,
        versionProvider = ProducerVersion.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Parses the FILEs, maps each row to an Avro record of the --schema and publishes it to --topic in the"
                + " Confluent wire format (the schema is registered under subject TOPIC-value).",
            "Exit code 0 only when every row was acknowledged by Kafka; 1 when a row cannot be mapped (the rows before"
                + " it are still delivered), a file cannot be read, the schema cannot be registered or a send fails;"
                + " 2 for invalid options.",
            "Every option can also come from --config FILE (key = option name without dashes) or from the environment"
                + " (CH_INGEST_<NAME>, e.g. CH_INGEST_BOOTSTRAP_SERVERS)."})
public final class SendCommand implements Callable<Integer> {

    static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";
    static final long MIN_PRODUCER_BUFFER_BYTES = 1024;
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9a-fA-F:.]+]|[^\\s:\\[\\],]+):(\\d{1,5})");

    @Spec
    CommandSpec spec;

    @Option(names = "--topic", required = true, paramLabel = "TOPIC",
            description = "Kafka topic to publish to.")
    String topic;

    @Option(names = "--schema", required = true, paramLabel = "FILE",
            description = "Avro record schema (.avsc) of the rows. Field types: string, int, long, float, double,"
                    + " boolean (true/false, 1/0, yes/no), decimal as bytes or fixed (plain text, never rounded),"
                    + " date (yyyy-MM-dd), timestamp-millis (2024-01-02T03:04:05.123Z, or 2024-01-02 03:04:05[.123]"
                    + " in UTC), and a union of null with one of them. An empty value is null for a nullable field"
                    + " and the empty string for a string field.")
    Path schemaFile;

    @Option(names = "--format", defaultValue = "csv", paramLabel = "csv|tsv",
            description = "csv: RFC 4180, quoted values may hold delimiters, quotes (doubled) and line breaks;"
                    + " an unquoted empty value is null, a quoted one (\"\") the empty string."
                    + " tsv: tab-separated, no quoting, backslash escapes \\t \\n \\r \\\\, empty or \\N is null."
                    + " Blank lines are skipped. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--delimiter", paramLabel = "CHAR",
            description = "CSV value delimiter, one character; \\t or tab for a tab. Default: ','. TSV is always"
                    + " tab-separated.")
    String delimiter;

    @Option(names = "--quote", defaultValue = "\"", paramLabel = "CHAR",
            description = "CSV quote character; a quote inside a quoted value is written twice. Default: ${DEFAULT-VALUE}.")
    String quote;

    @Option(names = "--header", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "The first line names the columns (the default): each schema field takes the column of"
                    + " its name; a field without column must be nullable (null) or have a default; other columns are"
                    + " ignored with a warning. With --no-header the n-th column feeds the n-th field and every row"
                    + " must have one column per field.")
    boolean header;

    @Option(names = "--encoding", defaultValue = "UTF-8", paramLabel = "CHARSET",
            description = "Character encoding of the files; bytes that are not valid in it are an error."
                    + " Default: ${DEFAULT-VALUE}.")
    String encoding;

    @Option(names = "--bootstrap-servers", defaultValue = DEFAULT_BOOTSTRAP_SERVERS, paramLabel = "HOST:PORT[,...]",
            description = "Kafka brokers to connect to first. Default: ${DEFAULT-VALUE}.")
    String bootstrapServers;

    @Option(names = "--schema-registry", defaultValue = SchemaRegistryClient.DEFAULT_URL, paramLabel = "URL",
            description = "Confluent-compatible schema registry base URL. Default: ${DEFAULT-VALUE}.")
    String schemaRegistry;

    @Option(names = "--compression", defaultValue = ProducerProperties.DEFAULT_COMPRESSION, paramLabel = "TYPE",
            description = "Compression of record batches: none, gzip, snappy, lz4 or zstd. Default: ${DEFAULT-VALUE}.")
    String compression;

    @Option(names = "--producer-buffer-bytes", defaultValue = "32MiB", paramLabel = "SIZE",
            converter = ByteSizeConverter.class,
            description = "Memory bound of the Kafka producer (buffer.memory): rows wait for room while this much"
                    + " is unacknowledged. Sizes like 64MiB, 512KiB or bytes; at least 1KiB. Default: ${DEFAULT-VALUE}.")
    long producerBufferBytes;

    @Option(names = "--producer-property", paramLabel = "KEY=VALUE",
            description = "Further KafkaProducer property, repeatable (e.g. linger.ms=20, max.request.size=4194304,"
                    + " security.protocol=SSL). acks, enable.idempotence and the serializers are fixed; bootstrap"
                    + " servers, buffer and compression have their own options.")
    Map<String, String> producerProperties = new LinkedHashMap<>();

    @Option(names = "--max-value-chars", defaultValue = "" + ParseSettings.DEFAULT_MAX_VALUE_CHARS, paramLabel = "N",
            description = "Longest value, in characters (the parser holds one value buffer of this size)."
                    + " Default: ${DEFAULT-VALUE}.")
    int maxValueChars;

    @Option(names = "--max-columns", defaultValue = "" + ParseSettings.DEFAULT_MAX_COLUMNS, paramLabel = "N",
            description = "Most columns in a row. Default: ${DEFAULT-VALUE}.")
    int maxColumns;

    @Option(names = "--max-row-chars", defaultValue = "" + ParseSettings.DEFAULT_MAX_ROW_CHARS, paramLabel = "N",
            description = "Longest row, in characters including quotes, delimiters and line break; caps the memory"
                    + " one row takes. Default: ${DEFAULT-VALUE}.")
    int maxRowChars;

    @Parameters(paramLabel = "FILE", arity = "1..*",
            description = "Delimited files to publish, in order.")
    List<Path> files = new ArrayList<>();

    @Override
    public Integer call() {
        SendConfig config = config();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return send(config, err);
        } finally {
            err.flush();
        }
    }

    /**
     * Checks every option and builds the run's configuration.
     *
     * @throws ParameterException naming the option at fault
     */
    SendConfig config() {
        if (!TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
            throw invalid("--topic", topic, "'" + topic + "' is not a Kafka topic name (1 to 249 letters, digits,"
                    + " '.', '_' or '-')");
        }
        DelimitedFormat delimitedFormat = switch (format.toLowerCase(Locale.ROOT)) {
            case "csv" -> DelimitedFormat.CSV;
            case "tsv" -> DelimitedFormat.TSV;
            default -> throw invalid("--format", format, "'" + format + "' is not csv or tsv");
        };
        char delimiterChar = delimitedFormat.defaultDelimiter();
        if (delimiter != null) {
            delimiterChar = singleCharacter("--delimiter", delimiter);
            if (delimitedFormat == DelimitedFormat.TSV && delimiterChar != '\t') {
                throw invalid("--delimiter", delimiter, "TSV is always tab-separated; use --format csv for '"
                        + delimiter + "'");
            }
        }
        char quoteChar = singleCharacter("--quote", quote);
        if (delimitedFormat == DelimitedFormat.CSV && quoteChar == delimiterChar) {
            throw invalid("--quote", quote, "the quote cannot be the delimiter too");
        }
        ParseSettings parseSettings = new ParseSettings(delimitedFormat, delimiterChar, quoteChar, header,
                charset(), positive("--max-value-chars", maxValueChars), positive("--max-columns", maxColumns),
                positive("--max-row-chars", maxRowChars));
        return new SendConfig(topic, schemaFile, targetSchema(), parseSettings, registryUrl(), producerConfig(),
                readableFiles());
    }

    private int send(SendConfig config, PrintWriter err) {
        Schema schema = config.target().schema();
        String subject = SchemaRegistryClient.valueSubject(config.topic());
        int schemaId;
        try {
            schemaId = new SchemaRegistryClient(config.schemaRegistryUrl()).register(subject, schema);
        } catch (SchemaRegistryException e) {
            err.println("cannot register the schema of " + config.schemaFile() + " under subject '" + subject
                    + "' at " + config.schemaRegistryUrl() + ": " + e.getMessage());
            return 1;
        }
        Producer<byte[], byte[]> producer;
        try {
            producer = new KafkaProducer<>(config.producerProperties());
        } catch (KafkaException e) {
            err.println("cannot create the Kafka producer for " + bootstrapServers + ": " + withCauses(e));
            return 1;
        }
        try {
            TopicReadiness.of(config.topic(), producer, config.producerProperties())
                    .await(ProducerProperties.maxBlock(config.producerProperties()));
        } catch (IllegalStateException e) {
            producer.close();
            err.println(e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            producer.close();
            err.println("interrupted while waiting for topic '" + config.topic() + "'");
            return 1;
        }
        KafkaRecordPublisher publisher = new KafkaRecordPublisher(producer, config.topic(),
                new AvroWireEncoder(schemaId, schema), IngestMetrics.newRegistry());
        SendPipeline pipeline = new SendPipeline(config.parseSettings(), config.target(), publisher,
                new StopAtFirstBadRow(), err::println);
        SendReport report = pipeline.run(config.files());
        if (report.stopReason() != null) {
            err.println(report.stopReason());
        }
        if (!report.outcome().allAcknowledged()) {
            err.println(report.outcome().failureMessage());
        }
        err.println(report.summary());
        return report.exitCode();
    }

    /** Kafka wraps the useful message ("Failed to load SSL keystore ...") in generic ones: show the chain. */
    private static String withCauses(Throwable error) {
        StringBuilder message = new StringBuilder(String.valueOf(error.getMessage()));
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && message.indexOf(cause.getMessage()) < 0) {
                message.append(": ").append(cause.getMessage());
            }
        }
        return message.toString();
    }

    private char singleCharacter(String option, String value) {
        if (value.equals("\\t") || value.equalsIgnoreCase("tab")) {
            return '\t';
        }
        if (value.length() != 1) {
            throw invalid(option, value, "'" + value + "' is not a single character (write \\t or tab for a tab)");
        }
        char c = value.charAt(0);
        if (c == '\n' || c == '\r') {
            throw invalid(option, value, "a line break cannot be " + option.substring(2));
        }
        return c;
    }

    private Charset charset() {
        try {
            return Charset.forName(encoding);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw invalid("--encoding", encoding, "'" + encoding + "' is not a character encoding this Java"
                    + " supports (e.g. UTF-8, ISO-8859-1, windows-1252)");
        }
    }

    private int positive(String option, int value) {
        if (value < 1) {
            throw invalid(option, String.valueOf(value), "must be at least 1, was " + value);
        }
        return value;
    }

    private TargetSchema targetSchema() {
        String prefix = "'" + schemaFile + "': ";
        Schema schema;
        try {
            schema = new Schema.Parser().parse(schemaFile.toFile());
        } catch (IOException e) {
            throw invalid("--schema", schemaFile.toString(), prefix + "cannot read it: " + e);
        } catch (SchemaParseException e) {
            throw invalid("--schema", schemaFile.toString(), prefix + "not a valid Avro schema: " + e.getMessage());
        }
        try {
            return TargetSchema.of(schema);
        } catch (UnsupportedAvroTypeException | IllegalArgumentException e) {
            throw invalid("--schema", schemaFile.toString(), prefix + e.getMessage());
        }
    }

    private String registryUrl() {
        try {
            new SchemaRegistryClient(schemaRegistry);
        } catch (IllegalArgumentException e) {
            throw invalid("--schema-registry", schemaRegistry, e.getMessage());
        }
        return schemaRegistry;
    }

    private Map<String, Object> producerConfig() {
        for (String server : bootstrapServers.split(",", -1)) {
            var hostPort = HOST_PORT.matcher(server.trim());
            if (!hostPort.matches() || Integer.parseInt(hostPort.group(2)) < 1
                    || Integer.parseInt(hostPort.group(2)) > 65535) {
                throw invalid("--bootstrap-servers", bootstrapServers, "'" + server.trim() + "' is not host:port"
                        + " (expected HOST:PORT[,HOST:PORT...])");
            }
        }
        if (producerBufferBytes < MIN_PRODUCER_BUFFER_BYTES) {
            throw invalid("--producer-buffer-bytes", String.valueOf(producerBufferBytes),
                    "must be at least 1KiB (1024 bytes), was " + producerBufferBytes);
        }
        if (!ProducerProperties.COMPRESSION_TYPES.contains(compression)) {
            throw invalid("--compression", compression, "'" + compression + "' is not one of "
                    + String.join(", ", ProducerProperties.COMPRESSION_TYPES));
        }
        try {
            return ProducerProperties.of(bootstrapServers, producerBufferBytes, compression, producerProperties);
        } catch (IllegalArgumentException e) {
            throw invalid("--producer-property", producerProperties.toString(), e.getMessage());
        }
    }

    private List<Path> readableFiles() {
        ArgSpec parameter = spec.positionalParameters().get(0);
        for (Path file : files) {
            String reason = !Files.exists(file) ? "does not exist"
                    : !Files.isRegularFile(file) ? "is not a regular file"
                    : !Files.isReadable(file) ? "is not readable" : null;
            if (reason != null) {
                throw new ParameterException(spec.commandLine(), "Invalid value for parameter FILE: '" + file + "' "
                        + reason, parameter, file.toString());
            }
        }
        return files;
    }

    private ParameterException invalid(String option, String value, String reason) {
        return new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': " + reason,
                spec.findOption(option), value);
    }
}
