package io.chingest.producer.watch;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Makes a watcher id exclusive for the life of the process: an operating-system lock on
 * {@code DIR/.watchers/<id>.lock}, released when the process ends, however it ends. Two watchers with one id would
 * both resume the files claimed under it. Owned by the watch run.
 */
public final class WatcherLock implements AutoCloseable {

    private final String watcherId;
    private final FileChannel channel;
    private final FileLock lock;

    private WatcherLock(String watcherId, FileChannel channel, FileLock lock) {
        this.watcherId = watcherId;
        this.channel = channel;
        this.lock = lock;
    }

    /** The id this process holds. */
    public String watcherId() {
        return watcherId;
    }

    /** @throws IllegalStateException naming the id and the lock file when another process holds it */
    public static WatcherLock acquire(Path spool, String watcherId) throws IOException {
        Path file = spool.resolve(".watchers").resolve(watcherId + ".lock");
        Files.createDirectories(file.getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("watcher id '" + watcherId + "' is in use by another watch process (lock "
                    + file + "); give each watcher of one spool directory its own --watcher-id");
        }
        return new WatcherLock(watcherId, channel, lock);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
