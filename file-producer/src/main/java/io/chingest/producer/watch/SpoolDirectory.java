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
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A spool directory shared by any number of watchers, on one host or on hosts that mount it: files arrive in
 * {@code incoming/}, a watcher claims one by renaming it atomically to {@code processing/<watcher id>~<name>} (the
 * rename succeeds for exactly one claimer), and moves it to {@code done/} or to {@code failed/} with a
 * {@code <name>.reason} file beside it. Names starting with {@code .} or ending in {@code .tmp} or {@code .part} are
 * files still being written and are never taken: writers give the file its final name by a rename once it is
 * complete. A file modified within the quiet period is not taken either. A watcher takes the files it had claimed
 * before (a restart) ahead of new ones, then the files of dead watchers (their {@link WatcherLiveness heartbeat} read the
 * same for {@code --takeover-after}), by renaming each to its own id: the rename succeeds for exactly one taker. Used by
 * one watcher's thread.
 */
public final class SpoolDirectory {

    /** Between the watcher id and the file's name in {@code processing/}. */
    public static final String CLAIM_SEPARATOR = "~";

    private final Path incoming;
    private final Path processing;
    private final Path done;
    private final Path failed;
    private final String watcherId;
    private final String claimPrefix;
    private final Duration quietPeriod;
    private final Clock clock;
    private final HeartbeatFiles heartbeats;
    private final WatcherLiveness liveness;

    /**
     * A file taken by this watcher.
     *
     * @param file          where it is now, in {@code processing/} under this watcher's id
     * @param takenOverFrom the dead watcher it was taken over from, or null for a file of this watcher's own
     */
    public record Claim(Path file, String takenOverFrom) {
        public boolean takenOver() {
            return takenOverFrom != null;
        }
    }

    public SpoolDirectory(Path root, String watcherId, Duration quietPeriod, Clock clock, WatcherLiveness liveness) {
        this.watcherId = watcherId;
        this.heartbeats = new HeartbeatFiles(root);
        this.liveness = liveness;
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
     * The next file for this watcher: one it had claimed before, else one of a dead watcher taken over now, else a
     * new one claimed now.
     *
     * @return the claimed file in {@code processing/}, or empty when there is none
     */
    public Optional<Claim> next() throws IOException {
        Map<String, List<Path>> claims = claimsByWatcher();
        List<Path> own = claims.remove(watcherId);
        if (own != null) {
            return Optional.of(new Claim(own.get(0), null));
        }
        for (Map.Entry<String, List<Path>> other : claims.entrySet()) {
            if (liveness.observe(other.getKey(), heartbeats.read(other.getKey()))) {
                for (Path claim : other.getValue()) {
                    Optional<Path> taken = rename(claim, processing.resolve(claimPrefix + arrivalName(claim)));
                    if (taken.isPresent()) {
                        return Optional.of(new Claim(taken.get(), other.getKey()));
                    }
                }
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
            } catch (NoSuchFileException takenMeanwhile) {
                continue;
            }
            Optional<Path> claimed = rename(candidate, processing.resolve(claimPrefix + name));
            if (claimed.isPresent()) {
                return Optional.of(new Claim(claimed.get(), null));
            }
        }
        return Optional.empty();
    }

    /** The files in {@code processing/} by the id of the watcher that holds them, ids and files in name order. */
    public Map<String, List<Path>> claimsByWatcher() throws IOException {
        Map<String, List<Path>> claims = new TreeMap<>();
        for (Path claimed : sortedFiles(processing)) {
            String name = claimed.getFileName().toString();
            int separator = name.indexOf(CLAIM_SEPARATOR);
            if (separator > 0) {
                claims.computeIfAbsent(name.substring(0, separator), id -> new ArrayList<>())
                        .add(claimed);
            }
        }
        return claims;
    }

    /**
     * Whether this watcher still holds the file it claimed: false once another watcher took it over (renamed it to its
     * own id), which happens when this one did not renew its heartbeat for {@code --takeover-after}.
     */
    public boolean holds(Claim claim) {
        return Files.exists(claim.file());
    }

    /** Renames atomically; empty when the source is gone (another watcher renamed it first). */
    private static Optional<Path> rename(Path source, Path target) throws IOException {
        try {
            return Optional.of(Files.move(source, target, StandardCopyOption.ATOMIC_MOVE));
        } catch (NoSuchFileException | FileAlreadyExistsException takenMeanwhile) {
            return Optional.empty();
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the spool directory must be one file system: " + e.getMessage(), e);
        }
    }

    /** The name the file arrived with. */
    public static String arrivalName(Path claimed) {
        String name = claimed.getFileName().toString();
        int separator = name.indexOf(CLAIM_SEPARATOR);
        return separator < 0 ? name : name.substring(separator + CLAIM_SEPARATOR.length());
    }

    /**
     * Moves a claimed file to {@code done/}; returns where it is now.
     *
     * @throws NoSuchFileException when the file is no longer this watcher's (taken over): it stays where it is
     */
    public Path done(Claim claim) throws IOException {
        return moveTo(done, claim.file());
    }

    /**
     * Moves a claimed file to {@code failed/} and writes the reason beside it; returns where it is now.
     *
     * @throws NoSuchFileException when the file is no longer this watcher's (taken over): it stays where it is
     */
    public Path failed(Claim claim, String reason) throws IOException {
        Path target = moveTo(failed, claim.file());
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
