package io.chingest.consumer.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of a program's runnable jar as a separate JVM, the way a user starts it, with its output
 * captured in a file so that a full pipe never blocks it. Owned by the test thread that starts it.
 */
final class ProgramRun {
    private final String name;
    private final Process process;
    private final Path output;

    private ProgramRun(String name, Process process, Path output) {
        this.name = name;
        this.process = process;
        this.output = output;
    }

    /** Starts {@code java -jar jar args...}; the child is destroyed if the test JVM exits first. */
    static ProgramRun start(Path jar, List<String> args) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (mvn package)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        String name = jar.getFileName().toString();
        Path output = Files.createTempFile(name + "-", ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        return new ProgramRun(name, process, output);
    }

    /** Waits for the program to exit and returns its exit code; fails with its output if it does not. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(name + " did not exit within " + timeout + "; output:\n" + output());
        }
        return process.exitValue();
    }

    /** Asks the program to stop the way an operator does (SIGTERM). */
    void terminate() {
        process.destroy();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The program's output so far (standard output and error), for assertion messages. */
    String output() {
        try {
            return name + " output:\n" + Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return name + " output unreadable: " + e;
        }
    }
}
