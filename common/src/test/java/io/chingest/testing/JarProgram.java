package io.chingest.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A program's runnable jar run as its own JVM, the way a user starts it. Standard output and error go to
 * files, so a full pipe never blocks the program; {@code CH_INGEST_*} variables of the developer's shell are
 * removed so they cannot leak into the run; the process is killed if the test JVM exits first.
 * Owned by the test that starts it; not thread-safe.
 */
public final class JarProgram implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private JarProgram(String name, Process process, Path stdout, Path stderr) {
        this.name = name;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code java -Xmx256m -jar jar args...} in {@code workDirectory}, where its output files go too. */
    public static JarProgram start(Path jar, Path workDirectory, List<String> args) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the package phase builds it before the integration tests");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar", jar.toString()));
        command.addAll(args);
        String name = jar.getFileName().toString().replaceFirst("\\.jar$", "");
        Path stdout = Files.createTempFile(workDirectory, name + "-stdout-", ".txt");
        Path stderr = Files.createTempFile(workDirectory, name + "-stderr-", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDirectory.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        builder.environment().keySet().removeIf(variable -> variable.startsWith("CH_INGEST_"));
        Process process = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        return new JarProgram(name, process, stdout, stderr);
    }

    public static JarProgram start(Path jar, Path workDirectory, String... args) throws IOException {
        return start(jar, workDirectory, List.of(args));
    }

    /** Waits for the program to exit and returns its exit code; kills it and fails with its output if it does not. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(name + " did not exit within " + timeout + "; " + output());
        }
        return process.exitValue();
    }

    /** Asks the program to stop the way an operator does: SIGTERM, as {@code kill PID}. */
    public void terminate() {
        process.destroy();
    }

    /** Kills the program the way a crash or {@code kill -9} does: SIGKILL, no shutdown hook runs. */
    public void kill() {
        process.toHandle().destroyForcibly();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String stdout() {
        return read(stdout);
    }

    public String stderr() {
        return read(stderr);
    }

    /** Both outputs, labelled, for assertion messages. */
    public String output() {
        return name + " stdout:\n" + stdout() + "\n" + name + " stderr:\n" + stderr();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
