package io.chingest.producer.bench;

import io.chingest.common.config.CommandLineRunner;
import io.chingest.common.wire.AvroWireEncoder;
import io.chingest.producer.FileProducerCommand;
import io.chingest.producer.SendPipeline;
import io.chingest.producer.map.RowToAvroMapper;
import io.chingest.producer.map.TargetSchema;
import io.chingest.producer.parse.DelimitedRowReader;
import io.chingest.producer.parse.ParseSettings;
import io.chingest.producer.parse.ParsedRow;
import io.chingest.producer.progress.FileIdentity;
import io.chingest.producer.publish.ProducerProperties;
import io.chingest.producer.publish.ProvenanceHeaders;
import io.chingest.testing.BenchmarkReport;
import io.chingest.testing.KafkaBrokerExtension;
import io.chingest.testing.ProcessMemory;
import io.chingest.testing.SchemaRegistryExtension;
import io.chingest.testing.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import picocli.CommandLine;

/**
 * Measures file-producer's rate, CSV file to rows acknowledged by Kafka, against a baseline measured in the same run
 * on the same broker: a bare KafkaProducer with file-producer's settings ({@link ProducerProperties}: acks=all,
 * idempotence, lz4, 32 MiB buffer, batch.size and linger.ms) sending records that are already encoded, with no key,
 * no headers and no transactions. Two more bare runs show what exactly-once sending costs by itself: the same records
 * with file-producer's provenance headers, and those in transactions of {@link SendPipeline#DEFAULT_CHUNK_ROWS}.
 * Also measures parse, map and encode alone, without Kafka, and parse alone and map alone, to show which stage bounds
 * that rate. Then {@code send} of a larger file ({@value #LARGE_ROWS_PROPERTY}, default 2,000,000 rows) from the jar,
 * at {@code -Xmx1g} and at {@code -Xmx64m}, with each run's peak RSS. The input is generated in the shape of
 * docker/sample/orders.csv and mapped to docker/sample/orders.avsc.
 *
 * <p>Not a test: {@code mvn -B -Pbenchmark -pl file-producer -am verify -DskipTests -Dbenchmark.records=N} runs it, or
 * {@code java -cp <test class path> io.chingest.producer.bench.ProducerThroughputBenchmark [rows]} in the file-producer
 * directory (the system property {@value #SAMPLE_DIR_PROPERTY} names another sample directory,
 * {@value #LARGE_ROWS_PROPERTY} the large file's rows, 0 to skip its runs, {@value #JAR_PROPERTY} the jar). Runs on the
 * main thread.
 */
public final class ProducerThroughputBenchmark {
    private static final long DEFAULT_ROWS = 1_000_000;
    private static final String SAMPLE_DIR_PROPERTY = "chingest.sample.dir";
    private static final String LARGE_ROWS_PROPERTY = "benchmark.large.records";
    private static final String JAR_PROPERTY = "chingest.producer.jar";
    private static final long DEFAULT_LARGE_ROWS = 2_000_000;
    private static final int PARTITIONS = 4;
    /** Distinct encoded rows the baseline sends in turn: real Avro bytes, so lz4 finds what it finds in the real path. */
    private static final int PRE_ENCODED_ROWS = 8192;

    private ProducerThroughputBenchmark() {}

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : DEFAULT_ROWS;
        try {
            run(rows);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
        // The local services stop in a shutdown hook.
        System.exit(0);
    }

    private static void run(long rows) throws Exception {
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be at least 1, was " + rows);
        }
        // 50,000 rows left send's second run 10-30% faster than its first: the JIT was not done with it.
        long warmUpRows = Math.max(1_000, Math.min(rows / 5, 200_000));
        Path sample = Path.of(System.getProperty(SAMPLE_DIR_PROPERTY, "../docker/sample"))
                .toAbsolutePath()
                .normalize();
        Path schemaFile = sample.resolve("orders.avsc");
        TargetSchema target = TargetSchema.of(new Schema.Parser().parse(schemaFile.toFile()));
        checkColumnsMatch(target.schema(), schemaFile);

        ExecutorService starts = Executors.newFixedThreadPool(2);
        Path directory = Files.createTempDirectory("producer-benchmark");
        try {
            // The services start while the input is written; each accessor waits for its service to serve.
            Future<String> kafka = starts.submit(KafkaBrokerExtension::bootstrapServers);
            Future<String> registry = starts.submit(SchemaRegistryExtension::url);
            Path input = directory.resolve("orders.csv");
            Path warmUp = directory.resolve("warm-up.csv");
            long csvBytes = SampleOrdersFile.write(input, rows);
            SampleOrdersFile.write(warmUp, warmUpRows);
            String bootstrapServers = kafka.get(5, TimeUnit.MINUTES);
            String registryUrl = registry.get(5, TimeUnit.MINUTES);

            ProvenanceHeaders provenance = new ProvenanceHeaders(FileIdentity.of(input));
            List<byte[]> preEncoded = new ArrayList<>();
            forEachEncoded(input, target, PRE_ENCODED_ROWS, preEncoded::add);

            encodeOnly(warmUp, target);
            parseOnly(warmUp);
            mapOnly(warmUp, target, warmUpRows);
            bareProducer(bootstrapServers, newTopic(bootstrapServers, "warm-up-bare"), preEncoded, warmUpRows);
            bareProducer(
                    bootstrapServers,
                    newTopic(bootstrapServers, "warm-up-bare-txn"),
                    preEncoded,
                    warmUpRows,
                    provenance,
                    true);
            fileProducer(
                    bootstrapServers,
                    registryUrl,
                    newTopic(bootstrapServers, "warm-up-send"),
                    schemaFile,
                    warmUp,
                    warmUpRows);

            Encoded encoded = encodeOnly(input, target);
            Parsed parsed = parseOnly(input);
            Duration mapped = mapOnly(input, target, rows);
            Duration bare = bareProducer(bootstrapServers, newTopic(bootstrapServers, "bare"), preEncoded, rows);
            Duration bareHeaders = bareProducer(
                    bootstrapServers, newTopic(bootstrapServers, "bare-headers"), preEncoded, rows, provenance, false);
            Duration bareTransactions = bareProducer(
                    bootstrapServers, newTopic(bootstrapServers, "bare-txn"), preEncoded, rows, provenance, true);
            Duration send = fileProducer(
                    bootstrapServers, registryUrl, newTopic(bootstrapServers, "send"), schemaFile, input, rows);
            Duration smallChunks = fileProducer(
                    bootstrapServers,
                    registryUrl,
                    newTopic(bootstrapServers, "send-10k"),
                    schemaFile,
                    input,
                    rows,
                    "--chunk-rows",
                    "10000");

            if (encoded.rows != rows || parsed.rows != rows) {
                throw new IllegalStateException(input + ": " + encoded.rows + " rows encoded, " + parsed.rows
                        + " parsed, " + rows + " written");
            }
            long preEncodedBytes =
                    preEncoded.stream().mapToLong(bytes -> bytes.length).sum();
            System.out.print(new BenchmarkReport(String.format(
                            Locale.ROOT,
                            "file-producer benchmark: %d rows shaped like %s, topics of %d partitions, after a %d-row warm-up\n"
                                    + "  input: %.0f B CSV and %.0f B encoded per row; the baseline sends %d of the encoded rows"
                                    + " in turn (%.0f B average)",
                            rows,
                            sample.resolve("orders.csv"),
                            PARTITIONS,
                            warmUpRows,
                            (double) csvBytes / rows,
                            (double) encoded.bytes / rows,
                            preEncoded.size(),
                            (double) preEncodedBytes / preEncoded.size()))
                    .baseline("bare KafkaProducer, pre-encoded records, file-producer's settings", rows, bare)
                    .measured("the same with file-producer's provenance headers", rows, bareHeaders)
                    .measured(
                            "the same in transactions of " + SendPipeline.DEFAULT_CHUNK_ROWS + " records",
                            rows,
                            bareTransactions)
                    .measured("file-producer send: parse, map, encode, publish", rows, send)
                    .measured("file-producer send --chunk-rows 10000", rows, smallChunks)
                    .measured("parse, map, encode only (no Kafka)", encoded.rows, encoded.elapsed)
                    .measured("parse only (no map, no encode, no Kafka)", parsed.rows, parsed.elapsed)
                    .measured(
                            "map only: " + PRE_ENCODED_ROWS + " parsed rows in turn (no parse, no encode)",
                            rows,
                            mapped)
                    .format());
            long largeRows = Long.getLong(LARGE_ROWS_PROPERTY, DEFAULT_LARGE_ROWS);
            if (largeRows > 0) {
                largeFile(bootstrapServers, registryUrl, schemaFile, directory, largeRows);
            }
        } finally {
            starts.shutdownNow();
            deleteRecursively(directory);
        }
    }

    /** The generated columns must be the schema's fields, or the benchmark would measure a failing run. */
    private static void checkColumnsMatch(Schema schema, Path schemaFile) {
        var fields = new HashSet<String>();
        schema.getFields().forEach(field -> fields.add(field.name()));
        if (!fields.equals(new HashSet<>(SampleOrdersFile.HEADER))) {
            throw new IllegalStateException(schemaFile + " has fields " + fields + ", the generated CSV has columns "
                    + SampleOrdersFile.HEADER + ": update SampleOrdersFile");
        }
    }

    private static Encoded encodeOnly(Path file, TargetSchema target) throws IOException {
        AtomicLong bytes = new AtomicLong();
        long start = System.nanoTime();
        long rows = forEachEncoded(file, target, Long.MAX_VALUE, encoded -> bytes.addAndGet(encoded.length));
        return new Encoded(rows, bytes.get(), Duration.ofNanos(System.nanoTime() - start));
    }

    /** Parses every row of {@code file} as file-producer does and only counts the rows. */
    private static Parsed parseOnly(Path file) throws IOException {
        long rows = 0;
        long start = System.nanoTime();
        try (DelimitedRowReader reader = DelimitedRowReader.open(file, ParseSettings.csvDefaults())) {
            reader.header().orElseThrow();
            for (ParsedRow row = reader.next(); row != null; row = reader.next()) {
                rows++;
            }
        }
        return new Parsed(rows, Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * Maps {@code rows} rows taken in turn from the first PRE_ENCODED_ROWS rows of {@code file}, parsed beforehand:
     * the mapping stage alone. The records are kept in a small ring so that the JIT cannot drop their allocation.
     */
    private static Duration mapOnly(Path file, TargetSchema target, long rows) throws IOException {
        List<ParsedRow> parsed = new ArrayList<>(PRE_ENCODED_ROWS);
        RowToAvroMapper mapper;
        try (DelimitedRowReader reader = DelimitedRowReader.open(file, ParseSettings.csvDefaults())) {
            mapper = RowToAvroMapper.byHeader(target, reader.header().orElseThrow());
            for (ParsedRow row = reader.next(); row != null && parsed.size() < PRE_ENCODED_ROWS; row = reader.next()) {
                parsed.add(row);
            }
        }
        GenericRecord[] ring = new GenericRecord[1024];
        int size = parsed.size();
        long start = System.nanoTime();
        for (long i = 0; i < rows; i++) {
            ring[(int) (i & (ring.length - 1))] = mapper.map(parsed.get((int) (i % size)));
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        if (ring[0] == null) {
            throw new IllegalStateException(file + ": nothing mapped");
        }
        return elapsed;
    }

    /** Parses, maps and encodes up to {@code limit} rows of {@code file} as file-producer does; returns the count. */
    private static long forEachEncoded(Path file, TargetSchema target, long limit, Consumer<byte[]> sink)
            throws IOException {
        AvroWireEncoder encoder = new AvroWireEncoder(1, target.schema());
        long rows = 0;
        try (DelimitedRowReader reader = DelimitedRowReader.open(file, ParseSettings.csvDefaults())) {
            RowToAvroMapper mapper =
                    RowToAvroMapper.byHeader(target, reader.header().orElseThrow());
            for (ParsedRow row = reader.next(); row != null && rows < limit; row = reader.next()) {
                sink.accept(encoder.encode(mapper.map(row)));
                rows++;
            }
        }
        return rows;
    }

    /** Sends {@code rows} records taken in turn from {@code payloads}, as file-producer sends: no key, a callback. */
    private static Duration bareProducer(String bootstrapServers, String topic, List<byte[]> payloads, long rows) {
        return bareProducer(bootstrapServers, topic, payloads, rows, null, false);
    }

    /**
     * Sends {@code rows} records taken in turn from {@code payloads}: no key, a callback, with {@code provenance}'s
     * headers (line i + 2 for the i-th record, as in the file) unless it is null, and in transactions of
     * {@link SendPipeline#DEFAULT_CHUNK_ROWS} records when {@code transactional}.
     */
    private static Duration bareProducer(
            String bootstrapServers,
            String topic,
            List<byte[]> payloads,
            long rows,
            ProvenanceHeaders provenance,
            boolean transactional) {
        Map<String, Object> properties = new HashMap<>(ProducerProperties.of(
                bootstrapServers,
                ProducerProperties.DEFAULT_BUFFER_BYTES,
                ProducerProperties.DEFAULT_COMPRESSION,
                Map.of()));
        if (transactional) {
            properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "benchmark/" + topic);
        }
        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<Exception> firstError = new AtomicReference<>();
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties)) {
            if (transactional) {
                producer.initTransactions();
            }
            int size = payloads.size();
            for (long i = 0; i < rows; i++) {
                if (transactional && i % SendPipeline.DEFAULT_CHUNK_ROWS == 0) {
                    if (i > 0) {
                        producer.commitTransaction();
                    }
                    producer.beginTransaction();
                }
                List<Header> headers = provenance == null ? List.of() : List.of(provenance.of(i + 2));
                byte[] payload = payloads.get((int) (i % size));
                producer.send(
                        new ProducerRecord<byte[], byte[]>(topic, null, null, payload, headers), (metadata, error) -> {
                            if (error == null) {
                                acknowledged.incrementAndGet();
                            } else {
                                firstError.compareAndSet(null, error);
                            }
                        });
            }
            if (transactional) {
                producer.commitTransaction();
            } else {
                producer.flush();
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        if (acknowledged.get() != rows) {
            throw new IllegalStateException(
                    "bare producer to topic '" + topic + "': " + acknowledged.get() + " of " + rows
                            + " records acknowledged",
                    firstError.get());
        }
        return elapsed;
    }

    /**
     * Sends a file of {@code rows} rows with the jar at -Xmx1g, then at -Xmx64m, each to a topic of its own, and
     * prints their rates (process start to exit) and peak RSS, the -Xmx64m run as a ratio to the -Xmx1g one.
     */
    private static void largeFile(
            String bootstrapServers, String registryUrl, Path schemaFile, Path directory, long rows) throws Exception {
        Path jar = Path.of(System.getProperty(JAR_PROPERTY, "target/file-producer.jar"))
                .toAbsolutePath();
        Path input = directory.resolve("large-orders.csv");
        long csvBytes = SampleOrdersFile.write(input, rows);
        Map<String, JarSendRun> runs = new LinkedHashMap<>();
        for (String heap : List.of("-Xmx1g", "-Xmx64m")) {
            String topic = newTopic(bootstrapServers, "jar" + heap.toLowerCase(Locale.ROOT));
            runs.put(
                    heap,
                    JarSendRun.measure(
                            jar,
                            directory,
                            List.of(heap),
                            List.of(
                                    "send",
                                    "--topic",
                                    topic,
                                    "--schema",
                                    schemaFile.toString(),
                                    "--bootstrap-servers",
                                    bootstrapServers,
                                    "--schema-registry",
                                    registryUrl,
                                    "--progress",
                                    "none",
                                    input.toString()),
                            rows));
        }
        JarSendRun large = runs.get("-Xmx1g");
        JarSendRun small = runs.get("-Xmx64m");
        System.out.print(new BenchmarkReport(String.format(
                        Locale.ROOT,
                        "file-producer send of a %d-row file (%.0f MiB CSV) from the jar, process start to exit",
                        rows,
                        csvBytes / (1024.0 * 1024.0)))
                .baseline(
                        "java -Xmx1g -jar file-producer.jar send, peak RSS "
                                + ProcessMemory.mebibytes(large.peakRssBytes()),
                        rows,
                        large.wall())
                .measured(
                        "java -Xmx64m -jar file-producer.jar send, peak RSS "
                                + ProcessMemory.mebibytes(small.peakRssBytes()),
                        rows,
                        small.wall())
                .format());
    }

    /**
     * Runs {@code file-producer send [options] file} in this JVM as its main would, and checks every row was
     * acknowledged.
     */
    private static Duration fileProducer(
            String bootstrapServers,
            String registryUrl,
            String topic,
            Path schemaFile,
            Path file,
            long rows,
            String... options) {
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new FileProducerCommand());
        command.setErr(new PrintWriter(err, true));
        List<String> args = new ArrayList<>(List.of(
                "send",
                "--topic",
                topic,
                "--schema",
                schemaFile.toString(),
                "--bootstrap-servers",
                bootstrapServers,
                "--schema-registry",
                registryUrl));
        args.addAll(List.of(options));
        args.add(file.toString());
        long start = System.nanoTime();
        int exitCode = CommandLineRunner.execute(command, args.toArray(String[]::new));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        String expected = rows + " rows read, " + rows + " published, 0 rejected";
        if (exitCode != 0 || !err.toString().contains(expected)) {
            throw new IllegalStateException("file-producer send to topic '" + topic + "' exited with " + exitCode
                    + ", expected \"" + expected + "\"; its output:\n" + err);
        }
        return elapsed;
    }

    /** A new topic of PARTITIONS partitions, served by its leader before anything is sent to it. */
    private static String newTopic(String bootstrapServers, String prefix) throws Exception {
        String topic = "benchmark-" + prefix + "-" + System.nanoTime();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Topics.createServed(admin, topic, PARTITIONS);
        }
        return topic;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private record Encoded(long rows, long bytes, Duration elapsed) {}

    private record Parsed(long rows, Duration elapsed) {}
}
