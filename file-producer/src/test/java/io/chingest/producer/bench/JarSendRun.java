package io.chingest.producer.bench;

import io.chingest.testing.JarProgram;
import io.chingest.testing.ProcessMemory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One {@code file-producer send} run as users run it, its own JVM from the jar with the given JVM options, watched
 * from outside: wall time from process start to exit (JVM start, registry, producer start and the whole file), and
 * the process's peak resident set (VmHWM, sampled every 20 ms). The run must exit 0 having published every row.
 * Runs on the calling thread plus the memory sampler's.
 *
 * @param wall         process start to exit
 * @param peakRssBytes the highest VmHWM read while it ran
 */
record JarSendRun(Duration wall, long peakRssBytes) {
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    /**
     * Runs {@code java jvmOptions -jar jar send --topic topic ... file} in {@code workDirectory}.
     *
     * @throws IllegalStateException when the run does not exit 0 with all {@code rows} published, with its output
     */
    static JarSendRun measure(Path jar, Path workDirectory, List<String> jvmOptions, List<String> sendArgs, long rows)
            throws Exception {
        long started = System.nanoTime();
        try (JarProgram program = JarProgram.start(jvmOptions, jar, workDirectory, sendArgs);
                ProcessMemory.Sampler memory = ProcessMemory.sample(program.pid(), Duration.ofMillis(20))) {
            int code = program.awaitExit(TIMEOUT);
            Duration wall = Duration.ofNanos(System.nanoTime() - started);
            memory.close();
            String expected = rows + " rows read, " + rows + " published, 0 rejected";
            if (code != 0 || !program.stderr().contains(expected)) {
                throw new IllegalStateException("java " + String.join(" ", jvmOptions) + " -jar " + jar
                        + " exited with " + code + ", expected \"" + expected + "\"; " + program.output());
            }
            return new JarSendRun(wall, memory.peakBytes());
        }
    }
}
