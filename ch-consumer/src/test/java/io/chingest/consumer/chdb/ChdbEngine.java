package io.chingest.consumer.chdb;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A current ClickHouse engine run in-process by the npm package chdb under node: SQL statements go in, their answers
 * come out as text. The package is installed by {@code .ci/install-chdb} into a directory outside the repository (system
 * property {@code chingest.chdb.dir}); when node or the package is missing the tests that use it fail, saying how to
 * install it. Stateless; each call is one node process.
 */
final class ChdbEngine {
    /** The chdb release the tests are written against; it bundles ClickHouse 26.7. */
    static final String PACKAGE_VERSION = "3.4.0";

    private static final long TIMEOUT_SECONDS = 120;

    private final Path modules;
    private final Path script;

    private ChdbEngine(Path modules, Path script) {
        this.modules = modules;
        this.script = script;
    }

    /** @throws AssertionError naming what is missing and the command that installs it */
    static ChdbEngine installed() {
        String dir = System.getProperty("chingest.chdb.dir");
        if (dir == null || dir.isBlank()) {
            throw new AssertionError(
                    "system property chingest.chdb.dir is not set; run the test through Maven (failsafe sets it)");
        }
        Path modules = Path.of(dir).resolve("node_modules");
        Path packageJson = modules.resolve("chdb").resolve("package.json");
        String install =
                "install it with: bash .ci/install-chdb (npm install chdb@" + PACKAGE_VERSION + " into " + dir + ")";
        try {
            if (!Files.isRegularFile(packageJson)) {
                throw new AssertionError("the npm package chdb is not installed in " + modules + "; " + install);
            }
            if (!Files.readString(packageJson).contains("\"version\": \"" + PACKAGE_VERSION + "\"")) {
                throw new AssertionError(packageJson + " is not chdb " + PACKAGE_VERSION + "; " + install);
            }
            Path script = Files.createTempFile("chdb-run-queries", ".js");
            try (InputStream in = ChdbEngine.class.getResourceAsStream("/chdb/run-queries.js")) {
                Files.write(script, in.readAllBytes());
            }
            script.toFile().deleteOnExit();
            ChdbEngine engine = new ChdbEngine(modules, script);
            engine.node(List.of("--version"));
            return engine;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the statements in one session kept in {@code sessionDir}; returns their answers, concatenated. */
    String query(Path sessionDir, String format, String... statements) {
        List<String> args = new ArrayList<>(List.of(script.toString(), sessionDir.toString(), format));
        args.addAll(List.of(statements));
        return node(args);
    }

    private String node(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add("node");
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("NODE_PATH", modules.toString());
        // DateTime values print in the session's time zone; the consumer's tables are read as UTC.
        builder.environment().put("TZ", "UTC");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError(
                    "node could not be started (" + e.getMessage() + "); install Node.js 18 or later", e);
        }
        try {
            process.getOutputStream().close();
            CompletableFuture<String> out = readAll(process.getInputStream());
            CompletableFuture<String> err = readAll(process.getErrorStream());
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("node " + args.get(0) + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("node exited with " + process.exitValue() + ": "
                        + err.join().strip());
            }
            return out.join();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new AssertionError("interrupted while node ran", e);
        }
    }

    private static CompletableFuture<String> readAll(InputStream in) {
        // A thread of its own per stream: the common pool may have one thread, and a full pipe would stall node.
        return CompletableFuture.supplyAsync(
                () -> {
                    try (in) {
                        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                runnable -> {
                    Thread reader = new Thread(runnable, "chdb-output");
                    reader.setDaemon(true);
                    reader.start();
                });
    }
}
