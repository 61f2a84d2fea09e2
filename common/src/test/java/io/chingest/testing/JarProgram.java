package io.chingest.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        return start(List.of("-Xmx256m"), jar, workDirectory, args);
    }

    /**
     * Starts {@code java jvmOptions... -jar jar args...} in {@code workDirectory}; no option means the JVM's own
     * defaults, as a user's plain {@code java -jar} gets them.
     */
    public static JarProgram start(List<String> jvmOptions, Path jar, Path workDirectory, List<String> args)
            throws IOException {
        return start(jvmOptions, jar, Map.of(), workDirectory, args);
    }

    /**
     * Starts {@code java jvmOptions... -jar jar args...} with {@code environment} added to this JVM's (less its
     * {@code CH_INGEST_*} variables): a program configured the way a container configures it.
     */
    public static JarProgram start(
            List<String> jvmOptions, Path jar, Map<String, String> environment, Path workDirectory, List<String> args)
            throws IOException {
        requireBuilt(jar);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        return launch(jar.getFileName().toString().replaceFirst("\\.jar$", ""), command, environment, workDirectory);
    }

    /**
     * Starts a program's launcher script ({@code launcher args...}) with {@code environment} added to this JVM's
     * (less its {@code CH_INGEST_*} variables); unless {@code environment} says otherwise the script finds the
     * {@code java} of this JVM through JAVA_HOME and first on the PATH.
     */
    public static JarProgram startLauncher(
            Path launcher, Map<String, String> environment, Path workDirectory, List<String> args) throws IOException {
        requireBuilt(launcher);
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(args);
        Map<String, String> variables = new HashMap<>(environment);
        String javaBin = Path.of(System.getProperty("java.home"), "bin").toString();
        variables.putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        variables.putIfAbsent(
                "PATH", javaBin + java.io.File.pathSeparator + System.getenv().getOrDefault("PATH", ""));
        return launch(launcher.getFileName().toString(), command, variables, workDirectory);
    }

    private static void requireBuilt(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(
                    file + " is missing: the package phase builds it before the integration tests");
        }
    }

    private static JarProgram launch(
            String name, List<String> command, Map<String, String> environment, Path workDirectory) throws IOException {
        Path stdout = Files.createTempFile(workDirectory, name + "-stdout-", ".txt");
        Path stderr = Files.createTempFile(workDirectory, name + "-stderr-", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDirectory.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        builder.environment().keySet().removeIf(variable -> variable.startsWith("CH_INGEST_"));
        builder.environment().putAll(environment);
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

    /** The operating system's id of the process (a launcher that {@code exec}s java keeps it). */
    public long pid() {
        return process.pid();
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
