package io.chingest.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Finds the clickhouse-server binary of the Debian package and, when it is missing, runs the local stack's
 * install routine ({@code docker/local-stack.sh install}, root only) once. Thread-safe.
 */
final class ClickHouseInstallation {
    static final String PACKAGES = "clickhouse-server clickhouse-client";
    static final List<Path> SERVER_BINARIES =
            List.of(Path.of("/usr/bin/clickhouse-server"), Path.of("/usr/sbin/clickhouse-server"));
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(15);
    private static final int OUTPUT_LINES = 15;

    private final List<Path> binaries;
    private final Optional<Path> installScript;
    private Path found;

    ClickHouseInstallation(List<Path> binaries, Optional<Path> installScript) {
        this.binaries = List.copyOf(binaries);
        this.installScript = installScript;
    }

    /** The Debian package's binary locations and the checkout's docker/local-stack.sh. */
    static ClickHouseInstallation standard() {
        Optional<Path> script = BuildLayout.current()
                .checkoutRoot()
                .or(ClickHouseInstallation::checkoutAboveWorkingDirectory)
                .map(root -> root.resolve("docker/local-stack.sh"))
                .filter(Files::isRegularFile);
        return new ClickHouseInstallation(SERVER_BINARIES, script);
    }

    /**
     * The clickhouse-server executable; installs the packages first if none is there.
     *
     * @throws IllegalStateException naming the packages to install when it is missing and cannot be installed
     */
    synchronized Path serverBinary() {
        if (found == null) {
            found = existingBinary().orElseGet(this::installAndFind);
        }
        return found;
    }

    private Optional<Path> existingBinary() {
        return binaries.stream().filter(Files::isExecutable).findFirst();
    }

    private Path installAndFind() {
        String outcome;
        if (installScript.isEmpty()) {
            outcome = "no docker/local-stack.sh found to install them with";
        } else {
            outcome = runInstall(installScript.get());
        }
        return existingBinary()
                .orElseThrow(() -> new IllegalStateException("ClickHouse server not found at "
                        + binaries.stream().map(Path::toString).collect(Collectors.joining(" or "))
                        + ". Install the Debian packages " + PACKAGES
                        + " as root (apt-get update && apt-get install -y "
                        + PACKAGES + ", or docker/local-stack.sh install). Automatic install: " + outcome));
    }

    private static String runInstall(Path script) {
        try {
            Path output = Files.createTempFile("clickhouse-install", ".log");
            try {
                Process process = new ProcessBuilder("bash", script.toString(), "install")
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(
                                Path.of("/dev/null").toFile()))
                        .start();
                if (!process.waitFor(INSTALL_TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    return script + " install did not finish within " + INSTALL_TIMEOUT.toMinutes() + " min";
                }
                return script + " install exited with code " + process.exitValue() + ":\n"
                        + LogTail.lastLines(output, OUTPUT_LINES);
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            return "cannot run " + script + " install: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while running " + script + " install";
        }
    }

    private static Optional<Path> checkoutAboveWorkingDirectory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker/local-stack.sh"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }
}
