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
import io.chingest.testing.ProcessCpu;
import io.chingest.testing.ProcessMemory;
import io.chingest.testing.SchemaRegistryExtension;
import io.chingest.testing.ServicesCpu;
import io.chingest.testing.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.DoubleSummaryStatistics;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
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
 * docker/sample/orders.csv and mapped to docker/sample/orders.avsc. Each Kafka path runs {@value #REPEATS_PROPERTY}
 * times (3 by default) in interleaved rounds and is reported by its median, with the range of its ratios, and every
 * path with its CPU time per million rows (this JVM, the broker, the registry) and the share of the cores busy.
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
    /** How often each Kafka path runs; each is reported by its median run. */
    /**
     * Kafka producer settings of every path, bare and {@code send}: batches of up to 128 KiB waited for up to 20 ms
     * instead of Kafka's 16 KiB and 5 ms, with which the broker spent three to four times the CPU per row (README).
     */
    private static final Map<String, String> BATCHING = Map.of("batch.size", "131072", "linger.ms", "20");

    /** The many-small-files path: what each file costs besides its rows (hash, producer, progress lookup, commit). */
    private static final int SMALL_FILES = 20;

    private static final int SMALL_FILE_ROWS = 1_000;

    private static final String REPEATS_PROPERTY = "benchmark.repeats";

    private static final int REPEATS = Integer.getInteger(REPEATS_PROPERTY, 3);

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
            // Files of different lengths, so that each is a file of its own (the same bytes would be sent once).
            List<Path> smallFiles = new ArrayList<>();
            long smallFileRows = 0;
            for (int i = 0; i < SMALL_FILES; i++) {
                Path small = directory.resolve("small-" + i + ".csv");
                SampleOrdersFile.write(small, SMALL_FILE_ROWS + i);
                smallFiles.add(small);
                smallFileRows += SMALL_FILE_ROWS + i;
            }
            long manyFilesRows = smallFileRows;
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

            Timed[] stage = new Timed[3];
            Encoded[] encoded = new Encoded[1];
            Parsed[] parsed = new Parsed[1];
            stage[0] = timed(rows, () -> {
                encoded[0] = encodeOnly(input, target);
                return encoded[0].elapsed;
            });
            stage[1] = timed(rows, () -> {
                parsed[0] = parseOnly(input);
                return parsed[0].elapsed;
            });
            stage[2] = timed(rows, () -> mapOnly(input, target, rows));
            if (encoded[0].rows != rows || parsed[0].rows != rows) {
                throw new IllegalStateException(input + ": " + encoded[0].rows + " rows encoded, " + parsed[0].rows
                        + " parsed, " + rows + " written");
            }

            List<SendPath> paths = List.of(
                    new SendPath(
                            "bare KafkaProducer, pre-encoded records, file-producer's settings",
                            topic -> bareProducer(bootstrapServers, topic, preEncoded, rows)),
                    new SendPath(
                            "the same with file-producer's provenance headers",
                            topic -> bareProducer(bootstrapServers, topic, preEncoded, rows, provenance, false)),
                    new SendPath(
                            "the same in transactions of " + SendPipeline.DEFAULT_CHUNK_ROWS + " records",
                            topic -> bareProducer(bootstrapServers, topic, preEncoded, rows, provenance, true)),
                    new SendPath(
                            "file-producer send: parse, map, encode, publish",
                            topic -> fileProducer(bootstrapServers, registryUrl, topic, schemaFile, input, rows)),
                    new SendPath(
                            "file-producer send --chunk-rows 10000",
                            topic -> fileProducer(
                                    bootstrapServers,
                                    registryUrl,
                                    topic,
                                    schemaFile,
                                    input,
                                    rows,
                                    "--chunk-rows",
                                    "10000")));
            List<Timed> manyFiles = new ArrayList<>();
            for (int round = 0; round < REPEATS; round++) {
                String topic = newTopic(bootstrapServers, "files");
                manyFiles.add(timed(
                        manyFilesRows,
                        () -> fileProducer(
                                bootstrapServers, registryUrl, topic, schemaFile, smallFiles, manyFilesRows)));
            }
            // Rounds interleave the paths, each round starting one path later, so that neither a busy moment of the
            // machine nor being first on a fresh broker falls on one path alone.
            List<List<Timed>> runsOfPath = new ArrayList<>();
            paths.forEach(path -> runsOfPath.add(new ArrayList<>()));
            for (int round = 0; round < REPEATS; round++) {
                for (int k = 0; k < paths.size(); k++) {
                    int index = (round + k) % paths.size();
                    String topic = newTopic(bootstrapServers, "path" + index);
                    runsOfPath
                            .get(index)
                            .add(timed(rows, () -> paths.get(index).run().sendTo(topic)));
                }
            }
            Timed baseline = median(runsOfPath.get(0));
            double baselineRate = rows / seconds(baseline.elapsed());

            long preEncodedBytes =
                    preEncoded.stream().mapToLong(bytes -> bytes.length).sum();
            BenchmarkReport report = new BenchmarkReport(String.format(
                            Locale.ROOT,
                            "file-producer benchmark: %d rows shaped like %s, topics of %d partitions, after a %d-row warm-up;"
                                    + " median of %d interleaved runs per path\n"
                                    + "  input: %.0f B CSV and %.0f B encoded per row; the baseline sends %d of the encoded rows"
                                    + " in turn (%.0f B average)",
                            rows,
                            sample.resolve("orders.csv"),
                            PARTITIONS,
                            warmUpRows,
                            REPEATS,
                            (double) csvBytes / rows,
                            (double) encoded[0].bytes / rows,
                            preEncoded.size(),
                            (double) preEncodedBytes / preEncoded.size()))
                    .baseline(
                            paths.get(0).what(),
                            rows,
                            baseline.elapsed(),
                            spread(runsOfPath.get(0), rows, baselineRate) + baseline.cpu());
            for (int i = 1; i < paths.size(); i++) {
                Timed median = median(runsOfPath.get(i));
                report.measured(
                        paths.get(i).what(),
                        rows,
                        median.elapsed(),
                        spread(runsOfPath.get(i), rows, baselineRate) + median.cpu());
            }
            Timed files = median(manyFiles);
            report.measured(
                    String.format(
                            Locale.ROOT,
                            "file-producer send of %d files of about %d rows (%.0f ms per file)",
                            SMALL_FILES,
                            SMALL_FILE_ROWS,
                            files.elapsed().toNanos() / 1e6 / SMALL_FILES),
                    manyFilesRows,
                    files.elapsed(),
                    spread(manyFiles, manyFilesRows, baselineRate) + files.cpu());
            System.out.print(report.measured(
                            "parse, map, encode only (no Kafka)", encoded[0].rows, stage[0].elapsed(), stage[0].cpu())
                    .measured(
                            "parse only (no map, no encode, no Kafka)",
                            parsed[0].rows,
                            stage[1].elapsed(),
                            stage[1].cpu())
                    .measured(
                            "map only: " + PRE_ENCODED_ROWS + " parsed rows in turn (no parse, no encode)",
                            rows,
                            stage[2].elapsed(),
                            stage[2].cpu())
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
        AvroWireEncoder encoder = new AvroWireEncoder(1, target.schema(), target.writer());
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
                BATCHING));
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
            List<String> command = sendArguments(bootstrapServers, registryUrl, topic, schemaFile);
            command.addAll(List.of("--progress", "none", input.toString()));
            runs.put(heap, JarSendRun.measure(jar, directory, List.of(heap), command, rows));
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
        return fileProducer(bootstrapServers, registryUrl, topic, schemaFile, List.of(file), rows, options);
    }

    /** Runs {@code send} of {@code files} (of {@code rows} rows in all) in this JVM; see the one-file form. */
    private static Duration fileProducer(
            String bootstrapServers,
            String registryUrl,
            String topic,
            Path schemaFile,
            List<Path> files,
            long rows,
            String... options) {
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new FileProducerCommand());
        command.setErr(new PrintWriter(err, true));
        List<String> args = sendArguments(bootstrapServers, registryUrl, topic, schemaFile);
        args.addAll(List.of(options));
        files.forEach(file -> args.add(file.toString()));
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

    /** {@code send} to {@code topic} of the benchmark's services with its batching, ready for more options. */
    private static List<String> sendArguments(
            String bootstrapServers, String registryUrl, String topic, Path schemaFile) {
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
        BATCHING.forEach((key, value) -> args.addAll(List.of("--producer-property", key + "=" + value)));
        return args;
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

    /** One way of sending the rows to a topic, timed from its start to the last acknowledgement. */
    private record SendPath(String what, Send run) {}

    private interface Send {
        Duration sendTo(String topic) throws Exception;
    }

    /** One measured run: its time and what it cost the machine. */
    private record Timed(Duration elapsed, String cpu) {}

    /**
     * Runs {@code path} with the CPU time of this JVM (which does nothing else meanwhile), the broker and the registry
     * read around it.
     */
    private static Timed timed(long rows, Callable<Duration> path) throws Exception {
        long pid = ProcessHandle.current().pid();
        ServicesCpu before = services();
        long ownBefore = ProcessCpu.cpuNanos(pid).orElse(0);
        Duration elapsed = path.call();
        long own = ProcessCpu.cpuNanos(pid).orElse(0) - ownBefore;
        return new Timed(elapsed, before.describeUntil(services(), own, rows));
    }

    private static ServicesCpu services() {
        return ServicesCpu.now(List.of(
                new ServicesCpu.Service("broker", KafkaBrokerExtension.broker().pid()),
                new ServicesCpu.Service(
                        "registry", SchemaRegistryExtension.registry().pid())));
    }

    private static Timed median(List<Timed> runs) {
        List<Timed> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparing(Timed::elapsed));
        return sorted.get(sorted.size() / 2);
    }

    /** "of 3 runs 0.61-0.82 of the baseline; " when the path ran more than once. */
    private static String spread(List<Timed> runs, long rows, double baselineRate) {
        if (runs.size() < 2) {
            return "";
        }
        DoubleSummaryStatistics ratios = runs.stream()
                .mapToDouble(run -> rows / seconds(run.elapsed()) / baselineRate)
                .summaryStatistics();
        return String.format(
                Locale.ROOT, "of %d runs %.2f-%.2f of the baseline; ", runs.size(), ratios.getMin(), ratios.getMax());
    }

    private static double seconds(Duration elapsed) {
        return elapsed.toNanos() / 1e9;
    }

    private record Encoded(long rows, long bytes, Duration elapsed) {}

    private record Parsed(long rows, Duration elapsed) {}
}
