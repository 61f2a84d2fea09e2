package io.chingest.producer.watch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A spool directory shared by any number of watchers, on one host or on hosts that mount it: files arrive in
 * {@code incoming/}, a watcher claims one by renaming it atomically to {@code processing/<watcher id>~<name>} (the
 * rename succeeds for exactly one claimer), and moves it to {@code done/} or to {@code failed/} with a
 * {@code <name>.reason} file beside it. Names starting with {@code .} or ending in {@code .tmp} or {@code .part} are
 * files still being written and are never taken: writers give the file its final name by a rename once it is
 * complete. A file modified within the quiet period is not taken either. A watcher takes the files it had claimed
 * before (a restart) ahead of new ones. Used by one watcher's thread.
 */
public final class SpoolDirectory {

    /** Between the watcher id and the file's name in {@code processing/}. */
    public static final String CLAIM_SEPARATOR = "~";

    private final Path incoming;
    private final Path processing;
    private final Path done;
    private final Path failed;
    private final String claimPrefix;
    private final Duration quietPeriod;
    private final Clock clock;

    public SpoolDirectory(Path root, String watcherId, Duration quietPeriod, Clock clock) {
        this.incoming = root.resolve("incoming");
        this.processing = root.resolve("processing");
        this.done = root.resolve("done");
        this.failed = root.resolve("failed");
        this.claimPrefix = watcherId + CLAIM_SEPARATOR;
        this.quietPeriod = quietPeriod;
        this.clock = clock;
    }

    /** Creates the four directories where missing. */
    public void createDirectories() throws IOException {
        for (Path directory : List.of(incoming, processing, done, failed)) {
            Files.createDirectories(directory);
        }
    }

    /** Whether a file of this name is still being written by the convention. */
    public static boolean stillBeingWritten(String name) {
        return name.startsWith(".") || name.endsWith(".tmp") || name.endsWith(".part");
    }

    /**
     * The next file for this watcher: one it had claimed before, else a new one claimed now.
     *
     * @return the claimed file in {@code processing/}, or empty when there is none
     */
    public Optional<Path> next() throws IOException {
        for (Path claimed : sortedFiles(processing)) {
            if (claimed.getFileName().toString().startsWith(claimPrefix)) {
                return Optional.of(claimed);
            }
        }
        Instant settledBefore = clock.instant().minus(quietPeriod);
        for (Path candidate : sortedFiles(incoming)) {
            String name = candidate.getFileName().toString();
            if (stillBeingWritten(name) || !Files.isRegularFile(candidate)) {
                continue;
            }
            try {
                if (!quietPeriod.isZero()
                        && Files.getLastModifiedTime(candidate).toInstant().isAfter(settledBefore)) {
                    continue;
                }
                return Optional.of(
                        Files.move(candidate, processing.resolve(claimPrefix + name), StandardCopyOption.ATOMIC_MOVE));
            } catch (NoSuchFileException | FileAlreadyExistsException takenMeanwhile) {
                // another watcher renamed it first
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the spool directory must be one file system: " + e.getMessage(), e);
            }
        }
        return Optional.empty();
    }

    /** The name the file arrived with. */
    public static String arrivalName(Path claimed) {
        String name = claimed.getFileName().toString();
        int separator = name.indexOf(CLAIM_SEPARATOR);
        return separator < 0 ? name : name.substring(separator + CLAIM_SEPARATOR.length());
    }

    /** Moves a claimed file to {@code done/}; returns where it is now. */
    public Path done(Path claimed) throws IOException {
        return moveTo(done, claimed);
    }

    /** Moves a claimed file to {@code failed/} and writes the reason beside it; returns where it is now. */
    public Path failed(Path claimed, String reason) throws IOException {
        Path target = moveTo(failed, claimed);
        Files.writeString(
                target.resolveSibling(target.getFileName() + ".reason"), reason + "\n", StandardCharsets.UTF_8);
        return target;
    }

    private static Path moveTo(Path directory, Path claimed) throws IOException {
        String name = arrivalName(claimed);
        Path target = directory.resolve(name);
        for (int n = 1; Files.exists(target); n++) {
            target = directory.resolve(name + "." + n);
        }
        return Files.move(claimed, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private static List<Path> sortedFiles(Path directory) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            entries.forEach(files::add);
        }
        files.sort(null);
        return files;
    }
}
