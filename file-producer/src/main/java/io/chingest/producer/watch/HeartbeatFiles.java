package io.chingest.producer.watch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The heartbeat files of a spool directory's watchers, {@code DIR/.watchers/<id>.heartbeat}. A heartbeat is written
 * to a temporary file and renamed over the old one, so a reader on any host sees a whole heartbeat or the previous one;
 * plain files and renames are all this needs of a shared file system (no OS locks, which NFS and SMB do not keep
 * reliably). Stateless; safe for any thread.
 */
public final class HeartbeatFiles {

    private final Path directory;

    public HeartbeatFiles(Path spool) {
        this.directory = spool.resolve(".watchers");
    }

    /** The heartbeat file of a watcher id. */
    public Path of(String watcherId) {
        return directory.resolve(watcherId + ".heartbeat");
    }

    /** What the heartbeat file of the id holds now, or empty when there is none. */
    public Optional<String> read(String watcherId) throws IOException {
        try {
            return Optional.of(Files.readString(of(watcherId), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Replaces the heartbeat of the id by this one, atomically. */
    public void write(String watcherId, Heartbeat heartbeat) throws IOException {
        Files.createDirectories(directory);
        Path written = directory.resolve("." + watcherId + "." + heartbeat.token() + ".tmp");
        Files.writeString(written, heartbeat.toText(), StandardCharsets.UTF_8);
        Files.move(written, of(watcherId), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Removes the heartbeat file of the id, if there is one. */
    public void delete(String watcherId) throws IOException {
        Files.deleteIfExists(of(watcherId));
    }
}
