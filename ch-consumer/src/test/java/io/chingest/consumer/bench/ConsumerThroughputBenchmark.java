package io.chingest.consumer.bench;

import io.chingest.testing.BenchmarkReport;
import io.chingest.testing.ClickHouseExtension;
import io.chingest.testing.JarProgram;
import io.chingest.testing.KafkaBrokerExtension;
import io.chingest.testing.ProcessCpu;
import io.chingest.testing.ProcessMemory;
import io.chingest.testing.SchemaRegistryExtension;
import io.chingest.testing.ServicesCpu;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Measures ch-consumer run as users run it, its own JVM from the jar, on a topic pre-filled with N rows, beside two
 * baselines measured in the same run on the same services:
 * <ul>
 *   <li>A: a bare KafkaConsumer reading the topic to its end, the ceiling for any consumer here;</li>
 *   <li>B: {@code clickhouse-client INSERT ... FORMAT CSV} of the same rows into an equivalent empty table, the
 *   server's own load.</li>
 * </ul>
 * Each consumer run ({@code run --create-table --stop-at-end} into a new table, new group) is reported twice: its
 * steady rate from the first to the last offset commit, and its wall rate from process start to exit; with its peak
 * RSS. The runs: plain {@code java -jar} (the JVM's defaults), the launcher script {@code target/ch-consumer} with its
 * settings but {@code -Xmx64m} and then {@code -Xmx1g} (a budget that fits 64 MiB), and the launcher with its defaults. Every load (B and each consumer run) must leave
 * exactly N rows of N distinct ids in its table, or the benchmark fails: B at once; a consumer run that fails (an exit
 * code other than 0, offsets or rows not exactly N) is reported as FAILED, the other runs go on, and the benchmark
 * exits with 1 after the report.
 *
 * <p>Not a test: {@code mvn -B -Pbenchmark -pl ch-consumer -am verify -DskipTests -Dbenchmark.records=N} runs it
 * (N rounded down to a multiple of 4). System properties: {@code benchmark.repeats} (run every path this many
 * times, interleaved, and report each by its median steady rate; default 1), {@code benchmark.shapes} ({@code narrow,trades}: 6 and 16
 * columns), {@code benchmark.jvm.variants} (further launcher runs, separated by {@code ;}, each a JAVA_OPTS value that
 * replaces the launcher's JVM settings, optionally after {@code NAME=value} environment words such as
 * {@code MALLOC_ARENA_MAX=8}; words after a lone {@code --} are ch-consumer options added to that run, and without
 * JVM words before it the launcher keeps its own settings),
 * {@code benchmark.work.dir} (keep the CSV files and each consumer's output there instead of a temporary directory
 * deleted at the end), {@code chingest.consumer.jar} and {@code chingest.consumer.launcher}. Runs on the main thread.
 */
public final class ConsumerThroughputBenchmark {
    /** Buffers that fit a 64 MiB heap with room for Kafka's fetches, decoding and the insert. */
    private static final List<String> SMALL_BUDGET =
            List.of("--max-buffered-bytes", "24MiB", "--batch-max-bytes", "8MiB");

    private static final long DEFAULT_ROWS = 1_000_000;
    private static final int PARTITIONS = 4;
    private static final Path JAR = Path.of(System.getProperty("chingest.consumer.jar", "target/ch-consumer.jar"))
            .toAbsolutePath();
    private static final Path LAUNCHER = Path.of(System.getProperty("chingest.consumer.launcher", "target/ch-consumer"))
            .toAbsolutePath();
    private static final long TARGET_RSS_BYTES = 256L * 1024 * 1024;
    /** How often each path runs; each path is reported by its median run. */
    private static final int REPEATS = Integer.getInteger("benchmark.repeats", 1);
    /** The launcher's JVM settings other than the heap: keep in step with src/main/sh/ch-consumer. */
    private static final List<String> LAUNCHER_SETTINGS_BESIDE_HEAP = List.of(
            "-XX:MaxDirectMemorySize=96m",
            "-XX:+UseSerialGC",
            "-XX:ReservedCodeCacheSize=32m",
            "-XX:MaxMetaspaceSize=96m",
            "-Xss512k");

    private final String bootstrapServers;
    private final String registryUrl;
    private final Admin admin;
    private final Path directory;
    private final List<String> failures = new ArrayList<>();
    private int names;

    private ConsumerThroughputBenchmark(String bootstrapServers, String registryUrl, Admin admin, Path directory) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.admin = admin;
        this.directory = directory;
    }

    public static void main(String[] args) {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : DEFAULT_ROWS;
        try {
            run(rows);
        } catch (Throwable e) {
            System.out.flush();
            System.err.println("ch-consumer benchmark FAILED:");
            e.printStackTrace();
            System.exit(1);
        }
        // The local services stop in a shutdown hook.
        System.exit(0);
    }

    private static void run(long requestedRows) throws Exception {
        long perPartition = requestedRows / PARTITIONS;
        if (perPartition < 1) {
            throw new IllegalArgumentException("rows must be at least " + PARTITIONS + ", was " + requestedRows);
        }
        List<BenchmarkRows> shapes = shapes(System.getProperty("benchmark.shapes", "narrow,trades"));
        List<List<String>> variants = variants(System.getProperty("benchmark.jvm.variants", ""));
        ExecutorService starts = Executors.newFixedThreadPool(3);
        String keep = System.getProperty("benchmark.work.dir", "");
        Path directory = keep.isEmpty()
                ? Files.createTempDirectory("consumer-benchmark")
                : Files.createDirectories(Path.of(keep).toAbsolutePath());
        try {
            // The services start together; each accessor waits until its service serves.
            Future<String> kafka = starts.submit(KafkaBrokerExtension::bootstrapServers);
            Future<String> registry = starts.submit(SchemaRegistryExtension::url);
            Future<String> clickHouse = starts.submit(ClickHouseExtension::httpUrl);
            String bootstrapServers = kafka.get(5, TimeUnit.MINUTES);
            String registryUrl = registry.get(5, TimeUnit.MINUTES);
            clickHouse.get(5, TimeUnit.MINUTES);
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
                ConsumerThroughputBenchmark benchmark =
                        new ConsumerThroughputBenchmark(bootstrapServers, registryUrl, admin, directory);
                List<String> reports = new ArrayList<>();
                for (BenchmarkRows shape : shapes) {
                    reports.add(benchmark.measure(shape, perPartition, variants));
                }
                System.out.println();
                reports.forEach(System.out::print);
                if (!benchmark.failures.isEmpty()) {
                    throw new IllegalStateException(benchmark.failures.size() + " consumer run(s) failed:\n  "
                            + String.join("\n  ", benchmark.failures));
                }
            }
        } finally {
            starts.shutdownNow();
            if (keep.isEmpty()) {
                deleteRecursively(directory);
            }
        }
    }

    private String measure(BenchmarkRows shape, long perPartition, List<List<String>> variants) throws Exception {
        long rows = perPartition * PARTITIONS;
        long warmUpPerPartition = Math.max(250, Math.min(perPartition / 10, 12_500));
        String jvm = Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " cores";

        // Warm-up: the broker's and ClickHouse's caches, the client and this JVM's code paths, on a small topic.
        PrefilledTopic warmUp = fill(shape, warmUpPerPartition, "warm-up");
        bare(warmUp);
        directLoad(shape, warmUp);
        rowBinaryLoad(shape, warmUp, rowBinaryOf(shape, warmUp));
        consumer(shape, warmUp, "warm-up", launcher());

        PrefilledTopic topic = fill(shape, perPartition, "bench");
        Path rowBinary = rowBinaryOf(shape, topic);
        List<Variant> plan = new ArrayList<>();
        plan.add(new Variant("java -jar, JVM defaults", jar(List.of()), List.of()));
        // The small-heap pair: the launcher's settings with only -Xmx changed, and a budget that fits 64 MiB of heap.
        plan.add(new Variant(
                "launcher, -Xmx64m, " + String.join(" ", SMALL_BUDGET), launcher(withHeap("64m")), SMALL_BUDGET));
        plan.add(new Variant(
                "launcher, -Xmx1g, " + String.join(" ", SMALL_BUDGET), launcher(withHeap("1g")), SMALL_BUDGET));
        plan.add(new Variant("launcher target/ch-consumer, defaults", launcher(), List.of()));
        for (int i = 0; i < variants.size(); i++) {
            List<String> words = variants.get(i);
            int split = words.indexOf("--");
            List<String> jvmWords = split < 0 ? words : words.subList(0, split);
            List<String> consumerOptions = split < 0 ? List.of() : words.subList(split + 1, words.size());
            plan.add(new Variant("launcher, variant " + (i + 1), launcher(jvmWords), consumerOptions));
        }
        // Rounds interleave the paths, so that a busy moment of the machine spreads over all of them.
        List<Timed> bares = new ArrayList<>();
        List<Timed> directs = new ArrayList<>();
        List<Timed> rowBinaries = new ArrayList<>();
        List<List<Run>> rounds = new ArrayList<>();
        for (int round = 0; round < REPEATS; round++) {
            bares.add(bare(topic));
            directs.add(directLoad(shape, topic));
            rowBinaries.add(rowBinaryLoad(shape, topic, rowBinary));
            List<Run> runsOfRound = new ArrayList<>();
            for (Variant variant : plan) {
                runsOfRound.add(consumer(shape, topic, variant.what(), variant.start(), variant.options()));
            }
            rounds.add(runsOfRound);
        }
        // C2: the rows as the consumer stored them (its provenance columns, its table's ORDER BY), loaded by the
        // client.
        Run firstRun = rounds.get(0).get(0);
        List<Timed> consumerLayouts = new ArrayList<>();
        if (firstRun.failure == null) {
            Path consumerRows = directory.resolve(topic.topic() + ".consumer.bin");
            DirectLoadBaseline.dump(ClickHouseExtension.server().tcpPort(), firstRun.table, "RowBinary", consumerRows);
            for (int round = 0; round < REPEATS; round++) {
                consumerLayouts.add(consumerLayoutLoad(firstRun.table, topic, consumerRows));
            }
        }
        Timed bareRun = median(bares);
        Timed directRun = median(directs);
        Timed rowBinaryRun = median(rowBinaries);
        Duration bare = bareRun.elapsed();
        Duration direct = directRun.elapsed();
        List<Run> runs = new ArrayList<>();
        List<String> spreads = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            int index = i;
            List<Run> ofVariant = rounds.stream().map(round -> round.get(index)).toList();
            runs.add(medianRun(ofVariant));
            spreads.add(spread(ofVariant, rows / seconds(bare)));
        }

        double directRate = rows / seconds(direct);
        BenchmarkReport report = new BenchmarkReport(String.format(
                        Locale.ROOT,
                        "ch-consumer benchmark: %d %s rows (%d columns, %.0f B Avro, %.0f B CSV per row) on a topic of %d"
                                + " partitions, after a %d-row warm-up; %s",
                        rows,
                        shape.name(),
                        shape.schema().getFields().size(),
                        (double) topic.avroBytes() / rows,
                        (double) topic.csvBytes() / rows,
                        PARTITIONS,
                        warmUp.rows(),
                        jvm))
                .baseline("A: bare KafkaConsumer reading the topic to its end", rows, bare)
                .measured("A: the same run, its CPU", rows, bare, bareRun.cpu())
                .measured("B: clickhouse-client INSERT ... FORMAT CSV < rows.csv", rows, direct, directRun.cpu())
                .measured(
                        "C: clickhouse-client INSERT ... FORMAT RowBinary < rows.bin",
                        rows,
                        rowBinaryRun.elapsed(),
                        String.format(
                                Locale.ROOT,
                                "%.2f of B  %s",
                                rows / seconds(rowBinaryRun.elapsed()) / (rows / seconds(direct)),
                                rowBinaryRun.cpu()));
        if (!consumerLayouts.isEmpty()) {
            Timed consumerLayout = median(consumerLayouts);
            report.measured(
                    "C2: the same, into the consumer's table layout (provenance columns)",
                    rows,
                    consumerLayout.elapsed(),
                    String.format(
                            Locale.ROOT,
                            "%.2f of B  %s",
                            rows / seconds(consumerLayout.elapsed()) / directRate,
                            consumerLayout.cpu()));
        }
        List<Run> failed = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Run run = runs.get(i);
            ConsumerProcessRun result = run.result;
            if (run.failure != null) {
                failed.add(run);
                continue;
            }
            String memory = "peak RSS " + ProcessMemory.mebibytes(result.peakRssBytes());
            if (result.hasSteadyWindow()) {
                report.measured(
                        run.what + ": steady",
                        result.steadyRows(),
                        result.steadyWindow(),
                        String.format(
                                Locale.ROOT,
                                "%.2f of B  %s  (first commit after %.1f s, %d commits seen)%s%n            %s",
                                result.steadyRowsPerSecond() / directRate,
                                memory,
                                seconds(result.firstCommit()),
                                result.commitChanges(),
                                spreads.get(i),
                                result.cpu()));
            }
            report.measured(
                    run.what + ": wall",
                    rows,
                    result.wall(),
                    String.format(
                            Locale.ROOT,
                            "%.2f of B%s",
                            rows / seconds(result.wall()) / directRate,
                            result.hasSteadyWindow()
                                    ? ""
                                    : "  " + memory + "  (no steady window: " + result.commitChanges()
                                            + " commits seen within "
                                            + result.steadyWindow().toMillis() + " ms)"));
        }
        StringBuilder text = new StringBuilder(report.format());
        for (Run run : failed) {
            text.append(String.format(
                    Locale.ROOT,
                    "  FAILED    %s after %.2f s, peak RSS %s: %s%n",
                    run.what,
                    seconds(run.result.wall()),
                    ProcessMemory.mebibytes(run.result.peakRssBytes()),
                    run.failure));
        }
        Run small = runs.get(1);
        Run large = runs.get(2);
        Run plain = runs.get(0);
        Run launcher = runs.get(3);
        text.append(String.format(
                Locale.ROOT,
                "  targets: steady launcher / A = %s, java -jar / A = %s (>= 0.7); -Xmx64m / -Xmx1g steady = %s"
                        + " (>= 0.9), peak RSS %s / %s; launcher peak RSS %s (< 256 MiB: %s)%n",
                ratio(
                        launcher.result.hasSteadyWindow() ? launcher.result.steadyRowsPerSecond() : Double.NaN,
                        report.baselineRowsPerSecond()),
                ratio(
                        plain.result.hasSteadyWindow() ? plain.result.steadyRowsPerSecond() : Double.NaN,
                        report.baselineRowsPerSecond()),
                small.failure == null
                                && large.failure == null
                                && small.result.hasSteadyWindow()
                                && large.result.hasSteadyWindow()
                        ? ratio(small.result.steadyRowsPerSecond(), large.result.steadyRowsPerSecond())
                        : "n/a",
                ProcessMemory.mebibytes(small.result.peakRssBytes()),
                ProcessMemory.mebibytes(large.result.peakRssBytes()),
                ProcessMemory.mebibytes(launcher.result.peakRssBytes()),
                launcher.result.peakRssBytes() < TARGET_RSS_BYTES ? "yes" : "NO"));
        for (int i = 0; i < variants.size(); i++) {
            text.append("  variant ")
                    .append(i + 1)
                    .append(": ")
                    .append(String.join(" ", variants.get(i)))
                    .append('\n');
        }
        for (Run run : runs) {
            text.append("  ")
                    .append(run.what)
                    .append(": ")
                    .append(run.result.summary())
                    .append('\n');
        }
        System.out.print(text);
        return text.toString();
    }

    private ConsumerProcessRun.Start launcher() {
        return launcher(List.of());
    }

    /** The launcher's own JVM settings (src/main/sh/ch-consumer) with another -Xmx. */
    private static List<String> withHeap(String heap) {
        List<String> options = new ArrayList<>(List.of("-Xmx" + heap));
        options.addAll(LAUNCHER_SETTINGS_BESIDE_HEAP);
        return options;
    }

    /** The run of median steady rate; a failed run, if any, so that no failure hides behind a median. */
    private static Run medianRun(List<Run> runs) {
        for (Run run : runs) {
            if (run.failure != null || !run.result.hasSteadyWindow()) {
                return run;
            }
        }
        List<Run> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingDouble(run -> run.result.steadyRowsPerSecond()));
        return sorted.get(sorted.size() / 2);
    }

    /** "; of 3 runs 0.61-0.82 of A" when the path ran more than once. */
    private static String spread(List<Run> runs, double baselineRate) {
        if (runs.size() < 2 || runs.stream().anyMatch(run -> run.failure != null || !run.result.hasSteadyWindow())) {
            return "";
        }
        double min = runs.stream()
                .mapToDouble(run -> run.result.steadyRowsPerSecond())
                .min()
                .orElseThrow();
        double max = runs.stream()
                .mapToDouble(run -> run.result.steadyRowsPerSecond())
                .max()
                .orElseThrow();
        return String.format(
                Locale.ROOT,
                "  median of %d runs, %.2f-%.2f of A",
                runs.size(),
                min / baselineRate,
                max / baselineRate);
    }

    private static Timed median(List<Timed> runs) {
        List<Timed> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparing(Timed::elapsed));
        return sorted.get(sorted.size() / 2);
    }

    /** Baseline A, with the CPU time of this JVM (which does nothing else meanwhile) as its own. */
    private Timed bare(PrefilledTopic topic) {
        long pid = ProcessHandle.current().pid();
        ServicesCpu before = ServiceCpu.now();
        long ownBefore = ProcessCpu.cpuNanos(pid).orElse(0);
        Duration elapsed = BareConsumerBaseline.read(bootstrapServers, unique("bare"), topic);
        long own = ProcessCpu.cpuNanos(pid).orElse(0) - ownBefore;
        return new Timed(elapsed, before.describeUntil(ServiceCpu.now(), own, topic.rows()));
    }

    /**
     * The launcher with an environment given as words: {@code NAME=value} words set variables (MALLOC_ARENA_MAX=8),
     * the other words together are JAVA_OPTS, replacing the launcher's JVM settings.
     */
    private ConsumerProcessRun.Start launcher(List<String> variant) {
        Map<String, String> environment = new HashMap<>();
        List<String> javaOptions = new ArrayList<>();
        for (String word : variant) {
            if (word.matches("[A-Z_][A-Z0-9_]*=.*")) {
                environment.put(word.substring(0, word.indexOf('=')), word.substring(word.indexOf('=') + 1));
            } else {
                javaOptions.add(word);
            }
        }
        if (!javaOptions.isEmpty()) {
            environment.put("JAVA_OPTS", String.join(" ", javaOptions));
        }
        return args -> JarProgram.startLauncher(LAUNCHER, environment, directory, args);
    }

    private ConsumerProcessRun.Start jar(List<String> jvmOptions) {
        return args -> JarProgram.start(jvmOptions, JAR, directory, args);
    }

    /** Starts the consumer with {@code run ... --stop-at-end} into a new table; checks exit, commits and the table. */
    private Run consumer(BenchmarkRows shape, PrefilledTopic topic, String what, ConsumerProcessRun.Start start)
            throws Exception {
        return consumer(shape, topic, what, start, List.of());
    }

    private Run consumer(
            BenchmarkRows shape,
            PrefilledTopic topic,
            String what,
            ConsumerProcessRun.Start start,
            List<String> options)
            throws Exception {
        String table = "default." + unique(shape.name() + "_consumer");
        String group = unique("ch-consumer");
        List<String> args = new ArrayList<>(List.of(
                "run",
                "--topic",
                topic.topic(),
                "--group",
                group,
                "--table",
                table,
                "--create-table",
                "--stop-at-end",
                "--bootstrap-servers",
                bootstrapServers,
                "--schema-registry",
                registryUrl,
                "--clickhouse-url",
                ClickHouseExtension.httpUrl()));
        args.addAll(options);
        ConsumerProcessRun result = ConsumerProcessRun.measure(what, admin, group, topic.rows(), start, args);
        String failure = result.failure();
        if (failure == null) {
            try {
                checkRows(what, table, topic.rows());
            } catch (IllegalStateException e) {
                failure = e.getMessage();
            }
        }
        if (failure != null) {
            failures.add(shape.name() + ", " + what + ": " + failure);
        }
        System.out.printf(
                Locale.ROOT,
                "%s: %d rows in %.2f s, peak RSS %s%s%n",
                what,
                topic.rows(),
                seconds(result.wall()),
                ProcessMemory.mebibytes(result.peakRssBytes()),
                failure == null ? "" : ", FAILED: " + failure);
        return new Run(what, result, failure, table);
    }

    /** Baseline B: the rows as CSV, which the client parses and sends to the server in blocks. */
    private Timed directLoad(BenchmarkRows shape, PrefilledTopic topic) throws Exception {
        return load(shape, topic, "CSV", topic.csv());
    }

    /** C: the rows as RowBinary, what ch-consumer sends, which the server parses itself. */
    private Timed rowBinaryLoad(BenchmarkRows shape, PrefilledTopic topic, Path rowBinary) throws Exception {
        return load(shape, topic, "RowBinary", rowBinary);
    }

    private Timed load(BenchmarkRows shape, PrefilledTopic topic, String format, Path input) throws Exception {
        String table = newDirectTable(shape);
        ServicesCpu before = ServiceCpu.now();
        DirectLoadBaseline.Load load =
                DirectLoadBaseline.load(ClickHouseExtension.server().tcpPort(), table, format, input, directory);
        ServicesCpu after = ServiceCpu.now();
        checkRows("clickhouse-client " + format, table, topic.rows());
        return new Timed(load.elapsed(), before.describeUntil(after, load.clientCpuNanos(), topic.rows()));
    }

    /** C2: RowBinary of a consumer's table into a new table made as that one. */
    private Timed consumerLayoutLoad(String consumerTable, PrefilledTopic topic, Path rowBinary) throws Exception {
        String table = consumerTable + "_c2_" + (++names);
        ClickHouseExtension.query("CREATE TABLE " + table + " AS " + consumerTable);
        ServicesCpu before = ServiceCpu.now();
        DirectLoadBaseline.Load load = DirectLoadBaseline.load(
                ClickHouseExtension.server().tcpPort(), table, "RowBinary", rowBinary, directory);
        ServicesCpu after = ServiceCpu.now();
        checkRows("clickhouse-client RowBinary, consumer layout", table, topic.rows());
        return new Timed(load.elapsed(), before.describeUntil(after, load.clientCpuNanos(), topic.rows()));
    }

    /** The topic's rows in RowBinary as the server itself writes them (from a CSV load, untimed). */
    private Path rowBinaryOf(BenchmarkRows shape, PrefilledTopic topic) throws Exception {
        String table = newDirectTable(shape);
        DirectLoadBaseline.load(ClickHouseExtension.server().tcpPort(), table, "CSV", topic.csv(), directory);
        Path rowBinary = directory.resolve(topic.topic() + ".bin");
        DirectLoadBaseline.dump(ClickHouseExtension.server().tcpPort(), table, "RowBinary", rowBinary);
        return rowBinary;
    }

    private String newDirectTable(BenchmarkRows shape) {
        String table = "default." + unique(shape.name() + "_direct");
        ClickHouseExtension.query(
                "CREATE TABLE " + table + " " + shape.columns() + " ENGINE = MergeTree ORDER BY tuple()");
        return table;
    }

    private PrefilledTopic fill(BenchmarkRows shape, long perPartition, String role) throws Exception {
        String topic = unique(shape.name() + "-" + role);
        return PrefilledTopic.write(
                admin,
                bootstrapServers,
                registryUrl,
                topic,
                PARTITIONS,
                perPartition,
                shape,
                directory.resolve(topic + ".csv"));
    }

    /** Fails the benchmark unless the table holds exactly {@code rows} rows of as many distinct ids. */
    private static void checkRows(String what, String table, long rows) {
        String found = ClickHouseExtension.query(
                        "SELECT count(), count(DISTINCT id) FROM " + table + " FORMAT TabSeparated")
                .strip();
        if (!found.equals(rows + "\t" + rows)) {
            throw new IllegalStateException(what + ": table " + table + " holds [count, distinct ids] = ["
                    + found.replace('\t', ',') + "], expected exactly " + rows + " of each");
        }
    }

    private String unique(String prefix) {
        return prefix.replace('-', '_') + "_" + ProcessHandle.current().pid() + "_" + (++names);
    }

    private static List<BenchmarkRows> shapes(String names) {
        List<BenchmarkRows> shapes = new ArrayList<>();
        for (String name : names.split(",")) {
            switch (name.strip()) {
                case "narrow" -> shapes.add(new NarrowRows());
                case "trades" -> shapes.add(new TradeRows());
                default ->
                    throw new IllegalArgumentException(
                            "benchmark.shapes: unknown shape '" + name + "' (narrow, trades)");
            }
        }
        return shapes;
    }

    private static List<List<String>> variants(String text) {
        return Arrays.stream(text.split(";"))
                .map(String::strip)
                .filter(variant -> !variant.isEmpty())
                .map(variant -> List.of(variant.split("\\s+")))
                .toList();
    }

    private static String ratio(double value, double to) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.2f", value / to);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** A baseline's time and what it cost in CPU. */
    private record Timed(Duration elapsed, String cpu) {}

    /** One way of starting the consumer, measured once per round. */
    private record Variant(String what, ConsumerProcessRun.Start start, List<String> options) {}

    /** @param failure why the run does not count (the consumer failed, or the table is not exactly the topic), or null */
    private record Run(String what, ConsumerProcessRun result, String failure, String table) {}
}
