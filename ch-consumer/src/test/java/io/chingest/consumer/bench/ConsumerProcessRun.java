package io.chingest.consumer.bench;

import io.chingest.testing.JarProgram;
import io.chingest.testing.ProcessMemory;
import io.chingest.testing.ServicesCpu;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;

/**
 * One ch-consumer process run to the end of a pre-filled topic ({@code run --stop-at-end}) and what it showed from
 * outside: wall time from process start to exit, committed offsets looked at every {@value #LOOK_MILLIS} ms (the
 * steady rate is the rows committed between the first and the last change over the time between them), and the
 * process's peak resident set. Runs on the calling thread plus one sampling and one waiting thread.
 *
 * @param wall          process start to exit
 * @param firstCommit   process start to the first commit seen
 * @param steadyRows    rows committed between the first and last commit seen
 * @param steadyWindow  time between them
 * @param commitChanges looks that saw the committed offsets change
 * @param peakRssBytes  the highest VmHWM read from /proc while it ran
 * @param cpu           the consumer's, the server's and the broker's CPU time per row and how busy the machine was, in
 *                      the steady window and over the whole run
 * @param summary       the consumer's own summary line
 * @param failure       why the run failed (exit code, offsets not all committed), or null
 */
record ConsumerProcessRun(
        Duration wall,
        Duration firstCommit,
        long steadyRows,
        Duration steadyWindow,
        int commitChanges,
        long peakRssBytes,
        String cpu,
        String summary,
        String failure) {
    static final long LOOK_MILLIS = 100;
    static final int MIN_STEADY_COMMITS = 3;
    static final Duration MIN_STEADY_WINDOW = Duration.ofSeconds(1);
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    /** The program a run starts, given the consumer's arguments: the plain jar with JVM options, or the launcher. */
    interface Start {
        JarProgram start(List<String> consumerArgs) throws Exception;
    }

    /**
     * Starts the program with {@code args} and watches it to its exit; {@code rows} is what {@code group} must have
     * committed by then.
     */
    static ConsumerProcessRun measure(String what, Admin admin, String group, long rows, Start start, List<String> args)
            throws Exception {
        long started = System.nanoTime();
        ServicesCpu servicesAtStart = ServiceCpu.now();
        JarProgram program = start.start(args);
        try (program;
                ProcessMemory.Sampler memory = ProcessMemory.sample(program.pid(), Duration.ofMillis(20))) {
            CompletableFuture<Long> exited = CompletableFuture.supplyAsync(awaitExit(program));
            CommitWatch commits = new CommitWatch(admin, group);
            // CPU readings taken with the looks that saw the first and the last change: the steady window's cost.
            CpuReading firstChange = null;
            CpuReading lastChange = null;
            while (!exited.isDone()) {
                CpuReading reading = new CpuReading(memory.cpuNanos(), ServiceCpu.now());
                int changesBefore = commits.changes();
                commits.look(Long.MAX_VALUE);
                if (commits.changes() != changesBefore) {
                    firstChange = firstChange == null ? reading : firstChange;
                    lastChange = reading;
                }
                Thread.sleep(LOOK_MILLIS);
            }
            long exitNanos = exited.get();
            ServicesCpu servicesAtExit = ServiceCpu.now();
            // The last commit precedes the exit; an answer that shows it after the exit is dated at the exit.
            int changesBefore = commits.changes();
            commits.look(exitNanos);
            memory.close();
            if (commits.changes() != changesBefore) {
                lastChange = new CpuReading(memory.cpuNanos(), servicesAtExit);
            }
            String steadyCpu = firstChange == null || lastChange == firstChange
                    ? "no steady window"
                    : firstChange
                            .services()
                            .describeUntil(
                                    lastChange.services(),
                                    lastChange.consumerNanos() - firstChange.consumerNanos(),
                                    commits.rowsBetweenFirstAndLast());
            int code = program.awaitExit(Duration.ofSeconds(1));
            String failure = null;
            if (code != 0) {
                failure = "ch-consumer exited with " + code + ": " + firstError(program.stderr());
                System.err.println(what + ": " + failure + "\n" + program.output());
            } else if (commits.committed() != rows) {
                failure = "group " + group + " committed " + commits.committed() + " of " + rows + " offsets";
                System.err.println(what + ": " + failure + "\n" + program.output());
            }
            String summary = program.stdout()
                    .lines()
                    .filter(line -> line.startsWith("ch-consumer summary"))
                    .findFirst()
                    .orElse("(no summary line)");
            return new ConsumerProcessRun(
                    Duration.ofNanos(exitNanos - started),
                    Duration.ofNanos(commits.firstChangeNanos() - started),
                    commits.rowsBetweenFirstAndLast(),
                    commits.firstToLast(),
                    commits.changes(),
                    memory.peakBytes(),
                    "steady " + steadyCpu + "; whole run "
                            + servicesAtStart.describeUntil(servicesAtExit, memory.cpuNanos(), rows),
                    summary,
                    failure);
        }
    }

    /** The consumer's CPU time and the services' at one moment. */
    private record CpuReading(long consumerNanos, ServicesCpu services) {}

    /** The line of the output that names the error (a Java error, else the program's own message), for the report. */
    private static String firstError(String stderr) {
        List<String> lines = stderr.lines().toList();
        return lines.stream()
                .filter(line -> line.matches(".*java\\.lang\\.\\w+Error.*"))
                .findFirst()
                .or(() -> lines.stream()
                        .filter(line -> line.startsWith("ch-consumer:"))
                        .findFirst())
                .or(() ->
                        lines.stream().filter(line -> line.contains(" ERROR ")).findFirst())
                .map(line -> line.length() > 300 ? line.substring(0, 300) + "..." : line)
                .orElse("(no error line)");
    }

    private static Supplier<Long> awaitExit(JarProgram program) {
        return () -> {
            try {
                program.awaitExit(TIMEOUT);
                return System.nanoTime();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for ch-consumer", e);
            }
        };
    }

    /**
     * True when at least {@value #MIN_STEADY_COMMITS} commits were seen over at least a second, so that the rate
     * between the first and the last means something; with few rows the consumer commits each partition once at the
     * end, and then there is no steady window.
     */
    boolean hasSteadyWindow() {
        return failure == null
                && commitChanges >= MIN_STEADY_COMMITS
                && steadyRows > 0
                && steadyWindow.compareTo(MIN_STEADY_WINDOW) >= 0;
    }

    double steadyRowsPerSecond() {
        return steadyRows / (steadyWindow.toNanos() / 1e9);
    }
}
